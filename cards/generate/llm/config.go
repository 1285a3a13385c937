package llm

import (
	"net/http"
	"strings"
	"time"
)

// The defaults ConfigFromEnv and New fill in.
const (
	// DefaultBaseURL is Ollama's OpenAI-compatible endpoint on this machine.
	DefaultBaseURL = "http://localhost:11434/v1"
	// DefaultModel is Meta's Llama 3.1 8B instruct model under its Ollama
	// name: small enough for a laptop, and it follows JSON schemas well
	// (Ollama enforces response_format with a grammar).
	DefaultModel = "llama3.1"
	// DefaultTimeout bounds each request (each attempt, when retried).
	DefaultTimeout = 60 * time.Second
	// EnvAPIKey is the environment variable holding the API key, sent as
	// "Authorization: Bearer KEY" when set. Local servers need none.
	EnvAPIKey = "MNEMO_LLM_API_KEY"
)

// Config says which model to ask and how.
type Config struct {
	// BaseURL is the API root, e.g. "http://localhost:11434/v1"; requests
	// go to BaseURL + "/chat/completions". A URL that already ends in
	// "/chat/completions" is used as it is.
	BaseURL string
	// Model is the model name the server knows, e.g. "llama3.1".
	Model string
	// APIKey, when not empty, is sent as a bearer token.
	APIKey string
	// Timeout bounds each request; zero or negative means DefaultTimeout.
	Timeout time.Duration
	// HTTPClient sends the requests; nil means http.DefaultClient.
	HTTPClient *http.Client
}

// ConfigFromEnv returns the default configuration with the API key read
// from EnvAPIKey through getenv (os.Getenv in the command; a map lookup in
// tests). A nil getenv reads nothing.
func ConfigFromEnv(getenv func(string) string) Config {
	cfg := Config{BaseURL: DefaultBaseURL, Model: DefaultModel, Timeout: DefaultTimeout}
	if getenv != nil {
		cfg.APIKey = strings.TrimSpace(getenv(EnvAPIKey))
	}
	return cfg
}

// withDefaults fills the zero fields of cfg.
func (cfg Config) withDefaults() Config {
	cfg.BaseURL = strings.TrimRight(strings.TrimSpace(cfg.BaseURL), "/")
	if cfg.BaseURL == "" {
		cfg.BaseURL = DefaultBaseURL
	}
	cfg.Model = strings.TrimSpace(cfg.Model)
	if cfg.Model == "" {
		cfg.Model = DefaultModel
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = DefaultTimeout
	}
	if cfg.HTTPClient == nil {
		cfg.HTTPClient = http.DefaultClient
	}
	return cfg
}

// endpoint is the chat-completions URL for cfg.BaseURL.
func (cfg Config) endpoint() string {
	if strings.HasSuffix(cfg.BaseURL, "/chat/completions") {
		return cfg.BaseURL
	}
	return cfg.BaseURL + "/chat/completions"
}

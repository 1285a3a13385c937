// Package llm is mnemo's language-model card generator (`--generate llm`,
// docs/notes-to-cards.md §3): it turns the prose of a Markdown note into
// question-and-answer cards by asking a model served over the
// OpenAI-compatible chat-completions API (Ollama, llama.cpp's server, vLLM
// and hosted services all speak it), using plain net/http.
//
// A note is split into heading sections; each section with prose is sent
// once, its lines numbered with their real line numbers, and the model is
// asked for JSON matching a schema. The reply is never trusted: it is
// parsed leniently (code fences and prose around the object are tolerated)
// but every card is checked, and a card whose quote cannot be found in the
// lines it names is dropped. Validated cards are cached by a hash of the
// model, prompt version and section text, so an unchanged section is never
// sent again.
//
// Failures are reported as *Error values whose messages name the URL and
// the fix; the sentinels (ErrUnreachable, ErrTimeout, ErrBadReply, ...) tell
// them apart.
package llm

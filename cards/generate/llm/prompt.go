package llm

import (
	"encoding/json"
	"strings"

	"github.com/mnemo-app/mnemo/cards/markdown"
)

// promptVersion names the system prompt, the schema and the cache format.
// Change it whenever any of them changes, so cached cards are regenerated.
const promptVersion = "mnemo-llm-1"

// temperature is low: the model should copy facts, not invent.
const temperature = 0.2

// maxAnswerWords drops cards whose answer is an essay. The prompt asks for
// at most 20 words; a little slack keeps good cards from a chatty model.
const maxAnswerWords = 30

// systemPrompt tells the model what a good card is.
const systemPrompt = `You write flashcards for spaced-repetition review from a person's Markdown notes.

You receive one section of a note. Every line starts with its line number, a colon and a space ("12: text"); the number is not part of the text.

Write cards only for facts, definitions, explanations and relationships that the lines state. Rules:
- One fact per card: an atomic question with one short answer.
- The question must make sense on its own, without the note: name the subject instead of writing "it", "this", "they" or "the author".
- The answer has at most 20 words and does not repeat the question.
- "quote" is copied verbatim from the lines (a phrase or a sentence, without line numbers) and shows that the answer is true. Never paraphrase or shorten words inside the quote.
- "start_line" and "end_line" are the numbers of the first and last line the quote is copied from.
- Do not make cards from links, URLs, images, file names, timestamps, video chapters or reading lists, nor about the note itself.
- Skip lines that are already flashcards (text with "::", "==highlight==", "{{c1::...}}", or "Q:" and "A:" lines).
- Use only what the lines say, no outside knowledge. Prefer a few good cards to many weak ones; if the lines state nothing worth remembering, return {"cards": []}.

Reply with JSON only, no code fences and no other text:
{"cards": [{"question": "...", "answer": "...", "quote": "...", "start_line": 12, "end_line": 12}]}`

// cardSchema is the JSON schema of the reply, in the strict form OpenAI
// requires (every property required, no additional properties).
const cardSchema = `{"type":"object","properties":{"cards":{"type":"array","items":{"type":"object","properties":{"question":{"type":"string"},"answer":{"type":"string"},"quote":{"type":"string"},"start_line":{"type":"integer"},"end_line":{"type":"integer"}},"required":["question","answer","quote","start_line","end_line"],"additionalProperties":false}}},"required":["cards"],"additionalProperties":false}`

// chatRequest is the body of POST /chat/completions.
type chatRequest struct {
	Model          string         `json:"model"`
	Messages       []chatMessage  `json:"messages"`
	Temperature    float64        `json:"temperature"`
	Stream         bool           `json:"stream"`
	ResponseFormat responseFormat `json:"response_format"`
}

type chatMessage struct {
	Role    string `json:"role"`
	Content string `json:"content"`
}

type responseFormat struct {
	Type       string     `json:"type"`
	JSONSchema jsonSchema `json:"json_schema"`
}

type jsonSchema struct {
	Name   string          `json:"name"`
	Strict bool            `json:"strict"`
	Schema json.RawMessage `json:"schema"`
}

// userPrompt is the section as the model sees it.
func userPrompt(doc *markdown.Document, s section) string {
	var b strings.Builder
	if len(s.context) > 0 {
		b.WriteString("Heading path: ")
		b.WriteString(strings.Join(s.context, " > "))
		b.WriteString("\n\n")
	}
	b.WriteString("Lines:\n")
	b.WriteString(s.numbered(doc))
	b.WriteString("\nWrite the flashcards for these lines as JSON.")
	return b.String()
}

// requestBody encodes the request for one section.
func requestBody(model string, doc *markdown.Document, s section) ([]byte, error) {
	return json.Marshal(chatRequest{
		Model: model,
		Messages: []chatMessage{
			{Role: "system", Content: systemPrompt},
			{Role: "user", Content: userPrompt(doc, s)},
		},
		Temperature: temperature,
		ResponseFormat: responseFormat{
			Type:       "json_schema",
			JSONSchema: jsonSchema{Name: "cards", Strict: true, Schema: json.RawMessage(cardSchema)},
		},
	})
}

package llm

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strings"
	"unicode"

	"github.com/mnemo-app/mnemo/cards"
	"github.com/mnemo-app/mnemo/cards/markdown"
)

// maxObjectStarts bounds how many '{' the object search tries, so a long
// reply full of braces costs linear time.
const maxObjectStarts = 16

// candidate is a card from a reply that passed every check, with its lines
// relative to the section's first line. It is also the cached form.
type candidate struct {
	Question string `json:"question"`
	Answer   string `json:"answer"`
	Quote    string `json:"quote"`
	Start    int    `json:"start"`
	End      int    `json:"end"`
}

// cacheEntry is what the cache stores for a section.
type cacheEntry struct {
	Cards []candidate `json:"cards"`
}

// chatResponse is the part of a chat-completion body we read.
type chatResponse struct {
	Choices []struct {
		Message struct {
			Content json.RawMessage `json:"content"`
			Refusal *string         `json:"refusal"`
		} `json:"message"`
		FinishReason *string `json:"finish_reason"`
	} `json:"choices"`
	Error json.RawMessage `json:"error"`
}

// parseReply reads a chat-completion body for section s of doc and returns
// the cards that survive validation. An error means the reply as a whole
// is unusable; its text is the detail of an ErrBadReply.
func parseReply(body []byte, doc *markdown.Document, s section) ([]candidate, error) {
	content, finish, err := completionContent(body)
	if err != nil {
		return nil, err
	}
	obj, err := extractObject(content)
	if err != nil {
		if finish == "length" {
			return nil, errors.New("the reply was cut off at the model's token limit")
		}
		return nil, err
	}
	items, err := cardItems(obj)
	if err != nil {
		return nil, err
	}
	var (
		out       []candidate
		malformed int
		problem   string
		seen      = map[string]bool{}
	)
	for i, item := range items {
		c, why := checkCard(item)
		if why != "" {
			malformed++
			if problem == "" {
				problem = fmt.Sprintf("card %d %s", i+1, why)
			}
			continue
		}
		if !grounded(doc, s, c) || len(strings.Fields(c.Answer)) > maxAnswerWords {
			continue
		}
		q := cards.Normalize(c.Question)
		if q == "" || seen[q] {
			continue
		}
		seen[q] = true
		c.Start -= s.first
		c.End -= s.first
		out = append(out, c)
	}
	if malformed > 0 && malformed == len(items) {
		return nil, fmt.Errorf("none of its %d cards has the requested fields: %s", len(items), problem)
	}
	return out, nil
}

// completionContent returns choices[0].message.content and the finish
// reason.
func completionContent(body []byte) (content, finish string, err error) {
	var r chatResponse
	if err := json.Unmarshal(body, &r); err != nil {
		return "", "", fmt.Errorf("the server's answer is not a chat completion: %w", err)
	}
	if len(r.Choices) == 0 {
		if msg := apiErrorMessage(r.Error); msg != "" {
			return "", "", fmt.Errorf("the server answered with an error: %s", msg)
		}
		return "", "", errors.New("the server's answer has no choices")
	}
	ch := r.Choices[0]
	if ch.FinishReason != nil {
		finish = *ch.FinishReason
	}
	raw := bytes.TrimSpace(ch.Message.Content)
	switch {
	case len(raw) == 0 || bytes.Equal(raw, []byte("null")):
		if ch.Message.Refusal != nil && *ch.Message.Refusal != "" {
			return "", finish, fmt.Errorf("the model refused: %s", *ch.Message.Refusal)
		}
		return "", finish, errors.New("the reply is empty")
	case raw[0] == '"':
		if err := json.Unmarshal(raw, &content); err != nil {
			return "", finish, fmt.Errorf("the message content is not a string: %w", err)
		}
	case raw[0] == '[':
		// Some servers send content as parts: [{"type":"text","text":"..."}].
		var parts []struct {
			Type string `json:"type"`
			Text string `json:"text"`
		}
		if err := json.Unmarshal(raw, &parts); err != nil {
			return "", finish, fmt.Errorf("the message content is neither text nor text parts: %w", err)
		}
		var b strings.Builder
		for _, p := range parts {
			if p.Type == "text" {
				b.WriteString(p.Text)
			}
		}
		content = b.String()
	default:
		return "", finish, errors.New("the message content is not text")
	}
	if strings.TrimSpace(content) == "" {
		return "", finish, errors.New("the reply is empty")
	}
	return content, finish, nil
}

// apiErrorMessage reads an error object as OpenAI ({"error":{"message":..}})
// or Ollama's native API ({"error":"..."}) write it; "" if there is none.
func apiErrorMessage(raw json.RawMessage) string {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || bytes.Equal(raw, []byte("null")) {
		return ""
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return strings.TrimSpace(s)
	}
	var o struct {
		Message string `json:"message"`
	}
	if json.Unmarshal(raw, &o) == nil {
		return strings.TrimSpace(o.Message)
	}
	return ""
}

// extractObject finds the JSON object in a model's message: the whole
// message, the inside of a ``` fence, or the outermost {...} with prose
// around it. A leading <think>...</think> block (reasoning models) is
// skipped.
func extractObject(content string) ([]byte, error) {
	s := strings.TrimSpace(content)
	if strings.HasPrefix(s, "<think>") {
		if i := strings.Index(s, "</think>"); i >= 0 {
			s = strings.TrimSpace(s[i+len("</think>"):])
		}
	}
	if s == "" {
		return nil, errors.New("the reply is empty")
	}
	if s[0] == '{' && json.Valid([]byte(s)) {
		return []byte(s), nil
	}
	if inner, ok := fenced(s); ok && strings.HasPrefix(inner, "{") && json.Valid([]byte(inner)) {
		return []byte(inner), nil
	}
	from := 0
	for tries := 0; tries < maxObjectStarts; tries++ {
		i := strings.IndexByte(s[from:], '{')
		if i < 0 {
			break
		}
		start := from + i
		if end := matchBrace(s, start); end > start && json.Valid([]byte(s[start:end+1])) {
			return []byte(s[start : end+1]), nil
		}
		from = start + 1
	}
	return nil, errors.New("no JSON object found in the reply")
}

// fenced returns the text inside the first ``` fence of s.
func fenced(s string) (string, bool) {
	i := strings.Index(s, "```")
	if i < 0 {
		return "", false
	}
	rest := s[i+3:]
	nl := strings.IndexByte(rest, '\n')
	if nl < 0 {
		return "", false
	}
	rest = rest[nl+1:] // drop the info string ("json")
	end := strings.Index(rest, "```")
	if end < 0 {
		end = len(rest)
	}
	return strings.TrimSpace(rest[:end]), true
}

// matchBrace returns the index of the '}' closing the '{' at start,
// skipping braces inside JSON strings, or -1.
func matchBrace(s string, start int) int {
	depth := 0
	inString, escaped := false, false
	for i := start; i < len(s); i++ {
		c := s[i]
		if inString {
			switch {
			case escaped:
				escaped = false
			case c == '\\':
				escaped = true
			case c == '"':
				inString = false
			}
			continue
		}
		switch c {
		case '"':
			inString = true
		case '{':
			depth++
		case '}':
			depth--
			if depth == 0 {
				return i
			}
		}
	}
	return -1
}

// cardItems returns the elements of the object's "cards" array.
func cardItems(obj []byte) ([]json.RawMessage, error) {
	var top map[string]json.RawMessage
	if err := json.Unmarshal(obj, &top); err != nil {
		return nil, fmt.Errorf("the reply is not a JSON object: %w", err)
	}
	raw, ok := top["cards"]
	if !ok {
		return nil, errors.New(`the reply has no "cards" field`)
	}
	var items []json.RawMessage
	if isNull(raw) || json.Unmarshal(raw, &items) != nil {
		return nil, errors.New(`"cards" is not an array`)
	}
	return items, nil
}

// checkCard decodes one element of "cards", checking every field's type
// and that the text fields are not empty. It returns why the card is
// malformed, or "" with the card (absolute line numbers) when it is not.
func checkCard(item json.RawMessage) (candidate, string) {
	var m map[string]json.RawMessage
	if isNull(item) || json.Unmarshal(item, &m) != nil {
		return candidate{}, "is not an object"
	}
	var c candidate
	for _, f := range []struct {
		name string
		dst  *string
	}{{"question", &c.Question}, {"answer", &c.Answer}, {"quote", &c.Quote}} {
		v, ok := m[f.name]
		if !ok {
			return candidate{}, fmt.Sprintf("has no %q", f.name)
		}
		if isNull(v) || json.Unmarshal(v, f.dst) != nil {
			return candidate{}, fmt.Sprintf("has a %q that is not a string", f.name)
		}
		*f.dst = strings.TrimSpace(*f.dst)
		if *f.dst == "" {
			return candidate{}, fmt.Sprintf("has an empty %q", f.name)
		}
	}
	for _, f := range []struct {
		name string
		dst  *int
	}{{"start_line", &c.Start}, {"end_line", &c.End}} {
		v, ok := m[f.name]
		if !ok {
			return candidate{}, fmt.Sprintf("has no %q", f.name)
		}
		var x float64
		if isNull(v) || json.Unmarshal(v, &x) != nil || x != math.Trunc(x) || math.Abs(x) > 1e9 {
			return candidate{}, fmt.Sprintf("has a %q that is not a whole number", f.name)
		}
		*f.dst = int(x)
	}
	return c, ""
}

func isNull(raw json.RawMessage) bool {
	return bytes.Equal(bytes.TrimSpace(raw), []byte("null"))
}

// grounded reports whether c's lines lie in section s and its quote is
// found in them, ignoring case, spacing and emphasis marks.
func grounded(doc *markdown.Document, s section, c candidate) bool {
	if c.Start < s.first || c.End > s.last || c.Start > c.End {
		return false
	}
	needle := fold(c.Quote)
	if needle == "" {
		return false
	}
	var b strings.Builder
	for n := c.Start; n <= c.End; n++ {
		b.Write(doc.Line(n))
		b.WriteByte(' ')
	}
	return strings.Contains(fold(b.String()), needle)
}

// fold prepares text for the quote check: lower case, runs of white space
// as one space, Markdown emphasis marks (* _ ` ~) dropped, typographic
// quotes, dashes and ellipses as their ASCII forms.
func fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		switch r {
		case '*', '_', '`', '~':
			continue
		case '‘', '’', '‛', '′':
			r = '\''
		case '“', '”', '„', '″':
			r = '"'
		case '‐', '‑', '‒', '–', '—', '―', '−':
			r = '-'
		}
		if unicode.IsSpace(r) {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		if r == '…' {
			b.WriteString("...")
			continue
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

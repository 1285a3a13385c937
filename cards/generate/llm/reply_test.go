package llm

import (
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/mnemo-app/mnemo/cards"
	"github.com/mnemo-app/mnemo/cards/markdown"
)

// The questions of the cards in the recorded replies for attention.md.
const (
	qAttend = "What does attention let each token do?"
	qWeight = "In attention, what weights the values?"
	qMatrix = "How can the value and output matrices of an attention head be thought of together?"
)

// completion wraps content in an Ollama chat-completion body.
func completion(t testing.TB, content string) []byte {
	t.Helper()
	body, err := json.Marshal(map[string]any{
		"id": "chatcmpl-1", "object": "chat.completion", "created": 1736181432, "model": "llama3.1",
		"system_fingerprint": "fp_ollama",
		"choices": []any{map[string]any{
			"index": 0, "finish_reason": "stop",
			"message": map[string]any{"role": "assistant", "content": content},
		}},
	})
	if err != nil {
		t.Fatal(err)
	}
	return body
}

func readReply(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

type wantCard struct {
	question    string
	first, last int
}

func TestParseReply(t *testing.T) {
	doc := readNote(t, "attention.md")
	sec := sections(doc)[0]
	good := []wantCard{{qAttend, 3, 3}, {qWeight, 4, 5}, {qMatrix, 9, 10}}
	tests := []struct {
		name    string
		body    []byte
		want    []wantCard
		wantErr string
	}{
		{name: "ollama good reply", body: readReply(t, "ollama_good.json"), want: good},
		{name: "openai good reply", body: readReply(t, "openai_good.json"), want: good},
		{name: "fenced json", body: readReply(t, "ollama_fenced.json"), want: []wantCard{good[0], good[2]}},
		{name: "prose around json", body: readReply(t, "ollama_prose.json"), want: []wantCard{good[0], good[1]}},
		{name: "reasoning before json", body: readReply(t, "ollama_think.json"), want: []wantCard{good[1], good[2]}},
		{name: "schema violations drop their cards", body: readReply(t, "ollama_schema_violations.json"), want: []wantCard{good[0]}},
		{name: "ungrounded, out of section, duplicate and long cards dropped", body: readReply(t, "ollama_ungrounded.json"), want: []wantCard{good[0], good[1]}},
		{name: "no cards", body: completion(t, `{"cards": []}`), want: nil},
		{name: "content as text parts", body: []byte(`{"choices":[{"message":{"role":"assistant","content":[{"type":"text","text":"{\"cards\":[{\"question\":\"What does attention let each token do?\",\"answer\":\"Look at every other token.\",\"quote\":\"look at every other token\",\"start_line\":3,\"end_line\":3}]}"}]}}]}`), want: []wantCard{good[0]}},
		{name: "every card malformed", body: readReply(t, "ollama_all_malformed.json"), wantErr: `none of its 2 cards has the requested fields: card 1 has no "question"`},
		{name: "wrong top-level field", body: readReply(t, "ollama_wrong_shape.json"), wantErr: `the reply has no "cards" field`},
		{name: "cards not an array", body: readReply(t, "ollama_cards_not_array.json"), wantErr: `"cards" is not an array`},
		{name: "cards null", body: completion(t, `{"cards": null}`), wantErr: `"cards" is not an array`},
		{name: "empty content", body: readReply(t, "ollama_empty.json"), wantErr: "the reply is empty"},
		{name: "only a think block", body: completion(t, "<think>nothing to add</think>"), wantErr: "the reply is empty"},
		{name: "cut off at the token limit", body: readReply(t, "ollama_truncated.json"), wantErr: "cut off at the model's token limit"},
		{name: "refusal", body: readReply(t, "openai_refusal.json"), wantErr: "the model refused: I'm sorry"},
		{name: "prose without json", body: completion(t, "I could not find any facts {worth} a card here."), wantErr: "no JSON object found"},
		{name: "top-level array", body: completion(t, `[{"question":"q","answer":"a","quote":"x","start_line":3,"end_line":3}]`), wantErr: `the reply has no "cards" field`},
		{name: "not a chat completion", body: []byte("<html><body>502 Bad Gateway</body></html>"), wantErr: "not a chat completion"},
		{name: "no choices", body: []byte(`{"id":"x","choices":[]}`), wantErr: "has no choices"},
		{name: "error object with status 200", body: []byte(`{"error":{"message":"model is loading","type":"api_error"}}`), wantErr: "the server answered with an error: model is loading"},
		{name: "content of another type", body: []byte(`{"choices":[{"message":{"content":{"cards":[]}}}]}`), wantErr: "not text"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parseReply(tt.body, doc, sec)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error = %v, want one containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("unexpected error: %v", err)
			}
			if len(got) != len(tt.want) {
				t.Fatalf("got %d cards %+v, want %d", len(got), got, len(tt.want))
			}
			for i, c := range got {
				w := tt.want[i]
				if c.Question != w.question || sec.first+c.Start != w.first || sec.first+c.End != w.last {
					t.Errorf("card %d = %q lines %d-%d, want %q lines %d-%d",
						i, c.Question, sec.first+c.Start, sec.first+c.End, w.question, w.first, w.last)
				}
				if c.Answer == "" || c.Quote == "" {
					t.Errorf("card %d has an empty answer or quote: %+v", i, c)
				}
			}
		})
	}
}

func TestExtractObject(t *testing.T) {
	tests := []struct {
		name    string
		content string
		want    string
	}{
		{"bare object", ` {"cards":[]} `, `{"cards":[]}`},
		{"fence with language", "```json\n{\"cards\":[]}\n```", `{"cards":[]}`},
		{"fence without language", "Sure:\n```\n{\"cards\":[]}\n```\nDone.", `{"cards":[]}`},
		{"unterminated fence", "```json\n{\"cards\":[]}", `{"cards":[]}`},
		{"prose on both sides", `Here you go: {"cards":[{"q":"}"}]} Hope it helps!`, `{"cards":[{"q":"}"}]}`},
		{"braces in prose before the object", `Use {this} form: {"cards":[]}`, `{"cards":[]}`},
		{"escaped quote in a string", `x {"a":"say \"}\" now"} y`, `{"a":"say \"}\" now"}`},
		{"think block with braces", "<think>{\"cards\": maybe}</think>\n{\"cards\":[]}", `{"cards":[]}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := extractObject(tt.content)
			if err != nil {
				t.Fatalf("error: %v", err)
			}
			if string(got) != tt.want {
				t.Errorf("got %s, want %s", got, tt.want)
			}
		})
	}
	for _, bad := range []string{"", "   ", "no json here", "{not json}", `{"open": [`, strings.Repeat("{", 10000)} {
		if got, err := extractObject(bad); err == nil {
			t.Errorf("extractObject(%.20q) = %s, want an error", bad, got)
		}
	}
}

func TestGrounded(t *testing.T) {
	doc := markdown.ParseDocument("n.md", []byte("# T\n\nThe **value** and output\nmatrices form a “low-rank” map — roughly.\n\nOther line.\n"))
	sec := sections(doc)[0] // lines 1-6
	tests := []struct {
		name        string
		quote       string
		start, last int
		want        bool
	}{
		{"exact", "The **value** and output", 3, 3, true},
		{"across lines, emphasis dropped", "the value and output matrices", 3, 4, true},
		{"case and spacing", "THE   VALUE and\toutput", 3, 3, true},
		{"ascii quotes and dash", `form a "low-rank" map - roughly`, 4, 4, true},
		{"quote on other lines than stated", "Other line", 3, 4, false},
		{"paraphrase", "the value matrix and the output matrix", 3, 4, false},
		{"start before section", "The value", 0, 3, false},
		{"end after section", "Other line", 6, 7, false},
		{"reversed lines", "Other line", 6, 3, false},
		{"quote of only marks", "** __", 3, 3, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := candidate{Question: "q", Answer: "a", Quote: tt.quote, Start: tt.start, End: tt.last}
			if got := grounded(doc, sec, c); got != tt.want {
				t.Errorf("grounded = %v, want %v", got, tt.want)
			}
		})
	}
}

func FuzzParseReply(f *testing.F) {
	entries, err := os.ReadDir("testdata")
	if err != nil {
		f.Fatal(err)
	}
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".json") {
			f.Add(readReply(f, e.Name()))
		}
	}
	f.Add(completion(f, "```json\n{\"cards\":[{\"question\":\"q\",\"answer\":\"a\",\"quote\":\"Attention\",\"start_line\":3,\"end_line\":3}]}\n```"))
	doc := readNote(f, "attention.md")
	sec := sections(doc)[0]
	f.Fuzz(func(t *testing.T, body []byte) {
		got, err := parseReply(body, doc, sec)
		if err != nil && got != nil {
			t.Fatalf("cards %v returned with error %v", got, err)
		}
		seen := map[string]bool{}
		for _, c := range got {
			if c.Question == "" || c.Answer == "" || c.Quote == "" {
				t.Fatalf("card with an empty field: %+v", c)
			}
			abs := c
			abs.Start += sec.first
			abs.End += sec.first
			if !grounded(doc, sec, abs) {
				t.Fatalf("ungrounded card returned: %+v", c)
			}
			q := cards.Normalize(c.Question)
			if seen[q] {
				t.Fatalf("duplicate question %q", c.Question)
			}
			seen[q] = true
		}
	})
}

// FuzzReplyContent fuzzes the model's message itself (extraction of the
// object, field checks, grounding) inside a well-formed chat completion.
func FuzzReplyContent(f *testing.F) {
	for _, name := range []string{"ollama_good.json", "ollama_fenced.json", "ollama_prose.json", "ollama_think.json", "ollama_schema_violations.json", "ollama_ungrounded.json"} {
		content, _, err := completionContent(readReply(f, name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(content)
	}
	f.Add(`{"cards":[{"question":"q","answer":"a","quote":"map** from","start_line":9,"end_line":10}]}`)
	doc := readNote(f, "attention.md")
	sec := sections(doc)[0]
	f.Fuzz(func(t *testing.T, content string) {
		got, err := parseReply(completion(t, content), doc, sec)
		if err != nil && got != nil {
			t.Fatalf("cards %v returned with error %v", got, err)
		}
		for _, c := range got {
			abs := c
			abs.Start += sec.first
			abs.End += sec.first
			if c.Question == "" || c.Answer == "" || !grounded(doc, sec, abs) {
				t.Fatalf("invalid card returned: %+v", c)
			}
		}
	})
}

func BenchmarkParseReply(b *testing.B) {
	doc := readNote(b, "attention.md")
	sec := sections(doc)[0]
	for _, name := range []string{"ollama_good.json", "ollama_prose.json", "ollama_ungrounded.json"} {
		body := readReply(b, name)
		b.Run(strings.TrimSuffix(name, ".json"), func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(body)))
			for b.Loop() {
				if _, err := parseReply(body, doc, sec); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

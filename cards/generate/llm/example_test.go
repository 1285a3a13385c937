package llm_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"

	"github.com/mnemo-app/mnemo/cards/generate/llm"
	"github.com/mnemo-app/mnemo/cards/markdown"
)

func Example() {
	// A stand-in for Ollama that replays a recorded reply.
	recorded, err := os.ReadFile("testdata/ollama_good.json")
	if err != nil {
		fmt.Println(err)
		return
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write(recorded)
	}))
	defer srv.Close()

	src, err := os.ReadFile("testdata/attention.md")
	if err != nil {
		fmt.Println(err)
		return
	}
	doc := markdown.ParseDocument("notes/attention.md", src)

	cfg := llm.ConfigFromEnv(os.Getenv)
	cfg.BaseURL = srv.URL + "/v1"
	g := llm.New(cfg, nil)
	generated, err := g.Generate(context.Background(), doc)
	if err != nil {
		fmt.Println("error:", err)
	}
	for _, c := range generated {
		fmt.Printf("%s:%d-%d %s\n  Q: %s\n  A: %s\n", c.Source.Path, c.Source.Line, c.Source.EndLine, c.ContextString(), c.Question, c.Answer)
	}
	// Output:
	// notes/attention.md:3-3 Attention
	//   Q: What does attention let each token do?
	//   A: Look at every other token in the context.
	// notes/attention.md:4-5 Attention
	//   Q: In attention, what weights the values?
	//   A: The softmax of the query-key scores.
	// notes/attention.md:9-10 Attention
	//   Q: How can the value and output matrices of an attention head be thought of together?
	//   A: As a combined low-rank map from the embedding space to itself.
}

// Command genanki times mnemo's Anki export against genanki-js 2.0.0 on
// the same deck, in the same run (README, Performance). Both sides are
// timed inside their process: building the package from the cards and
// writing the .apkg file. genanki-js gets the fields already as HTML, so
// it does less work than mnemo, which renders each card's Markdown.
//
//	cd export/anki/bench/genanki && npm ci && go run . -cards 10000
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"time"

	"github.com/mnemo-app/mnemo/export/anki"
	"github.com/mnemo-app/mnemo/export/anki/ankitest"
	"github.com/mnemo-app/mnemo/export/ankitext"
)

func main() {
	n := flag.Int("cards", 10000, "cards in the deck")
	runs := flag.Int("runs", 5, "timed runs of each side (the median is reported)")
	flag.Parse()
	if err := compare(*n, *runs); err != nil {
		fmt.Fprintln(os.Stderr, "genanki:", err)
		os.Exit(1)
	}
}

type genankiNote struct {
	Deck  string   `json:"deck"`
	Front string   `json:"front"`
	Back  string   `json:"back"`
	Tags  []string `json:"tags"`
}

func compare(n, runs int) error {
	dir, err := os.MkdirTemp("", "mnemo-genanki-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	col := ankitest.GenankiDeck(n)
	notes := make([]genankiNote, len(col.Cards))
	for i, c := range col.Cards {
		front, err := ankitext.MarkdownToHTML(c.Question, nil)
		if err != nil {
			return err
		}
		back, err := ankitext.MarkdownToHTML(c.Answer, nil)
		if err != nil {
			return err
		}
		notes[i] = genankiNote{Deck: c.Deck, Front: front, Back: back, Tags: c.Tags}
	}
	fields := filepath.Join(dir, "fields.json")
	b, err := json.Marshal(notes)
	if err != nil {
		return err
	}
	if err := os.WriteFile(fields, b, 0o600); err != nil {
		return err
	}
	var mnemo, genanki []time.Duration
	for r := range runs {
		// Alternate the two sides so both see the same load.
		out := filepath.Join(dir, fmt.Sprintf("mnemo%d.apkg", r))
		start := time.Now()
		if _, err := anki.WriteFile(context.Background(), out, col, anki.Options{TempDir: dir}); err != nil {
			return err
		}
		mnemo = append(mnemo, time.Since(start))
		d, err := runGenanki(fields, filepath.Join(dir, fmt.Sprintf("genanki%d.apkg", r)))
		if err != nil {
			return err
		}
		genanki = append(genanki, d)
	}
	m, g := median(mnemo), median(genanki)
	fmt.Printf("cards %d, %d runs each, medians:\n  mnemo       %8.1f ms\n  genanki-js  %8.1f ms\n  mnemo is %.1fx faster\n",
		n, runs, ms(m), ms(g), float64(g)/float64(m))
	return nil
}

// runGenanki runs genanki.mjs (next to this file) and returns the time
// it reports.
func runGenanki(fields, out string) (time.Duration, error) {
	cmd := exec.Command("node", "genanki.mjs", fields, out)
	cmd.Stderr = os.Stderr
	b, err := cmd.Output()
	if err != nil {
		return 0, fmt.Errorf("node genanki.mjs (run npm ci in this folder first): %w", err)
	}
	var res struct{ MS float64 }
	if err := json.Unmarshal(b, &res); err != nil {
		return 0, fmt.Errorf("genanki.mjs printed %q: %w", b, err)
	}
	return time.Duration(res.MS * float64(time.Millisecond)), nil
}

func median(ds []time.Duration) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[len(s)/2]
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

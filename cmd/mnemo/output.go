package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/mnemo-app/mnemo/cards"
	"github.com/mnemo-app/mnemo/cmd/mnemo/internal/termtext"
)

// cardJSON is the stable JSON shape of a card (README: "JSON shapes").
type cardJSON struct {
	ID         cards.ID     `json:"id"`
	Kind       cards.Kind   `json:"kind"`
	Deck       string       `json:"deck"`
	Question   string       `json:"question"`
	Answer     string       `json:"answer"`
	Tags       []string     `json:"tags"`
	Context    string       `json:"context"`
	Source     cards.Source `json:"source"`
	Origin     string       `json:"origin,omitempty"`
	State      cards.State  `json:"state"`
	Suspended  bool         `json:"suspended"`
	Orphaned   bool         `json:"orphaned"`
	Due        *time.Time   `json:"due"`
	Stability  float64      `json:"stability"`
	Difficulty float64      `json:"difficulty"`
	Reps       uint64       `json:"reps"`
	Lapses     uint64       `json:"lapses"`
	LastReview *time.Time   `json:"last_review"`
}

func timePtr(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}

func toJSON(c *cards.Card) cardJSON {
	tags := c.Tags
	if tags == nil {
		tags = []string{}
	}
	return cardJSON{
		ID: c.ID, Kind: c.Kind, Deck: c.Deck, Question: c.Question, Answer: c.Answer,
		Tags: tags, Context: c.ContextString(), Source: c.Source, Origin: c.Origin,
		State: c.Schedule.State, Suspended: c.Suspended || c.Orphaned, Orphaned: c.Orphaned,
		Due: timePtr(c.Schedule.Due), Stability: c.Schedule.Stability, Difficulty: c.Schedule.Difficulty,
		Reps: c.Schedule.Reps, Lapses: c.Schedule.Lapses, LastReview: timePtr(c.Schedule.LastReview),
	}
}

func cardsJSON(cs []cards.Card) []cardJSON {
	out := make([]cardJSON, len(cs))
	for i := range cs {
		out[i] = toJSON(&cs[i])
	}
	return out
}

// writeJSON prints v as indented JSON.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(termtext.JSONWriter(w))
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// printf prints to a terminal (or a pipe): the formatted text goes through
// termtext.Clean, so note text, deck names and paths in it cannot drive
// the terminal. Every line that may hold such text is printed with it.
func printf(w io.Writer, format string, args ...any) {
	io.WriteString(w, termtext.Clean(fmt.Sprintf(format, args...)))
}

// table prints aligned columns; every cell is cleaned to one safe line.
type table struct{ tw *tabwriter.Writer }

func newTable(w io.Writer) *table { return &table{tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)} }

func (t *table) row(cols ...any) {
	for i, c := range cols {
		if i > 0 {
			fmt.Fprint(t.tw, "\t")
		}
		fmt.Fprint(t.tw, termtext.Line(fmt.Sprint(c)))
	}
	fmt.Fprintln(t.tw)
}

func (t *table) flush() { t.tw.Flush() }

// shorten cuts s to n runes on one line.
func shorten(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// relPath shows path relative to the working folder when it is below it.
func relPath(path string) string {
	wd, err := os.Getwd()
	if err != nil {
		return path
	}
	if rel, err := filepath.Rel(wd, path); err == nil && !strings.HasPrefix(rel, "..") {
		return rel
	}
	return path
}

// dueLabel says when a card is due, relative to now.
func dueLabel(c *cards.Card, now time.Time) string {
	switch {
	case c.Orphaned:
		return "orphaned"
	case c.Suspended:
		return "suspended"
	case c.Schedule.State == cards.StateNew:
		return "new"
	case !c.Schedule.Due.After(now):
		return "due now"
	}
	d := c.Schedule.Due.Sub(now)
	switch {
	case d < time.Hour:
		return fmt.Sprintf("in %dm", int(d.Minutes())+1)
	case d < 24*time.Hour:
		return fmt.Sprintf("in %dh", int(d.Hours()))
	default:
		return "in " + fmt.Sprint(int(d.Hours()/24)) + "d"
	}
}

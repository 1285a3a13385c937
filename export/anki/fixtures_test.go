package anki

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
	"time"

	fsrs "github.com/open-spaced-repetition/go-fsrs/v3"

	"github.com/mnemo-app/mnemo/cards"
	"github.com/mnemo-app/mnemo/cards/markdown"
	"github.com/mnemo-app/mnemo/decks"
	"github.com/mnemo-app/mnemo/export"
)

// examplePath is where the example note sits relative to this package.
const examplePath = "../../examples/transformers-reading-notes.md"

var (
	testNow     = time.Date(2025, 3, 14, 18, 30, 0, 0, time.UTC)
	testCreated = time.Date(2024, 12, 6, 9, 0, 0, 0, time.UTC)
)

func intp(n int) *int           { return &n }
func floatp(f float64) *float64 { return &f }

// exampleCards are cards a person would write in the example note, built
// by hand with their real source lines and heading context. The note's
// images do not exist, except image-1.png and one pasted image, which dir
// gets; image-2.png stays missing.
func exampleCards(t testing.TB, dir string) []cards.Card {
	t.Helper()
	note := filepath.Join(dir, "transformers-reading-notes.md")
	src, err := os.ReadFile(examplePath)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(note, src, 0o644); err != nil {
		t.Fatal(err)
	}
	for name, body := range map[string]string{
		"image-1.png": "\x89PNG fake image 1", "Pasted image 20241206183838.png": "\x89PNG pasted",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	doc := markdown.ParseDocument(note, src)
	ctx := func(line int) []string {
		for n := doc.Root.FirstChild(); n != nil; n = n.NextSibling() {
			if first, _ := doc.NodeLines(n); first >= line {
				return doc.Context(n)
			}
		}
		return nil
	}
	added := testCreated.Add(2 * time.Hour)
	mk := func(kind cards.Kind, q, a string, line int) cards.Card {
		id := cards.NewID(kind, q, 0, "")
		return cards.Card{ID: id, Kind: kind, Note: id, Deck: "transformers::reading", Question: q, Answer: a,
			Tags: []string{"llm", "reading-notes"}, Context: ctx(line),
			Source: cards.Source{Path: note, Line: line, EndLine: line}, Added: added, Modified: added}
	}
	var cs []cards.Card
	cs = append(cs, mk(cards.KindBasic, "What do the value and output matrices combine into?",
		"A combined low-rank map from the embedding space to itself.", 18))
	fwd := mk(cards.KindBasic, "Attention Is All You Need", "The paper that introduced the **Transformer** (2017)", 3)
	rev := mk(cards.KindReversed, fwd.Answer, fwd.Question, 3)
	rev.Note = fwd.ID
	cs = append(cs, fwd, rev)
	text := "The Explainable AI Cheat Sheet sorts methods into {{c1::five}} key {{c2::categories::what}}."
	for n := 1; n <= 2; n++ {
		c := mk(cards.KindCloze, "", "", 101)
		c.ID = cards.NewID(cards.KindCloze, text, n, "")
		c.Note = cards.NewID(cards.KindCloze, text, 1, "")
		c.Text, c.Ord = text, n
		c.Question, c.Answer = ClozeQuestionAnswer(text, n)
		cs = append(cs, c)
	}
	img := mk(cards.KindBasic, "Which figure illustrates the 2nd Transformer video?",
		"![alt text](image-1.png) and ![alt text](image-2.png)", 74)
	cs = append(cs, img)
	math := mk(cards.KindBasic, "What is scaled dot-product attention?",
		"$\\mathrm{softmax}(QK^T/\\sqrt{d_k})V$, with $d_k$ the key size; a <b>raw</b> tag & an ampersand", 10)
	cs = append(cs, math)
	code := mk(cards.KindBasic, "How do you print in Go?", "```go\nfmt.Println(\"<hi>\")\n```", 50)
	code.Deck = "transformers::code"
	cs = append(cs, code)
	pasted := mk(cards.KindBasic, "What are the five categories of the cheat sheet?",
		"![](Pasted%20image%2020241206183838.png)", 96)
	cs = append(cs, pasted)
	for i := range cs {
		cs[i].Position = uint64(i + 1)
	}
	return cs
}

// exampleCollection is the example note's cards with deck options.
func exampleCollection(t testing.TB, dir string) export.Collection {
	return export.Collection{
		Cards: exampleCards(t, dir),
		Options: map[string]decks.Options{
			"transformers":          {NewPerDay: intp(5), Retention: floatp(0.85)},
			"transformers::reading": {MaxInterval: intp(365), LeechThreshold: intp(4)},
		},
		Created: testCreated, Now: testNow, Location: time.UTC,
	}
}

// simulate answers cards with go-fsrs from start until now, each answer at
// (or a little after) the card's due time, with seeded ratings. It fills
// the cards' schedules and returns the review log.
func simulate(cs []cards.Card, start, now time.Time, seed uint64, maxReviews int) []cards.Review {
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	f := fsrs.NewFSRS(fsrs.DefaultParam())
	var log []cards.Review
	for i := range cs {
		c := &cs[i]
		fc := fsrs.NewCard()
		t := start.Add(time.Duration(rng.IntN(48*60)) * time.Minute)
		for n := 0; n < maxReviews && t.Before(now); n++ {
			r := fsrs.Rating(1 + rng.IntN(4))
			if rng.IntN(10) < 6 {
				r = fsrs.Good
			}
			prev := fc
			info := f.Next(fc, t, r)
			fc = info.Card
			log = append(log, cards.Review{
				CardID: c.ID, Time: t, Rating: cards.Rating(r),
				StateBefore: cards.State(prev.State), StateAfter: cards.State(fc.State),
				ElapsedDays: info.ReviewLog.ElapsedDays, ScheduledDays: fc.ScheduledDays,
				Stability: fc.Stability, Difficulty: fc.Difficulty,
				DurationMS: int64(2000 + rng.IntN(20000)), Prev: toSchedule(prev), PrevTags: c.Tags,
			})
			t = fc.Due.Add(time.Duration(rng.IntN(600)) * time.Minute)
		}
		c.Schedule = toSchedule(fc)
		if fc.State != fsrs.New {
			c.Modified = fc.LastReview
		}
	}
	return log
}

package review

import (
	"context"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/mnemo-app/mnemo/cards"
	"github.com/mnemo-app/mnemo/decks/store"
	"github.com/mnemo-app/mnemo/decks/store/storetest"
	"github.com/mnemo-app/mnemo/scheduler/study"
)

// realSession is a study session over a real collection holding two new
// cards, "first" shown before "second".
func realSession(t *testing.T) (*store.Store, *study.Session) {
	t.Helper()
	st := storetest.Open(t)
	now := time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)
	err := st.Update(func(tx *store.Tx) error {
		for i, id := range []cards.ID{"first", "second"} {
			c := cards.Card{ID: id, Kind: cards.KindBasic, Deck: "d", Question: "Q " + string(id) + "?",
				Answer: "A " + string(id), Position: uint64(i + 1), Added: now}
			if err := tx.PutCard(&c); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	s, err := study.Open(st, study.Config{Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	return st, s
}

func suspendBehind(t *testing.T, st *store.Store, id cards.ID) {
	t.Helper()
	err := st.Update(func(tx *store.Tx) error {
		c, _, err := tx.Card(id)
		if err != nil {
			return err
		}
		c.Suspended = true
		return tx.PutCard(&c)
	})
	if err != nil {
		t.Fatal(err)
	}
}

func reviewsOf(t *testing.T, st *store.Store, id cards.ID) int {
	t.Helper()
	var n int
	err := st.View(func(tx *store.Tx) error {
		revs, err := tx.ReviewsOf(id)
		n = len(revs)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// pausingReader hands out its lines one by one and calls hook before the
// line numbered at (0-based), as another terminal acting between keys.
type pausingReader struct {
	lines []string
	at    int
	hook  func()
	n     int
}

func (p *pausingReader) Read(b []byte) (int, error) {
	if p.n >= len(p.lines) {
		return 0, context.Canceled // never reached: the session quits first
	}
	if p.n == p.at {
		p.hook()
	}
	l := p.lines[p.n] + "\n"
	p.n++
	return copy(b, l), nil
}

// TestPlainAnswersOnlyTheCardShown: the card on screen is suspended from
// another terminal after its answer was shown; the rating typed for it is
// refused with a message and the next card is shown, unrevealed, so the
// lines typed next cannot rate it unseen.
func TestPlainAnswersOnlyTheCardShown(t *testing.T) {
	st, s := realSession(t)
	// Lines: show first, (suspended here) rate 3, then 3 again (must not
	// rate "second": its answer is not shown yet), then quit.
	in := &pausingReader{lines: []string{"", "3", "3", "q"}, at: 1, hook: func() { suspendBehind(t, st, "first") }}
	var out strings.Builder
	if _, err := RunPlain(context.Background(), s, in, &out); err != nil {
		t.Fatal(err)
	}
	got := out.String()
	for _, want := range []string{
		"changed: card first was suspended meanwhile (from another terminal), so it was not rated; showing the next card",
		"Q: Q second?",
		"hint: show the answer first",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("output lacks %q:\n%s", want, got)
		}
	}
	if n := reviewsOf(t, st, "first") + reviewsOf(t, st, "second"); n != 0 {
		t.Errorf("%d answers logged, want none:\n%s", n, got)
	}
	if strings.Contains(got, "rated good") {
		t.Errorf("a rating went through:\n%s", got)
	}
}

// TestTUIAnswersOnlyTheCardShown is the same on the full screen: keys
// typed after the refused one do not act on the next card.
func TestTUIAnswersOnlyTheCardShown(t *testing.T) {
	st, s := realSession(t)
	d := &driver{t: t, m: NewModel(s, TUIOptions{Out: io.Discard, NoColor: true}), s: nil}
	d.run(d.m.Init())
	d.press("space")
	d.mustShow("A first")
	suspendBehind(t, st, "first")
	// "3" then "1" typed together: the 3 is refused, the 1 dropped.
	nm, cmd := d.m.Update(keyMsg("3"))
	d.m = nm.(Model)
	nm, _ = d.m.Update(keyMsg("1"))
	d.m = nm.(Model)
	d.run(cmd)
	d.mustShow("card first was suspended meanwhile", "Q second?")
	if strings.Contains(d.m.View(), "A second") {
		t.Fatalf("the next card's answer is shown before any key:\n%s", d.m.View())
	}
	if n := reviewsOf(t, st, "first") + reviewsOf(t, st, "second"); n != 0 {
		t.Fatalf("%d answers logged, want none", n)
	}
	d.press("space")
	d.press("3")
	if n := reviewsOf(t, st, "second"); n != 1 {
		t.Fatalf("second has %d answers after its own rating, want 1", n)
	}
}

// TestSuspendOfADroppedCardMovesOn: "s" on a card dropped from another
// terminal says so and shows the next card; the "3" typed after it does
// not rate that card unseen.
func TestSuspendOfADroppedCardMovesOn(t *testing.T) {
	st, s := realSession(t)
	in := &pausingReader{lines: []string{"", "s", "3", "q"}, at: 1, hook: func() {
		if err := st.Update(func(tx *store.Tx) error { return tx.DeleteCard("first") }); err != nil {
			t.Fatal(err)
		}
	}}
	var out strings.Builder
	if _, err := RunPlain(context.Background(), s, in, &out); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "changed: card first was dropped or deleted meanwhile (from another terminal or by a sync), so it was not suspended; showing the next card") ||
		!strings.Contains(out.String(), "Q: Q second?") {
		t.Fatalf("output:\n%s", out.String())
	}
	if n := reviewsOf(t, st, "second"); n != 0 {
		t.Fatalf("second was rated unseen:\n%s", out.String())
	}
}

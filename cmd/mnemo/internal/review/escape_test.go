package review

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/mnemo-app/mnemo/cards"
	"github.com/mnemo-app/mnemo/cmd/mnemo/internal/termtext"
)

// hostileCard carries terminal controls in every field a review prints.
func hostileCard() cards.Card {
	h := termtext.Hostile
	c := cardBasic
	c.Question, c.Answer = "Q "+h, "A "+h
	c.Deck = "deck" + h
	c.Context = []string{"heading " + h}
	c.Tags = []string{"tag" + h}
	c.Source.Path = "/notes/" + h + ".md"
	return c
}

// TestReviewPrintsNoControls: a note full of CSI, OSC, DCS, C1, bidi
// overrides and NULs reaches neither the plain protocol nor the screen raw
// (question, answer, header, context line, status line, summary).
func TestReviewPrintsNoControls(t *testing.T) {
	t.Run("plain", func(t *testing.T) {
		var out strings.Builder
		s := newFake(hostileCard())
		s.errs["answer"] = errorString("cannot save " + termtext.Hostile)
		if _, err := RunPlain(context.Background(), s, strings.NewReader("\n3\nq\n"), &out); err != nil {
			t.Fatal(err)
		}
		if termtext.HasControl(out.String()) {
			t.Fatalf("plain review printed a control:\n%q", out.String())
		}
		if !strings.Contains(out.String(), "^[[2J") {
			t.Fatalf("the escape is not shown in caret notation:\n%s", out.String())
		}
	})
	t.Run("tui", func(t *testing.T) {
		s := newFake(hostileCard())
		s.errs["answer"] = errorString("cannot save " + termtext.Hostile)
		d := newDriver(t, s, TUIOptions{NoColor: true, Deck: "deck" + termtext.Hostile, NoteRoots: []string{"/notes"}})
		views := []string{d.m.View()}
		d.press("space")
		views = append(views, d.m.View())
		d.press("3") // the answer fails: the error (with note text) is shown
		views = append(views, d.m.View())
		d.press("e") // refused: the path holds controls
		views = append(views, d.m.View())
		for i, v := range views {
			if termtext.HasControl(v) {
				t.Fatalf("view %d holds a control:\n%q", i, v)
			}
		}
		if !strings.Contains(views[1], "^[[2J") {
			t.Fatalf("the answer's escape is not shown:\n%s", views[1])
		}
	})
}

type errorString string

func (e errorString) Error() string { return string(e) }

// TestDeepImportedTextIsNotParsed: card text nested 100,000 deep (from an
// import; notes are refused before parsing) is shown as it is rather than
// handed to the Markdown parser, which would take minutes on it.
func TestDeepImportedTextIsNotParsed(t *testing.T) {
	c := cardBasic
	c.Question = strings.Repeat("- ", 100000) + "deep"
	done := make(chan []string, 1)
	go func() { done <- plainLines(c.Question) }()
	select {
	case lines := <-done:
		if len(lines) != 1 || !strings.HasSuffix(lines[0], "deep") {
			t.Fatalf("lines %d", len(lines))
		}
	case <-time.After(30 * time.Second):
		t.Fatal("hung on deeply nested text")
	}
	d := newDriver(t, newFake(c), TUIOptions{NoColor: true})
	d.mustShow("- - - ")
}

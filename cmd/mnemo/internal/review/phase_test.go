package review

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/mnemo-app/mnemo/cards"
	"github.com/mnemo-app/mnemo/scheduler/study"
)

// step is one thing done to the model in a phase walk: keys typed (each
// one fed to Update with every command it leads to run at once), or a
// message fed as is. After it the model must be in phase, on card (""
// for none), with the Session calls so far and the screen showing shows
// and not hiding.
type step struct {
	keys   []string
	msg    tea.Msg
	phase  phase
	card   cards.ID
	calls  string
	shows  []string
	hiding []string
}

// walk drives a fresh model over s through steps, checking each.
func walk(t *testing.T, s *fakeSession, o TUIOptions, steps []step) *driver {
	t.Helper()
	d := newDriver(t, s, o)
	d.feed(tea.WindowSizeMsg{Width: 90, Height: 30})
	for i, st := range steps {
		d.press(st.keys...)
		if st.msg != nil {
			d.feed(st.msg)
		}
		where := fmt.Sprintf("step %d (%q)", i, st.keys)
		if d.m.phase != st.phase {
			t.Fatalf("%s: phase %v, want %v\n%s", where, d.m.phase, st.phase, d.view())
		}
		if got := d.current(); got != st.card {
			t.Fatalf("%s: card %q, want %q", where, got, st.card)
		}
		if got := strings.Join(s.calls, ","); got != st.calls {
			t.Fatalf("%s: calls %q, want %q", where, got, st.calls)
		}
		v := d.view()
		for _, want := range st.shows {
			if !strings.Contains(v, want) {
				t.Fatalf("%s: screen lacks %q:\n%s", where, want, v)
			}
		}
		for _, not := range st.hiding {
			if strings.Contains(v, not) {
				t.Fatalf("%s: screen shows %q:\n%s", where, not, v)
			}
		}
	}
	return d
}

// TestTUIPhases walks the screen through each move between phases, by
// driving Update and reading View.
func TestTUIPhases(t *testing.T) {
	const (
		basic = cards.ID("kenyacapit")
		cloze = cards.ID("juliagilla")
		code  = cards.ID("gosumprint")
	)
	changed := fmt.Errorf("card kenyacapit was suspended meanwhile (from another terminal), so it was not rated: %w", study.ErrCardChanged)
	tests := []struct {
		name  string
		cards []cards.Card
		errs  map[string]error
		steps []step
		// after the walk
		quit, interrupted, summed bool
		err                       error
	}{
		{name: "question, answer, rate, next", cards: []cards.Card{cardBasic, cardCloze}, steps: []step{
			{phase: phaseQuestion, card: basic, shows: []string{"Kenya", "space show answer"}, hiding: []string{"Nairobi", "Again"}},
			{keys: []string{"3"}, phase: phaseQuestion, card: basic, shows: []string{"show the answer first"}},
			{keys: []string{"?"}, phase: phaseQuestion, card: basic, shows: []string{"space show answer", "close help"}},
			{keys: []string{"space"}, phase: phaseAnswer, card: basic, shows: []string{"Nairobi", "1 Again 1m", "space good", "close help"}},
			{keys: []string{"?"}, phase: phaseAnswer, card: basic, shows: []string{"more keys"}, hiding: []string{"space good"}},
			{keys: []string{"3"}, phase: phaseQuestion, card: cloze, calls: "answer good", shows: []string{"good · next in 10m", "space show answer"}, hiding: []string{"Julia Gillard"}},
		}},
		{name: "undo returns to the question", cards: []cards.Card{cardBasic, cardCloze}, steps: []step{
			{keys: []string{"space", "4"}, phase: phaseQuestion, card: cloze, calls: "answer easy"},
			{keys: []string{"u"}, phase: phaseQuestion, card: basic, calls: "answer easy,undo", shows: []string{"undone", "0/2"}, hiding: []string{"Nairobi"}},
			{keys: []string{"u"}, phase: phaseQuestion, card: basic, calls: "answer easy,undo,undo", shows: []string{"nothing to undo"}},
		}},
		{name: "suspend from the question", cards: []cards.Card{cardBasic, cardCloze}, steps: []step{
			{keys: []string{"s"}, phase: phaseQuestion, card: cloze, calls: "suspend kenyacapit", shows: []string{"suspended", "1/2"}},
		}},
		{name: "bury from the answer", cards: []cards.Card{cardBasic, cardCloze}, steps: []step{
			{keys: []string{"space", "b"}, phase: phaseQuestion, card: cloze, calls: "bury kenyacapit", shows: []string{"buried"}, hiding: []string{"Nairobi"}},
		}},
		{name: "card changed underneath", cards: []cards.Card{cardBasic, cardCloze}, errs: map[string]error{"answer": changed}, steps: []step{
			// The refused answer turns the card back to its question and
			// drops the keys typed after it (the second 3).
			{keys: []string{"space", "33"}, phase: phaseQuestion, card: basic, calls: "answer good", shows: []string{"was suspended meanwhile", "space show answer"}, hiding: []string{"Nairobi"}},
			{keys: []string{"space", "3"}, phase: phaseQuestion, card: cloze, calls: "answer good,answer good"},
		}},
		{name: "a failed call that keeps the card stays in its phase", cards: []cards.Card{cardBasic}, errs: map[string]error{"answer": errors.New("disk hiccup")}, steps: []step{
			{keys: []string{"space", "3"}, phase: phaseAnswer, card: basic, calls: "answer good", shows: []string{"error: answer good: disk hiccup", "Nairobi"}},
		}},
		{name: "last card to the summary and back", cards: []cards.Card{cardBasic}, summed: true, quit: true, steps: []step{
			{keys: []string{"space", "3"}, phase: phaseSummary, calls: "answer good", shows: []string{"Congratulations!", "1/1", "u undo"}, hiding: []string{"Kenya"}},
			{keys: []string{"3", "s"}, phase: phaseSummary, calls: "answer good"},
			{keys: []string{"u"}, phase: phaseQuestion, card: basic, calls: "answer good,undo", shows: []string{"undone", "Kenya"}},
			{keys: []string{"b"}, phase: phaseSummary, calls: "answer good,undo,bury kenyacapit"},
			{keys: []string{"esc"}, phase: phaseQuit, calls: "answer good,undo,bury kenyacapit"},
		}},
		{name: "quit from a card fetches the summary", cards: []cards.Card{cardBasic, cardCloze}, summed: true, quit: true, steps: []step{
			{keys: []string{"space", "q"}, phase: phaseQuit},
			{keys: []string{"3"}, phase: phaseQuit},
		}},
		{name: "ctrl+c is an interrupt", cards: []cards.Card{cardBasic}, summed: true, quit: true, interrupted: true, steps: []step{
			{keys: []string{"ctrl+c"}, phase: phaseQuit},
		}},
		{name: "ctrl+c on the summary", cards: []cards.Card{}, summed: true, quit: true, interrupted: true, steps: []step{
			{phase: phaseSummary, shows: []string{"no cards"}},
			{keys: []string{"ctrl+c"}, phase: phaseQuit},
		}},
		{name: "a fatal error quits", cards: []cards.Card{cardBasic, cardCloze}, errs: map[string]error{"suspend": study.ErrFatal}, summed: true, quit: true, err: study.ErrFatal, steps: []step{
			{keys: []string{"s", "3"}, phase: phaseQuit, calls: "suspend kenyacapit"},
		}},
		{name: "reload keeps the answer of the same card", cards: []cards.Card{cardBasic, cardCloze}, steps: []step{
			{keys: []string{"space"}, phase: phaseAnswer, card: basic},
			{msg: editedMsg{}, phase: phaseAnswer, card: basic, calls: "reload", shows: []string{"note reloaded", "Nairobi"}},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newFake(tt.cards...)
			for k, v := range tt.errs {
				s.errs[k] = v
			}
			d := walk(t, s, TUIOptions{Deck: "geo", NoteRoots: []string{"/notes"}}, tt.steps)
			if d.quit != tt.quit {
				t.Errorf("quit = %v, want %v", d.quit, tt.quit)
			}
			if d.m.Interrupted() != tt.interrupted {
				t.Errorf("interrupted = %v, want %v", d.m.Interrupted(), tt.interrupted)
			}
			if _, ok := d.m.Summary(); ok != tt.summed {
				t.Errorf("summary held = %v, want %v", ok, tt.summed)
			}
			if !errors.Is(d.m.Err(), tt.err) || (tt.err == nil) != (d.m.Err() == nil) {
				t.Errorf("Err() = %v, want %v", d.m.Err(), tt.err)
			}
			if d.m.phase == phaseQuit && d.m.View() != "" {
				t.Errorf("the quit screen is not blank: %q", d.m.View())
			}
		})
	}
}

// TestTUILoadingPhase: before the first card arrives the screen says it
// is loading and keys wait; they act on the card once it is on screen.
func TestTUILoadingPhase(t *testing.T) {
	s := newFake(cardBasic, cardCloze)
	m := NewModel(s, TUIOptions{Out: io.Discard, NoColor: true})
	load := m.Init()
	if m.phase != phaseLoading || !m.busy {
		t.Fatalf("new model: phase %v, busy %v", m.phase, m.busy)
	}
	d := &driver{t: t, m: m, s: s}
	d.press("space", "3")
	if len(s.calls) != 0 || d.m.phase != phaseLoading {
		t.Fatalf("keys acted before the first card: calls %v, phase %v", s.calls, d.m.phase)
	}
	d.mustShow("loading…")
	d.run(load)
	if got := strings.Join(s.calls, ","); got != "answer good" || d.current() != cardCloze.ID {
		t.Fatalf("queued keys: calls %q, current %q", got, d.current())
	}
}

func TestPhaseString(t *testing.T) {
	for p, want := range map[phase]string{phaseLoading: "loading", phaseAnswer: "answer", phaseQuit: "quit", phase(9): "phase(9)"} {
		if got := p.String(); got != want {
			t.Errorf("%d: %q, want %q", p, got, want)
		}
	}
}

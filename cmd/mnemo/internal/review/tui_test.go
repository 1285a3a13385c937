package review

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"github.com/mnemo-app/mnemo/scheduler/study"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"

	"github.com/mnemo-app/mnemo/cards"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// fakeClock ticks step at every call.
func fakeClock(step time.Duration) func() time.Time {
	t := time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)
	return func() time.Time {
		t = t.Add(step)
		return t
	}
}

// driver runs a Model the way bubbletea does, but synchronously: every
// tea.Cmd is run at once and its message fed back to Update.
type driver struct {
	t    *testing.T
	m    Model
	s    *fakeSession
	quit bool
}

func newDriver(t *testing.T, s *fakeSession, o TUIOptions) *driver {
	t.Helper()
	if o.Out == nil {
		o.Out = io.Discard
	}
	if o.Now == nil {
		o.Now = fakeClock(3 * time.Second)
	}
	d := &driver{t: t, m: NewModel(s, o), s: s}
	d.run(d.m.Init())
	return d
}

// run executes cmd and everything it leads to.
func (d *driver) run(cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	d.feed(cmd())
}

func (d *driver) feed(msgs ...tea.Msg) {
	queue := msgs
	for len(queue) > 0 {
		msg := queue[0]
		queue = queue[1:]
		switch msg := msg.(type) {
		case nil:
			continue
		case tea.QuitMsg:
			d.quit = true
			continue
		case tea.BatchMsg:
			for _, c := range msg {
				if c != nil {
					queue = append(queue, c())
				}
			}
			continue
		}
		nm, cmd := d.m.Update(msg)
		d.m = nm.(Model)
		if cmd != nil {
			queue = append(queue, cmd())
		}
	}
}

// press types keys: "space", "enter", "esc", "ctrl+c", "up", "down",
// "pgup", "pgdown", or runes.
func (d *driver) press(keys ...string) {
	for _, k := range keys {
		d.feed(keyMsg(k))
	}
}

func keyMsg(k string) tea.KeyMsg {
	switch k {
	case "space":
		return tea.KeyMsg{Type: tea.KeySpace, Runes: []rune{' '}}
	case "enter":
		return tea.KeyMsg{Type: tea.KeyEnter}
	case "esc":
		return tea.KeyMsg{Type: tea.KeyEsc}
	case "ctrl+c":
		return tea.KeyMsg{Type: tea.KeyCtrlC}
	case "up":
		return tea.KeyMsg{Type: tea.KeyUp}
	case "down":
		return tea.KeyMsg{Type: tea.KeyDown}
	case "pgup":
		return tea.KeyMsg{Type: tea.KeyPgUp}
	case "pgdown":
		return tea.KeyMsg{Type: tea.KeyPgDown}
	}
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(k)}
}

// view is the screen without colour codes and trailing blanks.
func (d *driver) view() string { return plainView(d.m.View()) }

func plainView(v string) string {
	lines := strings.Split(ansi.Strip(v), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	return strings.Join(lines, "\n")
}

func (d *driver) mustShow(parts ...string) {
	d.t.Helper()
	v := d.view()
	for _, p := range parts {
		if !strings.Contains(v, p) {
			d.t.Fatalf("screen lacks %q:\n%s", p, v)
		}
	}
}

func (d *driver) mustNotShow(parts ...string) {
	d.t.Helper()
	v := d.view()
	for _, p := range parts {
		if strings.Contains(v, p) {
			d.t.Fatalf("screen shows %q:\n%s", p, v)
		}
	}
}

func (d *driver) current() cards.ID {
	d.t.Helper()
	if !d.m.phase.onCard() {
		return ""
	}
	return d.m.card.ID
}

func TestTUISession(t *testing.T) {
	s := newFake(cardBasic, cardCloze, cardCode)
	d := newDriver(t, s, TUIOptions{Deck: "geo"})
	d.feed(tea.WindowSizeMsg{Width: 90, Height: 30})

	// The first card: header, counts, context, source, question.
	d.mustShow("mnemo · geo", "1 new · 1 learning · 1 review", "Geography > Africa", "geo.md:12",
		"What is the capital of", "Kenya", "space show answer", "0/3")
	d.mustNotShow("Nairobi", "Again")

	// Rating before the answer is shown is refused.
	d.press("3")
	if len(s.calls) != 0 {
		t.Fatalf("rated before the answer was shown: %v", s.calls)
	}
	d.mustShow("show the answer first")

	// Space shows the answer and the buttons with their intervals.
	d.press("space")
	d.mustShow("Nairobi", "1 Again 1m · 2 Hard 5m · 3 Good 10m · 4 Easy 16d")
	d.press("?")
	d.mustShow("space good")
	d.press("?")

	// 3 rates Good; the time from showing the card is passed on.
	d.press("3")
	if got := strings.Join(s.calls, ","); got != "answer good" {
		t.Fatalf("calls = %s", got)
	}
	if s.tooks[0] != 3*time.Second {
		t.Errorf("took = %v, want 3s (one clock step)", s.tooks[0])
	}
	if d.current() != cardCloze.ID {
		t.Fatalf("current = %s, want the cloze", d.current())
	}
	d.mustShow("good · next in 10m", "1/3", "geo::australia › Australia > Politics", "[...]")

	// The cloze's answer side is the note with the deletions filled in.
	d.press("enter")
	d.mustShow("Julia Gillard", "2010")
	d.mustNotShow("{{c")

	// Again puts it back at the end; enter on the next card then rates
	// it Good after showing it (Anki's space-space).
	d.press("1")
	if d.current() != cardCode.ID {
		t.Fatalf("current = %s, want the code card", d.current())
	}
	d.mustShow("again · next in 1m", "fmt.Println(1 + 2)")

	// Undo brings the cloze back.
	d.press("u")
	if d.current() != cardCloze.ID {
		t.Fatalf("after undo current = %s, want the cloze", d.current())
	}
	d.mustShow("undone", "1/3")

	// Hard, then suspend and bury.
	d.press("space", "2")
	if d.current() != cardCode.ID {
		t.Fatalf("current = %s", d.current())
	}
	d.press("s")
	d.mustShow("suspended")
	if d.current() != cardCloze.ID {
		t.Fatalf("current after suspend = %s", d.current())
	}
	d.press("b")
	if d.m.phase.onCard() {
		t.Fatalf("queue should be empty, current %s", d.current())
	}

	// The summary screen.
	// Reviewed: good and hard (the undone again does not count).
	d.mustShow("Congratulations! You have finished geo for now.", "Studied", "2 cards in 6s (3s/card)",
		"Again", "0 (0%)", "Due tomorrow", "1 review · 20 new", "By deck", "geo 1 · geo::australia 1", "4/4")
	if _, ok := d.m.Summary(); !ok {
		t.Fatal("no summary after the queue ran out")
	}
	// u on the summary screen undoes the burial.
	d.press("u")
	if d.current() != cardCloze.ID || d.m.phase == phaseSummary {
		t.Fatalf("undo from the summary: current %s, phase %v", d.current(), d.m.phase)
	}
	d.press("b", "q")
	if !d.quit {
		t.Fatal("q on the summary screen did not quit")
	}
	sum, ok := d.m.Summary()
	if !ok || sum.Reviewed != 2 || sum.Again != 0 || sum.DueTomorrow != 1 {
		t.Fatalf("summary = %+v, %v", sum, ok)
	}
	want := "answer good,answer again,undo,answer hard,suspend gosumprint,bury juliagilla,undo,bury juliagilla"
	if got := strings.Join(s.calls, ","); got != want {
		t.Errorf("calls:\n got %s\nwant %s", got, want)
	}
}

func TestTUIKeys(t *testing.T) {
	tests := []struct {
		name        string
		keys        []string
		calls       string
		shows       []string
		quit        bool
		interrupted bool
	}{
		{name: "space then space rates good", keys: []string{"space", "space"}, calls: "answer good", shows: []string{"good · next in 10m"}},
		{name: "enter reveals", keys: []string{"enter"}, shows: []string{"Nairobi"}},
		{name: "again", keys: []string{"space", "1"}, calls: "answer again"},
		{name: "hard", keys: []string{"space", "2"}, calls: "answer hard"},
		{name: "good", keys: []string{"space", "3"}, calls: "answer good"},
		{name: "easy", keys: []string{"space", "4"}, calls: "answer easy", shows: []string{"easy · next in 16d"}},
		{name: "undo at start", keys: []string{"u"}, calls: "undo", shows: []string{"nothing to undo"}},
		{name: "suspend", keys: []string{"s"}, calls: "suspend kenyacapit"},
		{name: "bury", keys: []string{"b"}, calls: "bury kenyacapit", shows: []string{"buried"}},
		{name: "typed fast", keys: []string{"space", "3u"}, calls: "answer good,undo", shows: []string{"undone", "Kenya", "space show answer"}},
		{name: "unbound key", keys: []string{"x", "space"}, shows: []string{"Nairobi"}},
		{name: "quit", keys: []string{"q"}, quit: true},
		{name: "ctrl+c quits", keys: []string{"space", "ctrl+c"}, quit: true, interrupted: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newFake(cardBasic, cardCloze, cardCode)
			d := newDriver(t, s, TUIOptions{Deck: "geo"})
			d.press(tt.keys...)
			if got := strings.Join(s.calls, ","); got != tt.calls {
				t.Errorf("calls = %q, want %q", got, tt.calls)
			}
			if d.quit != tt.quit {
				t.Errorf("quit = %v, want %v", d.quit, tt.quit)
			}
			if d.m.Interrupted() != tt.interrupted {
				t.Errorf("interrupted = %v, want %v", d.m.Interrupted(), tt.interrupted)
			}
			if !tt.quit {
				d.mustShow(tt.shows...)
			}
		})
	}
}

func TestTUITypeAhead(t *testing.T) {
	s := newFake(cardBasic, cardCloze, cardCode)
	d := newDriver(t, s, TUIOptions{})
	d.press("space")
	// "3" starts an answer; the keys after it arrive before the answer
	// returns and must wait for it, then apply to the next card.
	nm, cmd := d.m.Update(keyMsg("3"))
	d.m = nm.(Model)
	for _, k := range []string{"space", "1"} {
		var c tea.Cmd
		nm, c = d.m.Update(keyMsg(k))
		d.m = nm.(Model)
		if c != nil {
			t.Fatalf("key %q started a call while another was running", k)
		}
	}
	if len(s.calls) != 0 {
		t.Fatalf("calls before the command ran: %v", s.calls)
	}
	d.run(cmd)
	if got := strings.Join(s.calls, ","); got != "answer good,answer again" {
		t.Fatalf("calls = %s", got)
	}
	// Pasted text is never taken for keys.
	d.feed(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("s"), Paste: true})
	if len(s.calls) != 2 {
		t.Fatalf("paste acted: %v", s.calls)
	}
}

func TestTUIHelp(t *testing.T) {
	d := newDriver(t, newFake(cardBasic), TUIOptions{Deck: "geo"})
	d.feed(tea.WindowSizeMsg{Width: 100, Height: 30})
	short := d.view()
	d.mustShow("? more keys")
	d.mustNotShow("scroll down")
	d.press("?")
	d.mustShow("close help", "scroll down", "page up", "again", "edit note", "show answer")
	if got, was := strings.Count(d.view(), "\n"), strings.Count(short, "\n"); got != was {
		t.Errorf("full help changed the screen height: %d lines, was %d", got, was)
	}
	d.press("space")
	d.mustShow("space good")
	d.press("?")
	d.mustShow("more keys")
	d.mustNotShow("scroll down")
}

func TestTUIResize(t *testing.T) {
	long := cards.Card{
		ID: "longanswer", Kind: cards.KindBasic, Deck: "geo",
		Question: "Name the phases of mitosis and describe each one.",
		Answer:   strings.Repeat("During this phase the chromosomes condense and the spindle forms between the poles. ", 12),
	}
	sizes := []struct{ w, h int }{{100, 30}, {40, 20}, {24, 12}, {200, 50}, {20, 10}}
	long.Question += "\n\n```\n" + strings.Repeat("x", 150) + "\n```"
	for _, sz := range sizes {
		t.Run(fmt.Sprintf("%dx%d", sz.w, sz.h), func(t *testing.T) {
			d := newDriver(t, newFake(long), TUIOptions{Deck: "geo"})
			// Start at another size: the card must re-wrap.
			d.feed(tea.WindowSizeMsg{Width: 70, Height: 20}, keyMsg("space"), tea.WindowSizeMsg{Width: sz.w, Height: sz.h})
			v := d.m.View()
			lines := strings.Split(v, "\n")
			if len(lines) != sz.h {
				t.Errorf("screen has %d lines, want the window's %d", len(lines), sz.h)
			}
			for i, l := range lines {
				if w := lipgloss.Width(l); w > sz.w {
					t.Errorf("line %d is %d wide in a %d-wide window: %q", i, w, sz.w, ansi.Strip(l))
				}
			}
			// Wrapping follows the window up to the reading width.
			want := max(10, min(sz.w-2, maxRenderWidth))
			widest := 0
			for _, l := range d.m.bodyLines {
				if strings.Contains(l, "xxxx") {
					// Code is not wrapped, only cut at the window's edge
					// (checked above with every line of the screen).
					continue
				}
				widest = max(widest, ansi.StringWidth(strings.TrimRight(ansi.Strip(l), " ")))
			}
			if widest > want || widest < want-8 {
				t.Errorf("card text is %d wide, want at most %d and close to it", widest, want)
			}
			// The long card is scrolled to its answer.
			if d.m.vp.YOffset == 0 {
				t.Errorf("long card not scrolled to the answer")
			}
		})
	}
	t.Run("too small", func(t *testing.T) {
		d := newDriver(t, newFake(long), TUIOptions{})
		d.feed(tea.WindowSizeMsg{Width: 30, Height: 6})
		d.mustShow("window too small")
		d.press("space", "3")
		if len(d.s.calls) != 1 {
			t.Fatalf("keys do not work in a small window: %v", d.s.calls)
		}
		d.feed(tea.WindowSizeMsg{Width: 0, Height: 0})
		if v := d.m.View(); strings.Contains(v, "\n") {
			t.Fatalf("zero-size window drew %q", v)
		}
	})
}

func TestTUIEmptyQueue(t *testing.T) {
	d := newDriver(t, newFake(), TUIOptions{})
	d.mustShow("Congratulations! You have finished today's cards for now.", "Studied       no cards", "0/0")
	d.press("u")
	d.mustShow("nothing to undo")
	d.press("enter")
	if !d.quit {
		t.Fatal("enter on the summary did not quit")
	}
}

func TestTUIScroll(t *testing.T) {
	long := cards.Card{ID: "scrollcard", Kind: cards.KindBasic, Question: strings.Repeat("line\n\n", 40), Answer: "end"}
	d := newDriver(t, newFake(long), TUIOptions{})
	d.feed(tea.WindowSizeMsg{Width: 60, Height: 16})
	d.press("down", "down")
	if d.m.vp.YOffset != 2 {
		t.Fatalf("offset after two downs = %d", d.m.vp.YOffset)
	}
	d.press("pgdown")
	if d.m.vp.YOffset != 2+d.m.vp.Height {
		t.Fatalf("offset after page down = %d, height %d", d.m.vp.YOffset, d.m.vp.Height)
	}
	d.press("pgup", "up", "k")
	if d.m.vp.YOffset != 0 {
		t.Fatalf("offset after going back up = %d", d.m.vp.YOffset)
	}
	d.press("space")
	if d.m.vp.YOffset == 0 {
		t.Fatal("showing the answer did not scroll to it")
	}
	d.mustShow("end")
}

func TestTUILeech(t *testing.T) {
	s := newFake(cardBasic, cardCloze)
	s.leeches[cardBasic.ID] = true
	d := newDriver(t, s, TUIOptions{})
	d.press("space", "1")
	d.mustShow("leech: card kenyacapit is a leech: tagged leech and suspended")
	if d.current() != cardCloze.ID {
		t.Fatalf("leech still current")
	}
}

func TestTUIErrors(t *testing.T) {
	t.Run("shown and retried", func(t *testing.T) {
		s := newFake(cardBasic, cardCloze)
		s.errs["answer"] = errors.New("disk hiccup")
		d := newDriver(t, s, TUIOptions{})
		d.press("space", "3")
		d.mustShow("error: answer good: disk hiccup", "Nairobi")
		if d.current() != cardBasic.ID || d.quit {
			t.Fatalf("a passing error moved on or quit")
		}
		d.press("3")
		if d.current() != cardCloze.ID {
			t.Fatalf("retry did not answer")
		}
	})
	for _, method := range []string{"undo", "suspend", "bury"} {
		t.Run(method, func(t *testing.T) {
			s := newFake(cardBasic)
			s.errs[method] = errors.New("locked")
			d := newDriver(t, s, TUIOptions{})
			d.press(method[:1])
			d.mustShow("error: " + method + ": locked")
		})
	}
	t.Run("fatal ends the session", func(t *testing.T) {
		s := newFake(cardBasic, cardCloze)
		s.errs["answer"] = fmt.Errorf("%w: database closed", study.ErrFatal)
		d := newDriver(t, s, TUIOptions{})
		d.press("space", "3", "3")
		if !d.quit {
			t.Fatal("fatal error did not quit")
		}
		if !errors.Is(d.m.Err(), study.ErrFatal) {
			t.Fatalf("Err() = %v", d.m.Err())
		}
		if _, ok := d.m.Summary(); !ok {
			t.Fatal("no summary after a fatal error")
		}
		if got := strings.Join(s.calls, ","); got != "answer good" {
			t.Fatalf("keys after the fatal error acted: %s", got)
		}
	})
}

func TestTUIEdit(t *testing.T) {
	t.Run("reload after the editor", func(t *testing.T) {
		s := newFake(cardBasic, cardCloze)
		edited := cardBasic
		edited.Answer = "Nairobi (since 1963)"
		s.reload = []cards.Card{edited, cardCloze}
		d := newDriver(t, s, TUIOptions{Editor: "true", NoteRoots: []string{"/notes"}})
		d.press("space")
		d.mustShow("Nairobi")
		// e starts the editor: a command, and the model waits for it.
		nm, cmd := d.m.Update(keyMsg("e"))
		d.m = nm.(Model)
		if cmd == nil || !d.m.busy {
			t.Fatal("e did not start the editor")
		}
		d.feed(editedMsg{})
		if s.reloads != 1 {
			t.Fatalf("reloads = %d", s.reloads)
		}
		// The same card stays revealed and is rendered afresh.
		d.mustShow("note reloaded", "Nairobi (since 1963)")
	})
	t.Run("editor failed", func(t *testing.T) {
		s := newFake(cardBasic)
		d := newDriver(t, s, TUIOptions{NoteRoots: []string{"/notes"}})
		d.press("e")
		d.feed(editedMsg{err: errors.New("exec: \"nano\": not found")})
		d.mustShow(`editor: exec: "nano": not found`)
		if s.reloads != 0 || d.m.busy {
			t.Fatalf("reloads %d, busy %v", s.reloads, d.m.busy)
		}
	})
	t.Run("reload failed", func(t *testing.T) {
		s := newFake(cardBasic)
		s.errs["reload"] = errors.New("note moved")
		d := newDriver(t, s, TUIOptions{NoteRoots: []string{"/notes"}})
		d.press("e")
		d.feed(editedMsg{})
		d.mustShow("error: reload the note: note moved")
	})
	t.Run("no source", func(t *testing.T) {
		d := newDriver(t, newFake(cardReversed), TUIOptions{})
		d.press("e")
		d.mustShow("this card has no source note")
		if d.m.busy {
			t.Fatal("busy without an editor")
		}
	})
}

// TestTUIEditRefusesForeignPaths: an imported card's source path is
// anyone's text; e opens only Markdown notes inside the added folders.
func TestTUIEditRefusesForeignPaths(t *testing.T) {
	for _, tt := range []struct{ name, path, want string }{
		{"vi command as a path", "+:!touch /tmp/x", "not a plain absolute path"},
		{"option as a path", "-c:!id", "not a plain absolute path"},
		{"outside the added folders", "/etc/passwd.md", "not inside a folder added"},
		{"dot-dot escape", "/notes/../etc/x.md", "not a plain absolute path"},
		{"not Markdown", "/notes/run.sh", "not a Markdown note"},
		{"escape in the path", "/notes/\x1b]0;t\x07.md", "not a plain absolute path"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			c := cardBasic
			c.Source.Path = tt.path
			s := newFake(c)
			d := newDriver(t, s, TUIOptions{Editor: "true", NoteRoots: []string{"/notes"}})
			nm, cmd := d.m.Update(keyMsg("e"))
			d.m = nm.(Model)
			if cmd != nil || d.m.busy {
				t.Fatal("e started the editor")
			}
			d.mustShow(tt.want)
			if strings.ContainsAny(d.m.View(), "\x07") {
				t.Fatal("the refusal printed the path's controls")
			}
		})
	}
	if err := checkEditable("/notes/sub/a.md", []string{"/notes"}); err != nil {
		t.Errorf("a note inside the added folder was refused: %v", err)
	}
	if err := checkEditable("/notes/a.md", []string{"/notes/a.md"}); err != nil {
		t.Errorf("an added file was refused: %v", err)
	}
	if err := checkEditable("/notes/a.md", nil); err == nil {
		t.Error("no added folders, yet the note was accepted")
	}
}

func TestEditorCommand(t *testing.T) {
	tests := []struct {
		editor, path string
		line         int
		want         string
	}{
		{"", "/n/a.md", 12, "vi +12 -- /n/a.md"},
		{"vim", "/n/a.md", 1, "vim +1 -- /n/a.md"},
		{"emacsclient -nw", "/n/with space.md", 7, "emacsclient -nw +7 -- /n/with space.md"},
		{"  nano  ", "/n/a.md", 0, "nano -- /n/a.md"},
		{"vi", "+:!touch /tmp/x", 3, "vi +3 -- +:!touch /tmp/x"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			name, args := editorCommand(tt.editor, tt.path, tt.line)
			if got := strings.Join(append([]string{name}, args...), " "); got != tt.want {
				t.Errorf("got %q", got)
			}
			if args[len(args)-1] != tt.path || args[len(args)-2] != "--" {
				t.Errorf("path not one argument after --: %q", args)
			}
		})
	}
}

func TestTUIColour(t *testing.T) {
	tests := []struct {
		name    string
		profile termenv.Profile
		noColor bool
		escapes bool
	}{
		{name: "truecolor", profile: termenv.TrueColor, escapes: true},
		{name: "ansi", profile: termenv.ANSI, escapes: true},
		{name: "NO_COLOR", profile: termenv.TrueColor, noColor: true},
		{name: "not a terminal", profile: termenv.Ascii},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := lipgloss.NewRenderer(io.Discard)
			r.SetColorProfile(tt.profile)
			if tt.noColor {
				r.SetColorProfile(termenv.Ascii)
			}
			r.SetHasDarkBackground(true)
			color := r.ColorProfile() != termenv.Ascii
			s := newFake(cardCode, cardBasic)
			d := &driver{t: t, s: s, m: newModel(s, TUIOptions{Deck: "geo", NoColor: tt.noColor}, r, markdownStyle(color, true))}
			d.run(d.m.Init())
			d.press("space")
			v := d.m.View()
			if got := strings.Contains(v, "\x1b["); got != tt.escapes {
				t.Fatalf("escape codes = %v, want %v:\n%q", got, tt.escapes, v)
			}
			d.mustShow("fmt.Println(1 + 2)", "1 Again 1m")
		})
	}
	t.Run("NoColor option", func(t *testing.T) {
		m := NewModel(newFake(cardBasic), TUIOptions{NoColor: true, Out: io.Discard})
		if m.cache.style != "notty" || m.cache.profile != termenv.Ascii {
			t.Fatalf("style %q profile %v", m.cache.style, m.cache.profile)
		}
	})
}

func TestTUIGolden(t *testing.T) {
	tests := []struct {
		name string
		keys []string
		card cards.Card
		w, h int
	}{
		{name: "question", card: cardBasic, w: 72, h: 18},
		{name: "answer", card: cardBasic, keys: []string{"space"}, w: 72, h: 18},
		{name: "cloze-answer", card: cardCloze, keys: []string{"space"}, w: 60, h: 16},
		{name: "code-narrow", card: cardCode, keys: []string{"space"}, w: 36, h: 20},
		{name: "summary", card: cardBasic, keys: []string{"space", "3"}, w: 72, h: 14},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := newDriver(t, newFake(tt.card), TUIOptions{Deck: "geo"})
			d.feed(tea.WindowSizeMsg{Width: tt.w, Height: tt.h})
			d.press(tt.keys...)
			golden(t, filepath.Join("testdata", "tui", tt.name+".golden"), d.view()+"\n")
		})
	}
}

// golden compares got with the file, or rewrites it under -update.
func golden(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs (go test -update rewrites it):\n--- got\n%s\n--- want\n%s", path, got, want)
	}
}

func TestRunTUI(t *testing.T) {
	s := newFake(cardBasic, cardCloze)
	var out bytes.Buffer
	// Keys as a terminal sends them: reveal, good, reveal, easy; then the
	// summary screen waits for q.
	sum, err := RunTUI(context.Background(), s, TUIOptions{
		In: strings.NewReader(" 3 4q"), Out: &out, Deck: "geo", Now: fakeClock(time.Second),
	})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Reviewed != 2 || sum.DueTomorrow != 2 {
		t.Fatalf("summary = %+v", sum)
	}
	if got := strings.Join(s.calls, ","); got != "answer good,answer easy" {
		t.Fatalf("calls = %s", got)
	}
	tail := plainView(out.String())
	if !strings.Contains(tail, "2 cards in 2s") || !strings.Contains(tail, "Due tomorrow") {
		t.Fatalf("summary not printed after the screen closed:\n%s", tail)
	}
}

func TestRunTUICtrlCIsAnInterrupt(t *testing.T) {
	s := newFake(cardBasic, cardCloze)
	var out bytes.Buffer
	// Reveal, good, then ctrl+c (byte 3 on a terminal) on the second card.
	sum, err := RunTUI(context.Background(), s, TUIOptions{
		In: strings.NewReader(" 3\x03"), Out: &out, Now: fakeClock(time.Second),
	})
	if !errors.Is(err, ErrInterrupted) || !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want ErrInterrupted (a context.Canceled)", err)
	}
	if sum.Reviewed != 1 {
		t.Errorf("summary = %+v, want the one answer kept", sum)
	}
}

func TestRunTUIContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	pr, pw := io.Pipe()
	defer pw.Close()
	_, err := RunTUI(ctx, newFake(cardBasic), TUIOptions{In: pr, Out: io.Discard})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
}

func BenchmarkView(b *testing.B) {
	s := newFake(cardCode, cardBasic)
	m := NewModel(s, TUIOptions{Deck: "geo", Out: io.Discard})
	nm, _ := m.Update(m.Init()())
	nm, _ = nm.Update(tea.WindowSizeMsg{Width: 100, Height: 40})
	nm, _ = nm.Update(keyMsg("space"))
	m = nm.(Model)
	// A redraw with the card's text in the render cache.
	b.Run("cache-hit", func(b *testing.B) {
		for b.Loop() {
			_ = m.View()
		}
	})
	// A redraw after the cache lost the card: the question and
	// answer again (a new card, or a new window width).
	b.Run("cache-miss", func(b *testing.B) {
		for b.Loop() {
			m.cache.reset()
			m.sync(false)
			_ = m.View()
		}
	})
}

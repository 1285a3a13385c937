package review

import (
	"errors"
	"fmt"
	"os/exec"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/mnemo-app/mnemo/cards"
	"github.com/mnemo-app/mnemo/cmd/mnemo/internal/termtext"
	"github.com/mnemo-app/mnemo/scheduler/study"
)

// This file holds what changes the Model: the tea.Cmds that call the
// Session (the only I/O, run outside Update), Update with one method per
// message, and the moves between phases. keys.go maps keys to these
// moves; view.go draws the result.

// Messages: the results of the tea.Cmds that call the Session.
type (
	// queueMsg is the queue's state after a change.
	queueMsg struct {
		card      cards.Card
		ok        bool
		counts    study.Counts
		intervals [4]time.Duration
		at        time.Time // when the card was put on screen
	}
	answeredMsg struct {
		rating   cards.Rating
		interval time.Duration
		outcome  study.Outcome
		next     queueMsg
		err      error
	}
	undoneMsg struct {
		ok   bool
		next queueMsg
		err  error
	}
	hiddenMsg struct {
		verb string // "suspended" or "buried"
		next queueMsg
		err  error
	}
	editedMsg   struct{ err error }
	reloadedMsg struct {
		next queueMsg
		err  error
	}
	summaryMsg struct {
		summary study.Summary
		quit    bool
	}
)

// snapshot reads the queue's state; it runs inside tea.Cmds.
func snapshot(s Session, now func() time.Time) queueMsg {
	var q queueMsg
	q.card, q.ok = s.Current()
	q.counts = s.Counts()
	if q.ok {
		q.intervals = s.Intervals()
	}
	if now != nil {
		q.at = now()
	}
	return q
}

func (m Model) loadCmd() tea.Cmd {
	s, now := m.s, m.now
	return func() tea.Msg { return snapshot(s, now) }
}

func (m Model) answerCmd(r cards.Rating) tea.Cmd {
	s, now, shown, iv := m.s, m.now, m.shownAt, m.intervals[r-1]
	return func() tea.Msg {
		var took time.Duration
		if now != nil && !shown.IsZero() {
			took = max(0, now().Sub(shown))
		}
		out, err := s.Answer(r, took)
		if errors.Is(err, study.ErrCardChanged) {
			return answeredMsg{rating: r, err: err, next: snapshot(s, now)}
		}
		if err != nil {
			return answeredMsg{rating: r, err: fmt.Errorf("answer %s: %w", r, err), next: snapshot(s, now)}
		}
		return answeredMsg{rating: r, interval: iv, outcome: out, next: snapshot(s, now)}
	}
}

func (m Model) undoCmd() tea.Cmd {
	s, now := m.s, m.now
	return func() tea.Msg {
		_, ok, err := s.Undo()
		if err != nil {
			return undoneMsg{err: fmt.Errorf("undo: %w", err)}
		}
		return undoneMsg{ok: ok, next: snapshot(s, now)}
	}
}

func (m Model) hideCmd(bury bool) tea.Cmd {
	s, now := m.s, m.now
	return func() tea.Msg {
		action, verb, call := "suspend", "suspended", s.Suspend
		if bury {
			action, verb, call = "bury", "buried", s.Bury
		}
		if err := call(); errors.Is(err, study.ErrCardChanged) {
			return hiddenMsg{verb: verb, err: err, next: snapshot(s, now)}
		} else if err != nil {
			return hiddenMsg{verb: verb, err: fmt.Errorf("%s: %w", action, err), next: snapshot(s, now)}
		}
		return hiddenMsg{verb: verb, next: snapshot(s, now)}
	}
}

func (m Model) reloadCmd() tea.Cmd {
	s, now := m.s, m.now
	return func() tea.Msg {
		if err := s.Reload(); err != nil {
			return reloadedMsg{err: fmt.Errorf("reload the note: %w", err)}
		}
		return reloadedMsg{next: snapshot(s, now)}
	}
}

func (m Model) summaryCmd(quit bool) tea.Cmd {
	s := m.s
	return func() tea.Msg { return summaryMsg{summary: s.Summary(), quit: quit} }
}

// editCmd runs the editor on the terminal, the program suspended. The
// exec.Cmd is made inside the tea.Cmd, so looking the editor up on PATH
// is not done in Update either.
func editCmd(editor, path string, line int) tea.Cmd {
	return func() tea.Msg {
		name, args := editorCommand(editor, path, line)
		c := exec.Command(name, args...)
		return tea.ExecProcess(c, func(err error) tea.Msg { return editedMsg{err: err} })()
	}
}

// Init loads the first card.
func (m Model) Init() tea.Cmd { return m.loadCmd() }

// Update handles keys, window sizes and the results of Session calls.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = max(1, msg.Width), max(1, msg.Height)
		m.sync(false)
		return m, nil
	case tea.KeyMsg:
		return m.key(msg)
	case queueMsg:
		m.busy = false
		return m.drain(m.showCard(msg))
	case answeredMsg:
		return m.answered(msg)
	case undoneMsg:
		return m.undone(msg)
	case hiddenMsg:
		return m.hidden(msg)
	case openedMsg:
		return m.opened(msg), nil
	case editedMsg:
		return m.edited(msg)
	case reloadedMsg:
		return m.reloaded(msg)
	case summaryMsg:
		return m.gotSummary(msg)
	}
	return m.drain(nil)
}

func (m Model) answered(msg answeredMsg) (tea.Model, tea.Cmd) {
	m.busy = false
	if msg.err != nil {
		return m.failOn(msg.err, msg.next)
	}
	m.done++
	if msg.outcome.Leech {
		text := msg.outcome.Message
		if text == "" {
			text = "this card is a leech: it was tagged and suspended"
		}
		m.setStatus(statusWarn, "leech: "+text)
	} else {
		m.setStatus(statusInfo, fmt.Sprintf("%s · next in %s", msg.rating, formatInterval(msg.interval)))
	}
	return m.drain(m.showCard(msg.next))
}

func (m Model) undone(msg undoneMsg) (tea.Model, tea.Cmd) {
	m.busy = false
	if msg.err != nil {
		return m.fail(msg.err)
	}
	if !msg.ok {
		m.setStatus(statusInfo, "nothing to undo")
		if m.phase == phaseSummary {
			return m, nil
		}
		return m.drain(nil)
	}
	m.done = max(0, m.done-1)
	m.setStatus(statusInfo, "undone")
	return m.drain(m.showCard(msg.next))
}

func (m Model) hidden(msg hiddenMsg) (tea.Model, tea.Cmd) {
	m.busy = false
	if msg.err != nil {
		return m.failOn(msg.err, msg.next)
	}
	m.done++
	m.setStatus(statusInfo, msg.verb)
	return m.drain(m.showCard(msg.next))
}

// opened reports the viewer; it never made the model busy.
func (m Model) opened(msg openedMsg) Model {
	if msg.err != nil {
		m.setStatus(statusError, "viewer: "+msg.err.Error())
	} else {
		m.setStatus(statusInfo, "opened "+msg.name)
	}
	return m
}

// edited follows the editor: the note is re-read unless it failed.
func (m Model) edited(msg editedMsg) (tea.Model, tea.Cmd) {
	m.busy = false
	if msg.err != nil {
		m.setStatus(statusError, "editor: "+msg.err.Error())
		return m.drain(nil)
	}
	m.busy = true
	return m, m.reloadCmd()
}

// reloaded shows the queue after the note was re-read; the same card
// keeps its answer on screen if it was showing.
func (m Model) reloaded(msg reloadedMsg) (tea.Model, tea.Cmd) {
	m.busy = false
	if msg.err != nil {
		return m.fail(msg.err)
	}
	m.cache.reset()
	keep := m.phase == phaseAnswer && msg.next.ok && msg.next.card.ID == m.card.ID
	m.setStatus(statusInfo, "note reloaded")
	cmd := m.showCard(msg.next)
	if keep {
		m.showAnswer(false)
	}
	return m.drain(cmd)
}

// gotSummary ends the session with its summary, or puts the summary
// screen up when the queue ran out.
func (m Model) gotSummary(msg summaryMsg) (tea.Model, tea.Cmd) {
	m.busy = false
	m.summary = msg.summary
	if msg.quit || m.err != nil {
		return m.quit()
	}
	m.showSummary()
	return m.drain(nil)
}

// fail shows a Session error, or ends the session on a fatal one.
func (m Model) fail(err error) (tea.Model, tea.Cmd) {
	if fatal(err) {
		m.err = err
		return m.leave()
	}
	m.setStatus(statusError, "error: "+err.Error())
	return m.drain(nil)
}

// failOn shows the error of an answer, suspend or bury. When the session
// has moved on from the card on screen (it changed in the collection, or
// the failed call took it out of the queue), the keys typed ahead for it
// are dropped and the current card is shown before any key can act.
func (m Model) failOn(err error, next queueMsg) (tea.Model, tea.Cmd) {
	if fatal(err) {
		return m.fail(err)
	}
	moved := errors.Is(err, study.ErrCardChanged) || !next.ok || next.card.ID != m.card.ID
	if !moved {
		return m.fail(err)
	}
	m.pending = nil
	cmd := m.showCard(next)
	if errors.Is(err, study.ErrCardChanged) {
		m.setStatus(statusWarn, err.Error())
	} else {
		m.setStatus(statusError, "error: "+err.Error())
	}
	return m.drain(cmd)
}

// Moves between phases.

// showCard puts a new queue state on screen: its card's question, or,
// when the queue is empty, nothing while the summary is fetched.
func (m *Model) showCard(q queueMsg) tea.Cmd {
	m.card = displayCard(q.card)
	m.counts, m.intervals, m.shownAt = q.counts, q.intervals, q.at
	m.phase = phaseLoading
	if q.ok {
		m.phase = phaseQuestion
	}
	m.clozeFill = false
	if q.ok && q.card.Kind == cards.KindCloze && q.card.Text != "" {
		_, m.clozeFill = fillCloze(q.card.Text, q.card.Ord)
	}
	m.vp.GotoTop()
	m.sync(false)
	if !q.ok {
		m.busy = true
		return m.summaryCmd(false)
	}
	return nil
}

// showAnswer turns the card over; toAnswer scrolls a card taller than
// the window to where its answer starts.
func (m *Model) showAnswer(toAnswer bool) {
	m.phase = phaseAnswer
	m.sync(toAnswer)
}

// showSummary puts the summary screen up (the queue is empty).
func (m *Model) showSummary() {
	m.phase = phaseSummary
	m.sync(false)
}

// leave ends the session from a card: the summary is fetched first
// (quit follows), and no key typed meanwhile acts.
func (m Model) leave() (Model, tea.Cmd) {
	m.busy = true
	m.pending = nil
	return m, m.summaryCmd(true)
}

// quit ends the program; the summary is in the model.
func (m Model) quit() (Model, tea.Cmd) {
	m.phase = phaseQuit
	return m, tea.Quit
}

func (m *Model) setStatus(k statusKind, s string) { m.status, m.statusKind = termtext.Line(s), k }

// displayCard is the card as the screen shows it: every text field made
// inert (termtext) before it is rendered, so a note cannot send the
// terminal escape sequences. ID and source path stay as they are: the
// session and the editor need the real ones, and neither is printed raw.
func displayCard(c cards.Card) cards.Card {
	c.Question, c.Answer, c.Text = termtext.Clean(c.Question), termtext.Clean(c.Answer), termtext.Clean(c.Text)
	c.Deck = termtext.Line(c.Deck)
	c.Context, c.Tags = termtext.Strings(c.Context), termtext.Strings(c.Tags)
	return c
}

package review

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/progress"
	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"

	"github.com/mnemo-app/mnemo/cards"
	"github.com/mnemo-app/mnemo/cmd/mnemo/internal/termtext"
	"github.com/mnemo-app/mnemo/scheduler/study"
)

// TUIOptions configure RunTUI.
type TUIOptions struct {
	// In and Out are the terminal; nil means standard input and output.
	In  io.Reader
	Out io.Writer
	// Deck is the deck being studied, shown in the header.
	Deck string
	// NoColor drops every colour (NO_COLOR): plain lipgloss styles and
	// the Markdown style for non-terminals.
	NoColor bool
	// Editor is $VISUAL or $EDITOR, a command with optional arguments
	// ("vim", "emacsclient -nw"); empty means "vi". The note is opened
	// with EDITOR +LINE -- PATH.
	Editor string
	// NoteRoots are the files and folders added with mnemo add: the
	// editor opens only notes inside them (an imported card's source path
	// is anyone's text).
	NoteRoots []string
	// Now is the clock that times each answer for Session.Answer; nil
	// reports every answer as taking no time.
	Now func() time.Time
	// MediaDir is the collection's media folder and Viewer the program
	// that opens a file there (xdg-open, open); the Open key starts it on
	// the card's first image or sound found in the folder. An empty
	// Viewer turns the key off.
	MediaDir string
	Viewer   string
}

// Default window size until the terminal reports one.
const (
	defaultWidth  = 80
	defaultHeight = 24
	// The smallest window the screen is drawn in.
	minWidth  = 20
	minHeight = 10
	// maxPending bounds the keys typed ahead while a Session call runs.
	maxPending = 32
)

type statusKind uint8

const (
	statusInfo statusKind = iota
	statusWarn
	statusError
)

// Model is the review screen, a bubbletea model. It is exported so tests
// (and callers embedding it) can drive it through Update and View; most
// callers use RunTUI. Every Session call runs in a tea.Cmd, one at a
// time; keys typed meanwhile are queued and applied in order.
type Model struct {
	s      Session
	keys   KeyMap
	help   help.Model
	bar    progress.Model
	vp     viewport.Model
	st     styles
	cache  *renderCache
	now    func() time.Time
	editor string
	roots  []string
	deck   string
	media  mediaOpener

	width, height int

	card      cards.Card
	hasCard   bool
	counts    study.Counts
	intervals [4]time.Duration
	shownAt   time.Time
	revealed  bool
	clozeFill bool     // the answer side shows the filled cloze note
	bodyLines []string // the card's rendered lines, as in the viewport
	done      int      // cards answered, suspended or buried (less undos)

	busy    bool
	pending []tea.KeyMsg

	status     string
	statusKind statusKind

	finished    bool // the queue is empty: the summary screen is up
	summary     study.Summary
	summed      bool // summary holds the session's summary
	quitting    bool
	interrupted bool  // quit with ctrl+c: RunTUI returns ErrInterrupted
	err         error // the fatal error that ended the session
}

// NewModel returns the review screen for s. It detects the colour
// profile and background of o.Out (standard output if nil) once, here,
// never while the program runs.
func NewModel(s Session, o TUIOptions) Model {
	out := o.Out
	if out == nil {
		out = os.Stdout
	}
	r := lipgloss.NewRenderer(out)
	profile := r.ColorProfile()
	if o.NoColor {
		profile = termenv.Ascii
		r.SetColorProfile(profile)
	}
	color := profile != termenv.Ascii
	dark := true
	if color {
		dark = r.HasDarkBackground()
	}
	r.SetHasDarkBackground(dark)
	return newModel(s, o, r, markdownStyle(color, dark))
}

// newModel builds the model on a given renderer and Markdown style.
func newModel(s Session, o TUIOptions, r *lipgloss.Renderer, style string) Model {
	keys := DefaultKeyMap()
	h := help.New()
	h.Styles = helpStyles(r)
	st := newStyles(r)
	vp := viewport.New(defaultWidth, defaultHeight)
	vp.MouseWheelEnabled = false
	vp.KeyMap = viewport.KeyMap{Up: keys.Up, Down: keys.Down, PageUp: keys.PageUp, PageDown: keys.PageDown}
	editor := strings.TrimSpace(o.Editor)
	if editor == "" {
		editor = "vi"
	}
	m := Model{
		s:      s,
		keys:   keys,
		help:   h,
		bar:    progress.New(progress.WithSolidFill(st.progress), progress.WithoutPercentage(), progress.WithColorProfile(r.ColorProfile())),
		vp:     vp,
		st:     st,
		cache:  newRenderCache(style, r.ColorProfile()),
		now:    o.Now,
		editor: editor,
		roots:  o.NoteRoots,
		deck:   termtext.Line(o.Deck),
		media:  mediaOpener{dir: o.MediaDir, viewer: strings.TrimSpace(o.Viewer)},
		width:  defaultWidth,
		height: defaultHeight,
	}
	m.busy = true // Init loads the first card
	return m
}

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
	var cmd tea.Cmd
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = max(1, msg.Width), max(1, msg.Height)
		m.sync(false)
		return m, nil
	case tea.KeyMsg:
		return m.key(msg)
	case queueMsg:
		m.busy = false
		cmd = m.apply(msg)
	case answeredMsg:
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
		cmd = m.apply(msg.next)
	case undoneMsg:
		m.busy = false
		if msg.err != nil {
			return m.fail(msg.err)
		}
		if !msg.ok {
			m.setStatus(statusInfo, "nothing to undo")
			if m.finished {
				return m, nil
			}
			return m.drain(nil)
		}
		m.done = max(0, m.done-1)
		m.finished, m.summed = false, false
		m.setStatus(statusInfo, "undone")
		cmd = m.apply(msg.next)
	case hiddenMsg:
		m.busy = false
		if msg.err != nil {
			return m.failOn(msg.err, msg.next)
		}
		m.done++
		m.setStatus(statusInfo, msg.verb)
		cmd = m.apply(msg.next)
	case openedMsg:
		if msg.err != nil {
			m.setStatus(statusError, "viewer: "+msg.err.Error())
		} else {
			m.setStatus(statusInfo, "opened "+msg.name)
		}
		return m, nil
	case editedMsg:
		m.busy = false
		if msg.err != nil {
			m.setStatus(statusError, "editor: "+msg.err.Error())
			return m.drain(nil)
		}
		m.busy = true
		return m, m.reloadCmd()
	case reloadedMsg:
		m.busy = false
		if msg.err != nil {
			return m.fail(msg.err)
		}
		m.cache.reset()
		keep := m.revealed && msg.next.ok && msg.next.card.ID == m.card.ID
		m.setStatus(statusInfo, "note reloaded")
		cmd = m.apply(msg.next)
		if keep {
			m.revealed = true
			m.keys.Reveal.SetHelp(m.keys.Reveal.Help().Key, "good")
			m.sync(false)
		}
	case summaryMsg:
		m.busy = false
		m.summary, m.summed = msg.summary, true
		if msg.quit || m.err != nil {
			m.quitting = true
			return m, tea.Quit
		}
		m.finished = true
		m.sync(false)
	}
	return m.drain(cmd)
}

// fail shows a Session error, or ends the session on a fatal one.
func (m Model) fail(err error) (tea.Model, tea.Cmd) {
	if fatal(err) {
		m.err = err
		m.pending = nil
		m.busy = true
		return m, m.summaryCmd(true)
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
	cmd := m.apply(next)
	if errors.Is(err, study.ErrCardChanged) {
		m.setStatus(statusWarn, err.Error())
	} else {
		m.setStatus(statusError, "error: "+err.Error())
	}
	return m.drain(cmd)
}

// apply puts a new queue state on screen; an empty queue fetches the
// summary.
func (m *Model) apply(q queueMsg) tea.Cmd {
	m.card, m.hasCard = displayCard(q.card), q.ok
	m.counts, m.intervals, m.shownAt = q.counts, q.intervals, q.at
	m.revealed = false
	m.keys.Reveal.SetHelp(m.keys.Reveal.Help().Key, "show answer")
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

// key queues keys typed during a Session call, splits a burst of runes
// ("33" typed fast) into single keys, and ignores pasted text.
func (m Model) key(msg tea.KeyMsg) (tea.Model, tea.Cmd) {
	if msg.Paste || m.quitting {
		return m, nil
	}
	keys := []tea.KeyMsg{msg}
	if msg.Type == tea.KeyRunes && len(msg.Runes) > 1 {
		keys = keys[:0]
		for _, r := range msg.Runes {
			keys = append(keys, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}, Alt: msg.Alt})
		}
	}
	for _, k := range keys {
		if len(m.pending) < maxPending {
			m.pending = append(m.pending, k)
		}
	}
	return m.drain(nil)
}

// drain applies queued keys until one starts a Session call.
func (m Model) drain(cmd tea.Cmd) (tea.Model, tea.Cmd) {
	cmds := []tea.Cmd{cmd}
	for !m.busy && !m.quitting && len(m.pending) > 0 {
		k := m.pending[0]
		m.pending = m.pending[1:]
		var c tea.Cmd
		m, c = m.handleKey(k)
		cmds = append(cmds, c)
	}
	return m, tea.Batch(cmds...)
}

func (m Model) handleKey(msg tea.KeyMsg) (Model, tea.Cmd) {
	k := m.keys
	if msg.Type == tea.KeyCtrlC && key.Matches(msg, k.Quit) {
		m.interrupted = true
	}
	switch {
	case key.Matches(msg, k.Help):
		m.help.ShowAll = !m.help.ShowAll
		if m.help.ShowAll {
			m.keys.Help.SetHelp("?", "close help")
		} else {
			m.keys.Help.SetHelp("?", "more keys")
		}
		m.sync(false)
		return m, nil
	case m.finished:
		switch {
		case key.Matches(msg, k.Undo):
			m.busy = true
			return m, m.undoCmd()
		case key.Matches(msg, k.Quit, k.Reveal) || msg.Type == tea.KeyEsc:
			m.quitting = true
			return m, tea.Quit
		}
		return m, nil
	case key.Matches(msg, k.Quit):
		m.busy = true
		m.pending = nil
		return m, m.summaryCmd(true)
	case !m.hasCard:
		return m, nil
	case key.Matches(msg, k.Up, k.Down, k.PageUp, k.PageDown):
		m.vp, _ = m.vp.Update(msg)
		return m, nil
	case key.Matches(msg, k.Reveal):
		if !m.revealed {
			m.setStatus(statusInfo, "")
			m.revealed = true
			m.keys.Reveal.SetHelp(m.keys.Reveal.Help().Key, "good")
			m.sync(true)
			return m, nil
		}
		return m.rate(cards.Good)
	case key.Matches(msg, k.Again):
		return m.rate(cards.Again)
	case key.Matches(msg, k.Hard):
		return m.rate(cards.Hard)
	case key.Matches(msg, k.Good):
		return m.rate(cards.Good)
	case key.Matches(msg, k.Easy):
		return m.rate(cards.Easy)
	case key.Matches(msg, k.Undo):
		m.busy = true
		return m, m.undoCmd()
	case key.Matches(msg, k.Suspend):
		m.busy = true
		return m, m.hideCmd(false)
	case key.Matches(msg, k.Bury):
		m.busy = true
		return m, m.hideCmd(true)
	case key.Matches(msg, k.Open):
		cmd, warn := m.media.open(&m.card)
		if warn != "" {
			m.setStatus(statusWarn, warn)
		}
		return m, cmd
	case key.Matches(msg, k.Edit):
		if err := checkEditable(m.card.Source.Path, m.roots); err != nil {
			m.setStatus(statusWarn, err.Error())
			return m, nil
		}
		m.busy = true
		return m, editCmd(m.editor, m.card.Source.Path, m.card.Source.Line)
	}
	return m, nil
}

func (m Model) rate(r cards.Rating) (Model, tea.Cmd) {
	if !m.revealed {
		m.setStatus(statusInfo, "show the answer first: press "+m.keys.Reveal.Help().Key)
		return m, nil
	}
	m.busy = true
	return m, m.answerCmd(r)
}

// Layout: a one-column margin left and right; above the card the header,
// progress bar, context line and a blank line; below it a blank line, the
// status line, the answer buttons and the help.
const (
	margin    = 1
	topHeight = 4
)

func (m Model) contentWidth() int { return max(1, m.width-2*margin) }

func (m Model) renderWidth() int { return max(10, min(m.contentWidth(), maxRenderWidth)) }

func (m Model) helpView() string {
	h := m.help
	h.Width = m.contentWidth()
	return h.View(m.keys)
}

// helpHeight is the height of the help: one line, or the longest column
// of the full help.
func (m Model) helpHeight() int {
	if !m.help.ShowAll {
		return 1
	}
	h := 1
	for _, col := range m.keys.FullHelp() {
		n := 0
		for _, b := range col {
			if b.Enabled() {
				n++
			}
		}
		h = max(h, n)
	}
	return h
}

func (m Model) bodyHeight() int {
	bottom := 3 + m.helpHeight()
	return max(1, m.height-topHeight-bottom)
}

// sync sizes the viewport and gives it the card's text (from the render
// cache); toAnswer scrolls a card taller than the window to its answer.
func (m *Model) sync(toAnswer bool) {
	m.vp.Width, m.vp.Height = m.contentWidth(), m.bodyHeight()
	if !m.hasCard {
		m.vp.SetContent("")
		m.bodyLines = nil
		return
	}
	body, answerLine, err := m.body()
	m.vp.SetContent(body)
	// Glamour does not wrap code blocks: cut what is wider than the window.
	m.bodyLines = strings.Split(body, "\n")
	for i, l := range m.bodyLines {
		if ansi.StringWidth(l) > m.vp.Width {
			m.bodyLines[i] = ansi.Truncate(l, m.vp.Width, "…")
		}
	}
	if toAnswer && m.vp.TotalLineCount() > m.vp.Height {
		m.vp.SetYOffset(answerLine)
	}
	if err != nil {
		m.setStatus(statusError, err.Error())
	}
}

// body is the card's text: the question, and once revealed a divider and
// the answer (for a cloze with its note, the note with the deletions
// filled in, as Anki shows it). answerLine is where the answer starts.
func (m *Model) body() (text string, answerLine int, err error) {
	w := m.renderWidth()
	if m.revealed && m.clozeFill {
		text, err = m.cache.render(&m.card, partCloze, w)
		return text, 0, err
	}
	q, err := m.cache.render(&m.card, partQuestion, w)
	if !m.revealed {
		return q, 0, err
	}
	a, aerr := m.cache.render(&m.card, partAnswer, w)
	divider := m.st.divider.Render(strings.Repeat("─", w))
	answerLine = lipgloss.Height(q) + 1
	return q + "\n\n" + divider + "\n\n" + a, answerLine, errors.Join(err, aerr)
}

// View draws the screen.
func (m Model) View() string {
	if m.quitting {
		return ""
	}
	if m.width < minWidth || m.height < minHeight {
		return ansi.Truncate(fmt.Sprintf("window too small (%d×%d at least)", minWidth, minHeight), m.width, "…")
	}
	var lines []string
	lines = append(lines, m.headerView(), m.progressView())
	if m.finished {
		lines = append(lines, "", "")
		lines = append(lines, m.summaryLines(true)...)
		lines = append(lines, "", m.statusView(), "")
		h := m.help
		h.Width = m.contentWidth()
		lines = append(lines, h.ShortHelpView([]key.Binding{m.keys.Undo, m.keys.Quit}))
		return indent(lines, m.contentWidth())
	}
	lines = append(lines, m.contextView(), "")
	var b strings.Builder
	b.WriteString(indent(lines, m.contentWidth()))
	// The card's visible lines, already cut to the width by sync.
	pad := strings.Repeat(" ", margin)
	h := m.bodyHeight()
	visible := []string{m.st.faint.Render("loading…")}
	if m.hasCard {
		top := min(m.vp.YOffset, len(m.bodyLines))
		visible = m.bodyLines[top:min(top+h, len(m.bodyLines))]
	}
	for i := range h {
		b.WriteByte('\n')
		if i < len(visible) && visible[i] != "" {
			b.WriteString(pad + visible[i])
		}
	}
	b.WriteByte('\n')
	b.WriteString(indent([]string{"", m.statusView(), m.buttonsView(), m.helpView()}, m.contentWidth()))
	return b.String()
}

// indent puts the margin left of every line and cuts lines to width.
func indent(blocks []string, width int) string {
	var b strings.Builder
	pad := strings.Repeat(" ", margin)
	first := true
	for _, block := range blocks {
		for _, l := range strings.Split(block, "\n") {
			if !first {
				b.WriteByte('\n')
			}
			first = false
			if l == "" {
				continue
			}
			b.WriteString(pad + ansi.Truncate(l, width, "…"))
		}
	}
	return b.String()
}

// spread puts left and right on one line of width w, right-aligned; right
// is dropped when both do not fit.
func spread(left, right string, w int) string {
	gap := w - lipgloss.Width(left) - lipgloss.Width(right)
	if right == "" || gap < 1 {
		return left
	}
	return left + strings.Repeat(" ", gap) + right
}

// queueOf is the count the current card is drawn from (0 new, 1
// learning, 2 review), underlined as Anki does.
func queueOf(st cards.State) int {
	switch st {
	case cards.StateNew:
		return 0
	case cards.StateReview:
		return 2
	default:
		return 1
	}
}

func (m Model) countsView(long bool) string {
	n := [3]int{m.counts.New, m.counts.Learning, m.counts.Review}
	names := [3]string{"new", "learning", "review"}
	cur := -1
	if m.hasCard && !m.finished {
		cur = queueOf(m.card.Schedule.State)
	}
	parts := make([]string, 3)
	for i := range n {
		st := m.st.counts[i]
		if i == cur {
			st = st.Underline(true)
		}
		parts[i] = st.Render(strconv.Itoa(n[i]))
		if long {
			parts[i] += m.st.faint.Render(" " + names[i])
		}
	}
	return strings.Join(parts, m.st.faint.Render(" · "))
}

func (m Model) headerView() string {
	w := m.contentWidth()
	left := m.st.title.Render("mnemo")
	if m.deck != "" {
		left += m.st.faint.Render(" · ") + m.deck
	}
	right := m.countsView(true)
	if lipgloss.Width(left)+lipgloss.Width(right)+1 > w {
		right = m.countsView(false)
	}
	return spread(left, right, w)
}

func (m Model) progressView() string {
	total := m.done + m.counts.Total()
	pct := 1.0
	if total > 0 {
		pct = float64(m.done) / float64(total)
	}
	label := fmt.Sprintf(" %d/%d", m.done, total)
	bar := m.bar
	bar.Width = max(1, m.contentWidth()-len(label))
	return bar.ViewAs(pct) + m.st.faint.Render(label)
}

func (m Model) contextView() string {
	if !m.hasCard {
		return ""
	}
	var left []string
	if m.card.Deck != "" && m.card.Deck != m.deck {
		left = append(left, m.card.Deck)
	}
	if c := m.card.ContextString(); c != "" {
		left = append(left, c)
	}
	right := ""
	if p := m.card.Source.Path; p != "" {
		right = termtext.Line(filepath.Base(p))
		if m.card.Source.Line > 0 {
			right += ":" + strconv.Itoa(m.card.Source.Line)
		}
	}
	return m.st.faint.Render(spread(strings.Join(left, " › "), right, m.contentWidth()))
}

func (m Model) statusView() string {
	switch m.statusKind {
	case statusWarn:
		return m.st.warn.Render(m.status)
	case statusError:
		return m.st.err.Render(m.status)
	default:
		return m.st.info.Render(m.status)
	}
}

var ratingLabels = [4]string{"Again", "Hard", "Good", "Easy"}

func (m Model) buttonsView() string {
	if !m.hasCard {
		return ""
	}
	if !m.revealed {
		return m.st.key.Render(m.keys.Reveal.Help().Key) + m.st.faint.Render(" show answer")
	}
	bindings := [4]key.Binding{m.keys.Again, m.keys.Hard, m.keys.Good, m.keys.Easy}
	long := make([]string, 4)
	short := make([]string, 4)
	for i, b := range bindings {
		iv := m.st.faint.Render(formatInterval(m.intervals[i]))
		long[i] = m.st.buttons[i].Render(b.Help().Key+" "+ratingLabels[i]) + " " + iv
		short[i] = m.st.buttons[i].Render(b.Help().Key) + " " + iv
	}
	sep := m.st.faint.Render(" · ")
	if s := strings.Join(long, sep); lipgloss.Width(s) <= m.contentWidth() {
		return s
	}
	return strings.Join(short, sep)
}

// summaryLines describe the session; congrats adds Anki's line for a
// finished queue.
func (m Model) summaryLines(congrats bool) []string {
	s := m.summary
	var lines []string
	if congrats {
		what := "today's cards"
		if m.deck != "" {
			what = m.deck
		}
		lines = append(lines, m.st.heading.Render("Congratulations! You have finished "+what+" for now."), "")
	}
	row := func(label, value string) {
		lines = append(lines, m.st.label.Render(fmt.Sprintf("%-14s", label))+value)
	}
	studied := "no cards"
	if s.Reviewed > 0 {
		studied = fmt.Sprintf("%d %s in %s (%s/card)", s.Reviewed, plural(s.Reviewed, "card", "cards"),
			formatElapsed(s.Elapsed), formatElapsed(s.Elapsed/time.Duration(s.Reviewed)))
	} else if s.Elapsed > 0 {
		studied += " in " + formatElapsed(s.Elapsed)
	}
	row("Studied", studied)
	row("Again", fmt.Sprintf("%d (%d%%)", s.Again, againPercent(s)))
	row("Due tomorrow", fmt.Sprintf("%d %s · %d new", s.DueTomorrow, plural(s.DueTomorrow, "review", "reviews"), s.NewTomorrow))
	if len(s.StudiedByDeck) > 1 {
		row("By deck", byDeck(s.StudiedByDeck))
	}
	return lines
}

// byDeck lists cards studied per deck, most first, then by name.
func byDeck(m map[string]int) string {
	names := make([]string, 0, len(m))
	for d := range m {
		names = append(names, d)
	}
	sort.Slice(names, func(i, j int) bool {
		if m[names[i]] != m[names[j]] {
			return m[names[i]] > m[names[j]]
		}
		return names[i] < names[j]
	})
	parts := make([]string, len(names))
	for i, d := range names {
		parts[i] = termtext.Line(d) + " " + strconv.Itoa(m[d])
	}
	return strings.Join(parts, " · ")
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// study.Summary returns the session's summary once the session has ended (the
// queue ran out or the person quit); ok is false before.
func (m Model) Summary() (s study.Summary, ok bool) { return m.summary, m.summed }

// Err returns the fatal Session error that ended the session, if any.
func (m Model) Err() error { return m.err }

// RunTUI runs the review screen on a terminal until the queue is empty and
// the person leaves the summary, or they quit. It uses the alternate
// screen and, on leaving it, prints the summary to o.Out so it stays in the
// scrollback. A fatal Session error (see study.ErrFatal) ends the session and is
// returned; so is the end of ctx.
func RunTUI(ctx context.Context, s Session, o TUIOptions) (study.Summary, error) {
	m := NewModel(s, o)
	opts := []tea.ProgramOption{tea.WithContext(ctx), tea.WithAltScreen()}
	if o.In != nil {
		opts = append(opts, tea.WithInput(o.In))
	}
	out := o.Out
	if out == nil {
		out = os.Stdout
	}
	opts = append(opts, tea.WithOutput(out))
	final, err := tea.NewProgram(m, opts...).Run()
	fm, ok := final.(Model)
	if !ok {
		fm = m
	}
	if err != nil {
		sum, _ := fm.Summary()
		if !fm.summed && !fm.busy {
			sum = s.Summary()
		}
		if ctx.Err() != nil {
			return sum, fmt.Errorf("review: %w", ctx.Err())
		}
		return sum, fmt.Errorf("review: %w", err)
	}
	if fm.summed {
		if _, werr := io.WriteString(out, indent(fm.summaryLines(false), fm.contentWidth())+"\n"); werr != nil && fm.err == nil {
			return fm.summary, fmt.Errorf("print the summary: %w", werr)
		}
	}
	if fm.err == nil && fm.interrupted {
		return fm.summary, ErrInterrupted
	}
	return fm.summary, fm.err
}

// Interrupted reports whether the person quit with ctrl+c.
func (m Model) Interrupted() bool { return m.interrupted }

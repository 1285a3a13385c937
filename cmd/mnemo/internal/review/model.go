package review

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/progress"
	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
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

// phase is the screen the review is on; exactly one holds at a time. The
// moves between phases are the methods in tui.go named after them
// (showCard, showAnswer, showSummary, leave, quit).
type phase uint8

const (
	// phaseLoading: no card on screen; the queue (at the start) or the
	// summary (once the queue ran out) is being fetched.
	phaseLoading phase = iota
	// phaseQuestion: a card's question, waiting for Reveal.
	phaseQuestion
	// phaseAnswer: the card's answer and the four rating buttons.
	phaseAnswer
	// phaseSummary: the queue is empty and the summary is on screen; undo
	// can still bring a card back.
	phaseSummary
	// phaseQuit: the program is ending; the screen is blank and no key
	// acts.
	phaseQuit
)

var phaseNames = [...]string{"loading", "question", "answer", "summary", "quit"}

func (p phase) String() string {
	if int(p) < len(phaseNames) {
		return phaseNames[p]
	}
	return fmt.Sprintf("phase(%d)", p)
}

// onCard reports whether a card is on screen.
func (p phase) onCard() bool { return p == phaseQuestion || p == phaseAnswer }

// summed reports whether the model holds the session's summary: it was
// fetched for the summary screen or on the way out.
func (p phase) summed() bool { return p == phaseSummary || p == phaseQuit }

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

	phase phase

	card      cards.Card // the card on screen, made inert (displayCard); valid in phase.onCard()
	counts    study.Counts
	intervals [4]time.Duration
	shownAt   time.Time
	clozeFill bool     // the answer side shows the filled cloze note
	bodyLines []string // the card's rendered lines, as in the viewport
	done      int      // cards answered, suspended or buried (less undos)

	// busy and pending are not a phase: a Session call can be in flight
	// in any phase (the first load, an answer, undo from the summary, the
	// summary fetched on quit), and the keys typed meanwhile wait in
	// pending, to act in whatever phase the call's result leads to.
	busy    bool
	pending []tea.KeyMsg

	status     string
	statusKind statusKind

	summary     study.Summary // valid once phase.summed()
	interrupted bool          // quit with ctrl+c: RunTUI returns ErrInterrupted
	err         error         // the fatal error that ended the session
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

// Summary returns the session's summary once the session has ended (the
// queue ran out or the person quit); ok is false before.
func (m Model) Summary() (s study.Summary, ok bool) { return m.summary, m.phase.summed() }

// Err returns the fatal Session error that ended the session, if any.
func (m Model) Err() error { return m.err }

// Interrupted reports whether the person quit with ctrl+c.
func (m Model) Interrupted() bool { return m.interrupted }

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
		if !fm.phase.summed() && !fm.busy {
			sum = s.Summary()
		}
		if ctx.Err() != nil {
			return sum, fmt.Errorf("review: %w", ctx.Err())
		}
		return sum, fmt.Errorf("review: %w", err)
	}
	if fm.phase.summed() {
		if _, werr := io.WriteString(out, indent(fm.summaryLines(false), fm.contentWidth())+"\n"); werr != nil && fm.err == nil {
			return fm.summary, fmt.Errorf("print the summary: %w", werr)
		}
	}
	if fm.err == nil && fm.interrupted {
		return fm.summary, ErrInterrupted
	}
	return fm.summary, fm.err
}

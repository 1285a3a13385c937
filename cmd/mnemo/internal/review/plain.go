package review

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/mnemo-app/mnemo/cards"
	"github.com/mnemo-app/mnemo/cmd/mnemo/internal/termtext"
	"github.com/mnemo-app/mnemo/scheduler/study"
)

// PlainOption configures RunPlain.
type PlainOption func(*plainConfig)

type plainConfig struct {
	now func() time.Time
}

// WithClock gives RunPlain the clock that times each answer for
// Session.Answer; without it every answer is reported as taking no time.
func WithClock(now func() time.Time) PlainOption {
	return func(c *plainConfig) { c.now = now }
}

// command is one line of input in the plain mode.
type command uint8

const (
	cmdUnknown command = iota
	cmdShow
	cmdRate
	cmdUndo
	cmdSuspend
	cmdBury
	cmdHelp
	cmdQuit
)

// parseCommand reads one input line: "" or "show", "1"-"4" or
// "again|hard|good|easy", "u"/"undo", "s"/"suspend", "b"/"bury",
// "?"/"help", "q"/"quit". Case and surrounding blanks do not matter.
func parseCommand(line string) (command, cards.Rating) {
	w := strings.ToLower(strings.TrimSpace(line))
	switch w {
	case "", "show":
		return cmdShow, 0
	case "u", "undo":
		return cmdUndo, 0
	case "s", "suspend":
		return cmdSuspend, 0
	case "b", "bury":
		return cmdBury, 0
	case "?", "h", "help":
		return cmdHelp, 0
	case "q", "quit", "exit":
		return cmdQuit, 0
	}
	if r, err := cards.ParseRating(w); err == nil {
		return cmdRate, r
	}
	return cmdUnknown, 0
}

const (
	plainShowPrompt = "[enter] show answer"
	plainKeys       = "keys: enter show answer · 1-4 or again|hard|good|easy rate · u undo · s suspend · b bury · q quit"
	plainRateHint   = "hint: rate with 1-4 or again|hard|good|easy · u undo · s suspend · b bury · q quit"
	plainShowHint   = "hint: press enter to show the answer · u undo · s suspend · b bury · q quit"
)

// RunPlain runs a review session as a line protocol on in and out, for
// pipes, scripts and screen readers; the protocol is described in the
// package documentation. It ends when the queue is empty, on "q" or at
// the end of input (not an error), and returns the session's summary. A
// fatal Session error (see study.ErrFatal), a read or write error and the end
// of ctx end it with an error; other Session errors are printed as an
// "error:" line and the card is asked again.
func RunPlain(ctx context.Context, s Session, in io.Reader, out io.Writer, opts ...PlainOption) (study.Summary, error) {
	var cfg plainConfig
	for _, o := range opts {
		o(&cfg)
	}
	p := &plain{s: s, w: &errWriter{w: out}, now: cfg.now}
	lines, stop := readLines(in)
	defer stop()
	err := p.run(ctx, lines)
	sum := s.Summary()
	p.println(summaryLine(sum))
	if err == nil && p.w.err != nil {
		err = fmt.Errorf("write: %w", p.w.err)
	}
	return sum, err
}

type plain struct {
	s   Session
	w   *errWriter
	now func() time.Time
}

// line is one line of input, or the reason there are no more.
type line struct {
	text string
	err  error // io.EOF at the end of input
}

// readLines reads in on its own goroutine so a blocked read does not
// keep the session from noticing ctx; stop lets the goroutine end.
func readLines(in io.Reader) (<-chan line, func()) {
	ch := make(chan line)
	done := make(chan struct{})
	go func() {
		defer close(ch)
		r := bufio.NewReader(in)
		for {
			s, err := r.ReadString('\n')
			if s != "" || err == nil {
				select {
				case ch <- line{text: strings.TrimRight(s, "\r\n")}:
				case <-done:
					return
				}
			}
			if err != nil {
				select {
				case ch <- line{err: err}:
				case <-done:
				}
				return
			}
		}
	}()
	return ch, func() { close(done) }
}

// println prints one protocol line; card text in it is made inert first.
func (p *plain) println(s string) { fmt.Fprintln(p.w, termtext.Clean(s)) }

// block prints text's plain lines, the first after label and the others
// indented to line up under it.
func (p *plain) block(label, md string) {
	ls := plainLines(md)
	if len(ls) == 0 {
		ls = []string{"(empty)"}
	}
	pad := strings.Repeat(" ", len(label))
	for i, l := range ls {
		if i == 0 {
			p.println(label + l)
		} else {
			p.println(pad + l)
		}
	}
}

// errQuit ends the session at the person's request (q or end of input).
var errQuit = errors.New("quit")

// run shows cards until the queue is empty or the session ends.
func (p *plain) run(ctx context.Context, lines <-chan line) error {
	for {
		if p.w.err != nil {
			return nil
		}
		card, ok := p.s.Current()
		if !ok {
			p.println("done: no more cards due")
			return nil
		}
		err := p.card(ctx, lines, card)
		if errors.Is(err, errQuit) {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

// card asks one card; it returns nil when the queue moved on (rated,
// suspended, buried, undone).
func (p *plain) card(ctx context.Context, lines <-chan line, card cards.Card) error {
	p.printCard(card)
	a := &asked{card: card}
	if p.now != nil {
		a.shown = p.now()
	}
	for {
		text, err := p.next(ctx, lines)
		if err != nil {
			return err
		}
		if moved, err := p.command(a, text); moved || err != nil {
			return err
		}
	}
}

// asked is the card on screen and how far it got.
type asked struct {
	card      cards.Card
	shown     time.Time // when its question was printed
	revealed  bool
	intervals [4]time.Duration // read when the answer is shown
}

// printCard prints the card's header lines and its question.
func (p *plain) printCard(card cards.Card) {
	c := p.s.Counts()
	deck := card.Deck
	if strings.TrimSpace(deck) == "" {
		deck = "-"
	}
	p.println(fmt.Sprintf("card %s · %s · %d new · %d learning · %d review", plainID(card.ID), oneLine(deck), c.New, c.Learning, c.Review))
	if ctxs := oneLine(card.ContextString()); ctxs != "" {
		p.println("context: " + ctxs)
	}
	if card.Source.Path != "" {
		src := card.Source.Path
		if card.Source.Line > 0 {
			src += ":" + strconv.Itoa(card.Source.Line)
		}
		p.println("source: " + oneLine(src))
	}
	p.block("Q: ", card.Question)
	p.println(plainShowPrompt)
}

// next waits for the next input line. The end of input, or output that
// can no longer be written, is errQuit; the end of ctx and a read error
// end the session with an error.
func (p *plain) next(ctx context.Context, lines <-chan line) (string, error) {
	if p.w.err != nil {
		return "", errQuit
	}
	var in line
	select {
	case <-ctx.Done():
		return "", fmt.Errorf("review: %w", ctx.Err())
	case l, ok := <-lines:
		if !ok {
			return "", errQuit
		}
		in = l
	}
	if errors.Is(in.err, io.EOF) {
		return "", errQuit
	}
	if in.err != nil {
		return "", fmt.Errorf("read input: %w", in.err)
	}
	return in.text, nil
}

// command runs one input line on the card asked; moved reports that the
// queue moved on, so the next card is to be asked.
func (p *plain) command(a *asked, text string) (moved bool, err error) {
	cmd, r := parseCommand(text)
	switch {
	case cmd == cmdQuit:
		return false, errQuit
	case cmd == cmdHelp:
		p.println(plainKeys)
		return false, nil
	case cmd == cmdShow && !a.revealed:
		p.reveal(a)
		return false, nil
	case cmd == cmdRate && !a.revealed:
		p.println("hint: show the answer first: press enter")
		return false, nil
	case cmd == cmdRate:
		moved, err = p.rate(a, r)
	case cmd == cmdUndo:
		moved, err = p.undo()
	case cmd == cmdSuspend:
		moved, err = p.hide(a.card, "suspend", "suspended", p.s.Suspend)
	case cmd == cmdBury:
		moved, err = p.hide(a.card, "bury", "buried", p.s.Bury)
	case a.revealed:
		p.println(plainRateHint)
		return false, nil
	default:
		p.println(plainShowHint)
		return false, nil
	}
	if err != nil {
		return p.failed(a.card, err)
	}
	return moved, nil
}

// reveal prints the answer and the four ratings with their intervals.
func (p *plain) reveal(a *asked) {
	a.revealed = true
	a.intervals = p.s.Intervals()
	p.block("A: ", a.card.Answer)
	iv := a.intervals
	p.println(fmt.Sprintf("rate: 1 again (%s) · 2 hard (%s) · 3 good (%s) · 4 easy (%s)",
		formatInterval(iv[0]), formatInterval(iv[1]), formatInterval(iv[2]), formatInterval(iv[3])))
}

// rate answers the card. A card that changed meanwhile is not rated; the
// loop then shows what is current now, so no line typed for this card can
// rate another.
func (p *plain) rate(a *asked, r cards.Rating) (moved bool, err error) {
	var took time.Duration
	if p.now != nil {
		took = max(0, p.now().Sub(a.shown))
	}
	out, err := p.s.Answer(r, took)
	if errors.Is(err, study.ErrCardChanged) {
		p.println("changed: " + oneLine(err.Error()))
		return true, nil
	}
	if err != nil {
		return false, fmt.Errorf("answer %s: %w", r, err)
	}
	p.println(fmt.Sprintf("rated %s · next in %s", r, formatInterval(a.intervals[r-1])))
	if out.Leech {
		msg := out.Message
		if msg == "" {
			msg = "this card is a leech: it was tagged and suspended"
		}
		p.println("leech: " + oneLine(msg))
	}
	return true, nil
}

// undo reverts the last change; with nothing to undo the card stays.
func (p *plain) undo() (moved bool, err error) {
	undone, ok, err := p.s.Undo()
	if err != nil {
		return false, fmt.Errorf("undo: %w", err)
	}
	if !ok {
		p.println("nothing to undo")
		return false, nil
	}
	p.println("undone: card " + plainID(undone.ID))
	return true, nil
}

// hide suspends or buries the card through call; ErrCardChanged is
// returned as it is, for failed to report.
func (p *plain) hide(card cards.Card, action, verb string, call func() error) (moved bool, err error) {
	if err := call(); err != nil {
		if errors.Is(err, study.ErrCardChanged) {
			return false, err
		}
		return false, fmt.Errorf("%s: %w", action, err)
	}
	p.println(verb + ": card " + plainID(card.ID))
	return true, nil
}

// failed reports a failed command: a fatal error ends the session; a
// changed card or a call that moved the session on shows what is current
// before another line can act on a card not on screen; otherwise the card
// is asked again.
func (p *plain) failed(card cards.Card, err error) (moved bool, _ error) {
	if fatal(err) {
		return false, err
	}
	if errors.Is(err, study.ErrCardChanged) {
		p.println("changed: " + oneLine(err.Error()))
		return true, nil
	}
	p.println("error: " + oneLine(err.Error()))
	if now, ok := p.s.Current(); !ok || now.ID != card.ID {
		return true, nil
	}
	return false, nil
}

// summaryLine is the plain mode's last line.
func summaryLine(s study.Summary) string {
	return fmt.Sprintf("summary: %d reviewed · %d again (%d%%) · %s · %d due tomorrow · %d new tomorrow",
		s.Reviewed, s.Again, againPercent(s), formatElapsed(s.Elapsed), s.DueTomorrow, s.NewTomorrow)
}

// plainID writes a card ID as one word ("-" if it is empty).
func plainID(id cards.ID) string {
	if f := strings.Fields(string(id)); len(f) > 0 {
		return strings.Join(f, "_")
	}
	return "-"
}

// oneLine keeps a message on one line of the protocol.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// errWriter remembers the first write error so the protocol code can
// print without checking each line.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) Write(b []byte) (int, error) {
	if e.err != nil {
		return 0, e.err
	}
	n, err := e.w.Write(b)
	e.err = err
	return n, err
}

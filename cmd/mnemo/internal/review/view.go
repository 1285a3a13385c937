package review

import (
	"fmt"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"github.com/mnemo-app/mnemo/cards"
	"github.com/mnemo-app/mnemo/cmd/mnemo/internal/termtext"
)

// This file draws the Model: View, the layout, the header, the card, the
// footer (status, buttons, help) and the summary screen. Nothing here
// changes the session; sync and body fill the viewport from the render
// cache.

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
	return h.View(m.helpKeys())
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
	if !m.phase.onCard() {
		m.vp.SetContent("")
		m.bodyLines = nil
		return
	}
	body, answerLine := m.body()
	m.vp.SetContent(body)
	// Code blocks are not wrapped: cut what is wider than the window.
	m.bodyLines = strings.Split(body, "\n")
	for i, l := range m.bodyLines {
		if ansi.StringWidth(l) > m.vp.Width {
			m.bodyLines[i] = ansi.Truncate(l, m.vp.Width, "…")
		}
	}
	if toAnswer && m.vp.TotalLineCount() > m.vp.Height {
		m.vp.SetYOffset(answerLine)
	}
}

// body is the card's text: the question, and once revealed a divider and
// the answer (for a cloze with its note, the note with the deletions
// filled in, as Anki shows it). answerLine is where the answer starts.
func (m *Model) body() (text string, answerLine int) {
	w := m.renderWidth()
	revealed := m.phase == phaseAnswer
	if revealed && m.clozeFill {
		return m.cache.render(&m.card, partCloze, w), 0
	}
	q := m.cache.render(&m.card, partQuestion, w)
	if !revealed {
		return q, 0
	}
	a := m.cache.render(&m.card, partAnswer, w)
	divider := m.st.divider.Render(strings.Repeat("─", w))
	return q + "\n\n" + divider + "\n\n" + a, lipgloss.Height(q) + 1
}

// View draws the screen: blank once quitting, a notice in a window too
// small, else the summary screen or the card screen.
func (m Model) View() string {
	switch {
	case m.phase == phaseQuit:
		return ""
	case m.width < minWidth || m.height < minHeight:
		return ansi.Truncate(fmt.Sprintf("window too small (%d×%d at least)", minWidth, minHeight), m.width, "…")
	case m.phase == phaseSummary:
		return m.summaryView()
	}
	return m.cardView()
}

// summaryView is the summary screen: header, progress, the summary with
// Anki's congratulations, the status and the two keys that still work.
func (m Model) summaryView() string {
	lines := []string{m.headerView(), m.progressView(), "", ""}
	lines = append(lines, m.summaryLines(true)...)
	lines = append(lines, "", m.statusView(), "")
	h := m.help
	h.Width = m.contentWidth()
	lines = append(lines, h.ShortHelpView([]key.Binding{m.keys.Undo, m.keys.Quit}))
	return indent(lines, m.contentWidth())
}

// cardView is the card screen: header, progress and context above the
// card's visible lines (or "loading…" before there is a card), the
// status, buttons and help below.
func (m Model) cardView() string {
	var b strings.Builder
	b.WriteString(indent([]string{m.headerView(), m.progressView(), m.contextView(), ""}, m.contentWidth()))
	// The card's visible lines, already cut to the width by sync.
	pad := strings.Repeat(" ", margin)
	h := m.bodyHeight()
	visible := []string{m.st.faint.Render("loading…")}
	if m.phase.onCard() {
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
	if m.phase.onCard() {
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
	if !m.phase.onCard() {
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
	switch m.phase {
	case phaseQuestion:
		return m.st.key.Render(m.keys.Reveal.Help().Key) + m.st.faint.Render(" show answer")
	case phaseAnswer:
		return m.ratingButtons()
	}
	return ""
}

// ratingButtons are the four answers with their next intervals, labelled
// when they fit on the line.
func (m Model) ratingButtons() string {
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

package review

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/mnemo-app/mnemo/cards"
)

// KeyMap holds the TUI's key bindings. The help line and the full help
// screen are generated from it, so a rebinding shows up in both.
type KeyMap struct {
	// Reveal shows the answer; once the answer is shown the same keys rate
	// the card Good, as in Anki.
	Reveal key.Binding
	// Again, Hard, Good and Easy are the four answer buttons.
	Again key.Binding
	Hard  key.Binding
	Good  key.Binding
	Easy  key.Binding
	// Undo reverts the last answer, suspension or burial.
	Undo key.Binding
	// Suspend and Bury take the current card out of the queue, for good
	// or until tomorrow.
	Suspend key.Binding
	Bury    key.Binding
	// Edit opens the card's source note in the editor at the card's line.
	Edit key.Binding
	// Open shows the card's image (or plays its sound) with the system
	// viewer, for media that came with an imported package.
	Open key.Binding
	// Up, Down, PageUp and PageDown scroll a card taller than the window.
	Up       key.Binding
	Down     key.Binding
	PageUp   key.Binding
	PageDown key.Binding
	// Help toggles the full help; Quit ends the session.
	Help key.Binding
	Quit key.Binding
}

// DefaultKeyMap returns mnemo's default bindings: space or enter to show
// the answer, 1-4 to rate, u undo, s suspend, b bury, e edit, o open the
// card's image, ? help and
// q or ctrl+c to quit.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Reveal:   key.NewBinding(key.WithKeys(" ", "enter"), key.WithHelp("space", "show answer")),
		Again:    key.NewBinding(key.WithKeys("1"), key.WithHelp("1", "again")),
		Hard:     key.NewBinding(key.WithKeys("2"), key.WithHelp("2", "hard")),
		Good:     key.NewBinding(key.WithKeys("3"), key.WithHelp("3", "good")),
		Easy:     key.NewBinding(key.WithKeys("4"), key.WithHelp("4", "easy")),
		Undo:     key.NewBinding(key.WithKeys("u"), key.WithHelp("u", "undo")),
		Suspend:  key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "suspend")),
		Bury:     key.NewBinding(key.WithKeys("b"), key.WithHelp("b", "bury")),
		Edit:     key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "edit note")),
		Open:     key.NewBinding(key.WithKeys("o"), key.WithHelp("o", "open image")),
		Up:       key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "scroll up")),
		Down:     key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "scroll down")),
		PageUp:   key.NewBinding(key.WithKeys("pgup"), key.WithHelp("pgup", "page up")),
		PageDown: key.NewBinding(key.WithKeys("pgdown"), key.WithHelp("pgdn", "page down")),
		Help:     key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "more keys")),
		Quit:     key.NewBinding(key.WithKeys("q", "ctrl+c"), key.WithHelp("q", "quit")),
	}
}

// ShortHelp is the one-line help under the card. Showing and rating are
// not in it: the line of answer buttons above it shows those keys.
func (k KeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Undo, k.Suspend, k.Bury, k.Edit, k.Help, k.Quit}
}

// FullHelp is the help shown after "?": answering, managing the card, and
// moving around.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Reveal, k.Again, k.Hard, k.Good, k.Easy},
		{k.Undo, k.Suspend, k.Bury, k.Edit, k.Open},
		{k.Up, k.Down, k.PageUp, k.PageDown},
		{k.Help, k.Quit},
	}
}

// key queues keys typed during a Session call, splits a burst of runes
// ("33" typed fast) into single keys, and ignores pasted text.
func (m Model) key(msg tea.KeyMsg) (tea.Model, tea.Cmd) {
	if msg.Paste || m.phase == phaseQuit {
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
	for !m.busy && m.phase != phaseQuit && len(m.pending) > 0 {
		k := m.pending[0]
		m.pending = m.pending[1:]
		var c tea.Cmd
		m, c = m.handleKey(k)
		cmds = append(cmds, c)
	}
	return m, tea.Batch(cmds...)
}

// handleKey does what one key means in the current phase.
func (m Model) handleKey(msg tea.KeyMsg) (Model, tea.Cmd) {
	k := m.keys
	if msg.Type == tea.KeyCtrlC && key.Matches(msg, k.Quit) {
		m.interrupted = true
	}
	switch {
	case key.Matches(msg, k.Help):
		m.help.ShowAll = !m.help.ShowAll
		m.sync(false)
		return m, nil
	case m.phase == phaseSummary:
		return m.summaryKey(msg)
	case key.Matches(msg, k.Quit):
		return m.leave()
	case !m.phase.onCard():
		return m, nil
	}
	return m.cardKey(msg)
}

// summaryKey handles the summary screen: undo brings the last card back,
// quit, reveal or esc leave.
func (m Model) summaryKey(msg tea.KeyMsg) (Model, tea.Cmd) {
	switch {
	case key.Matches(msg, m.keys.Undo):
		m.busy = true
		return m, m.undoCmd()
	case key.Matches(msg, m.keys.Quit, m.keys.Reveal) || msg.Type == tea.KeyEsc:
		return m.quit()
	}
	return m, nil
}

// cardKey handles a key while a card is on screen.
func (m Model) cardKey(msg tea.KeyMsg) (Model, tea.Cmd) {
	k := m.keys
	switch {
	case key.Matches(msg, k.Up, k.Down, k.PageUp, k.PageDown):
		m.vp, _ = m.vp.Update(msg)
		return m, nil
	case key.Matches(msg, k.Reveal):
		if m.phase == phaseQuestion {
			m.setStatus(statusInfo, "")
			m.showAnswer(true)
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
		return m.edit()
	}
	return m, nil
}

// rate answers the card, once its answer is on screen.
func (m Model) rate(r cards.Rating) (Model, tea.Cmd) {
	if m.phase != phaseAnswer {
		m.setStatus(statusInfo, "show the answer first: press "+m.keys.Reveal.Help().Key)
		return m, nil
	}
	m.busy = true
	return m, m.answerCmd(r)
}

// edit opens the card's note in the editor, if it is one of the added
// notes.
func (m Model) edit() (Model, tea.Cmd) {
	if err := checkEditable(m.card.Source.Path, m.roots); err != nil {
		m.setStatus(statusWarn, err.Error())
		return m, nil
	}
	m.busy = true
	return m, editCmd(m.editor, m.card.Source.Path, m.card.Source.Line)
}

// helpKeys are the bindings as the help shows them in the current phase:
// once the answer is on screen, Reveal rates Good; with the full help
// open, Help closes it.
func (m Model) helpKeys() KeyMap {
	k := m.keys
	if m.phase == phaseAnswer {
		k.Reveal.SetHelp(k.Reveal.Help().Key, "good")
	}
	if m.help.ShowAll {
		k.Help.SetHelp(k.Help.Help().Key, "close help")
	}
	return k
}

package review

import "github.com/charmbracelet/bubbles/key"

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

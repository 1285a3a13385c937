package review

import (
	"os/exec"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/mnemo-app/mnemo/cards"
	"github.com/mnemo-app/mnemo/export"
)

// mediaOpener starts the system viewer on a card's media file.
type mediaOpener struct {
	dir, viewer string
	// start runs the viewer; tests replace it.
	start func(name string, args ...string) error
}

// openedMsg reports that the viewer started (or why not).
type openedMsg struct {
	name string
	err  error
}

// open returns the command that starts the viewer on the card's first
// media file found in the media folder, or a warning saying why nothing
// opens. The file is passed as an absolute path inside the media folder,
// so it can never be read as an option (xdg-open refuses "--", so that
// is what keeps a name like "-x" from being one), and nothing outside the
// folder is ever opened.
func (o mediaOpener) open(c *cards.Card) (tea.Cmd, string) {
	if o.viewer == "" {
		return nil, "no viewer to open media with (xdg-open or open not found)"
	}
	names := export.MediaNames(c)
	for _, name := range names {
		p, ok := export.MediaFile(o.dir, name)
		if !ok {
			continue
		}
		start := o.start
		if start == nil {
			start = startDetached
		}
		viewer := o.viewer
		return func() tea.Msg { return openedMsg{name: name, err: start(viewer, p)} }, ""
	}
	if len(names) == 0 {
		return nil, "this card has no image or sound"
	}
	return nil, "the card's media is not in the collection's media folder"
}

// startDetached starts a program without waiting for it or giving it the
// terminal: viewers open windows of their own.
func startDetached(name string, args ...string) error {
	c := exec.Command(name, args...)
	if err := c.Start(); err != nil {
		return err
	}
	go c.Wait() //nolint:errcheck // reap it; its exit status says nothing useful
	return nil
}

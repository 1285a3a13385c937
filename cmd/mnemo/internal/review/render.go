package review

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"

	"github.com/mnemo-app/mnemo/cards"
	cmarkdown "github.com/mnemo-app/mnemo/cards/markdown"
)

// maxRenderWidth caps the width card text is wrapped to: past it, lines
// get too long to read comfortably, however wide the window.
const maxRenderWidth = 100

// maxCachedParts bounds the render cache; past it the cache starts over.
const maxCachedParts = 512

// part is which text of a card is rendered.
type part uint8

const (
	partQuestion part = iota
	partAnswer
	partCloze // the cloze note with the deletions filled in
)

type partKey struct {
	id    cards.ID
	part  part
	width int
}

// renderCache renders card Markdown (termmd.go) and keeps the result per
// card, part and width, so redrawing the screen, scrolling or flipping the
// card back and forth never renders twice. It is used from the bubbletea
// event loop only.
type renderCache struct {
	style   string // styleNoTTY, styleDark or styleLight
	profile termenv.Profile
	parts   map[partKey]string
}

func newRenderCache(style string, profile termenv.Profile) *renderCache {
	return &renderCache{
		style:   style,
		profile: profile,
		parts:   make(map[partKey]string),
	}
}

// reset forgets every rendered part (after a note was edited and reloaded,
// a card's text may have changed under the same ID).
func (c *renderCache) reset() { clear(c.parts) }

// render returns the card part as terminal text wrapped to width, blank
// lines above and below removed.
func (c *renderCache) render(card *cards.Card, p part, width int) string {
	k := partKey{id: card.ID, part: p, width: width}
	if text, ok := c.parts[k]; ok {
		return text
	}
	var md string
	switch p {
	case partQuestion:
		md = card.Question
	case partAnswer:
		md = card.Answer
	case partCloze:
		md, _ = fillCloze(card.Text, card.Ord)
	}
	text := c.markdown(md, width)
	if len(c.parts) >= maxCachedParts {
		c.reset()
	}
	c.parts[k] = text
	return text
}

// markdown renders md (termmd.go cannot fail: any text is some Markdown).
func (c *renderCache) markdown(md string, width int) string {
	if cmarkdown.CheckNesting(md) != nil {
		return md // imported text too deep for the parser: shown as it is
	}
	return renderMarkdown(md, c.style, c.profile, width)
}

// trimBlankLines drops the blank lines around a rendered document and
// the trailing blanks of each line.
func trimBlankLines(s string) string {
	lines := strings.Split(s, "\n")
	blank := func(l string) bool { return strings.TrimSpace(ansi.Strip(l)) == "" }
	for len(lines) > 0 && blank(lines[0]) {
		lines = lines[1:]
	}
	for len(lines) > 0 && blank(lines[len(lines)-1]) {
		lines = lines[:len(lines)-1]
	}
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	return strings.Join(lines, "\n")
}

// markdownStyle picks the Markdown style: none at all without colour
// (NO_COLOR, or output that is not a terminal), else dark or light to
// match the terminal's background.
func markdownStyle(color, dark bool) string {
	switch {
	case !color:
		return styleNoTTY
	case dark:
		return styleDark
	default:
		return styleLight
	}
}

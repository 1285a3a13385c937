package review

import (
	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/lipgloss"
)

// Anki's colours: new cards blue, learning red, review green; the answer
// buttons again red, hard grey, good green, easy blue.
var (
	colorNew      = lipgloss.AdaptiveColor{Light: "#1d4ed8", Dark: "#60a5fa"}
	colorLearning = lipgloss.AdaptiveColor{Light: "#b91c1c", Dark: "#f87171"}
	colorReview   = lipgloss.AdaptiveColor{Light: "#15803d", Dark: "#4ade80"}
	colorHard     = lipgloss.AdaptiveColor{Light: "#57534e", Dark: "#d6d3d1"}
	colorFaint    = lipgloss.AdaptiveColor{Light: "#6b7280", Dark: "#9ca3af"}
	colorWarn     = lipgloss.AdaptiveColor{Light: "#b45309", Dark: "#fbbf24"}
	colorAccent   = lipgloss.AdaptiveColor{Light: "#7c3aed", Dark: "#a78bfa"}
)

// styles are the TUI's lipgloss styles, all made by one renderer so that
// NO_COLOR and non-terminal output drop every colour at once.
type styles struct {
	title    lipgloss.Style
	faint    lipgloss.Style
	counts   [3]lipgloss.Style // new, learning, review
	current  lipgloss.Style    // the queue the card on screen is from
	divider  lipgloss.Style
	buttons  [4]lipgloss.Style // again, hard, good, easy
	key      lipgloss.Style
	info     lipgloss.Style
	warn     lipgloss.Style
	err      lipgloss.Style
	heading  lipgloss.Style
	label    lipgloss.Style
	progress string // fill colour of the progress bar
}

func newStyles(r *lipgloss.Renderer) styles {
	fg := func(c lipgloss.TerminalColor) lipgloss.Style { return r.NewStyle().Foreground(c) }
	return styles{
		title:    r.NewStyle().Bold(true).Foreground(colorAccent),
		faint:    fg(colorFaint),
		counts:   [3]lipgloss.Style{fg(colorNew), fg(colorLearning), fg(colorReview)},
		current:  r.NewStyle().Underline(true).Bold(true),
		divider:  fg(colorFaint),
		buttons:  [4]lipgloss.Style{fg(colorLearning).Bold(true), fg(colorHard).Bold(true), fg(colorReview).Bold(true), fg(colorNew).Bold(true)},
		key:      r.NewStyle().Bold(true),
		info:     fg(colorFaint),
		warn:     fg(colorWarn).Bold(true),
		err:      fg(colorLearning).Bold(true),
		heading:  r.NewStyle().Bold(true),
		label:    fg(colorFaint),
		progress: "#7c3aed",
	}
}

// helpStyles are bubbles/help's styles made with our renderer.
func helpStyles(r *lipgloss.Renderer) help.Styles {
	k := r.NewStyle().Foreground(lipgloss.AdaptiveColor{Light: "#6b7280", Dark: "#9ca3af"})
	d := r.NewStyle().Foreground(lipgloss.AdaptiveColor{Light: "#9ca3af", Dark: "#6b7280"})
	sep := r.NewStyle().Foreground(lipgloss.AdaptiveColor{Light: "#d1d5db", Dark: "#4b5563"})
	return help.Styles{
		Ellipsis:       sep,
		ShortKey:       k,
		ShortDesc:      d,
		ShortSeparator: sep,
		FullKey:        k,
		FullDesc:       d,
		FullSeparator:  sep,
	}
}

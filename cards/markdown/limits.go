package markdown

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
)

// Limits on what one note may cost. They are checked on the raw bytes
// before the note is parsed, because the cost to bound is the parser's
// own: goldmark takes 50 s on 100,000 nested list markers, and a note of
// a million one-line cards takes gigabytes. Real notes stay far below.
const (
	// MaxNesting bounds lists and block quotes nested in each other.
	MaxNesting = 64
	// MaxCardsPerNote bounds the cards one note may hold.
	MaxCardsPerNote = 10000
)

// maxCards is MaxCardsPerNote; the linear-time tests raise it to read
// inputs denser than any note.
var maxCards = MaxCardsPerNote

// ErrLimit marks a note refused for going over one of the limits; the
// error names the file and line.
var ErrLimit = errors.New("over a limit")

// checkLimits refuses, before any parsing, a note nested deeper than
// MaxNesting or with more card markup than MaxCardsPerNote cards could
// use (every card needs at least one "::", "{{c", "==" or "?" marker, so
// twice that many of "::" and "{{c" alone is far past it).
func checkLimits(path string, src []byte) error {
	fenced := false
	markers := 0
	line := 0
	for rest := src; len(rest) > 0; {
		line++
		l := rest
		if i := bytes.IndexByte(rest, '\n'); i >= 0 {
			l, rest = rest[:i], rest[i+1:]
		} else {
			rest = nil
		}
		if isFence(l) {
			fenced = !fenced
			continue
		}
		if fenced {
			continue
		}
		if d := nesting(l); d > MaxNesting {
			return fmt.Errorf("%s:%d: lists or quotes nested %d deep, over the limit of %d: %w", path, line, d, MaxNesting, ErrLimit)
		}
		markers += bytes.Count(l, []byte("::")) + bytes.Count(l, []byte("{{c"))
		if markers > 2*maxCards {
			return tooManyCards(path, line)
		}
	}
	return nil
}

// CheckNesting reports card text (from an import, not a note) nested
// deeper than MaxNesting, which the review screens and the exporters then
// show as plain text rather than hand to a Markdown parser. It allocates
// nothing, so renderers call it on every field.
func CheckNesting(text string) error {
	fenced := false
	for i, rest := 1, text; len(rest) > 0; i++ {
		l := rest
		if j := strings.IndexByte(rest, '\n'); j >= 0 {
			l, rest = rest[:j], rest[j+1:]
		} else {
			rest = ""
		}
		if isFenceString(l) {
			fenced = !fenced
			continue
		}
		if d := nesting(l); !fenced && d > MaxNesting {
			return fmt.Errorf("line %d: lists or quotes nested %d deep, over the limit of %d: %w", i, d, MaxNesting, ErrLimit)
		}
	}
	return nil
}

func isFenceString(l string) bool {
	t := strings.TrimLeft(l, " ")
	return len(l)-len(t) < 4 && (strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~"))
}

// isFence reports a line that opens or closes a fenced code block.
func isFence(l []byte) bool {
	t := bytes.TrimLeft(l, " ")
	return len(l)-len(t) < 4 && (bytes.HasPrefix(t, []byte("```")) || bytes.HasPrefix(t, []byte("~~~")))
}

// nesting is an upper bound of how deep the containers opened on line l
// are: its quote and list markers, plus its indentation (each nested list
// level indents by at least two columns) when it opens a container.
func nesting[T string | []byte](l T) int {
	indent := 0
	for indent < len(l) && (l[indent] == ' ' || l[indent] == '\t') {
		indent++
	}
	depth, i := 0, indent
	for i < len(l) {
		for i < len(l) && (l[i] == ' ' || l[i] == '\t') {
			i++
		}
		n := marker(l[i:])
		if n == 0 {
			break
		}
		depth++
		i += n
	}
	if depth == 0 {
		return 0
	}
	return depth + indent/2
}

// marker returns the length of the quote or list marker l starts with
// (">", "- ", "* ", "+ ", "1. ", "1) "), or 0.
func marker[T string | []byte](l T) int {
	switch {
	case len(l) == 0:
		return 0
	case l[0] == '>':
		return 1
	case (l[0] == '-' || l[0] == '*' || l[0] == '+') && (len(l) == 1 || l[1] == ' ' || l[1] == '\t'):
		return 1
	}
	j := 0
	for j < len(l) && j < 9 && l[j] >= '0' && l[j] <= '9' {
		j++
	}
	if j > 0 && j < len(l) && (l[j] == '.' || l[j] == ')') && (j+1 == len(l) || l[j+1] == ' ' || l[j+1] == '\t') {
		return j + 1
	}
	return 0
}

func tooManyCards(path string, line int) error {
	return fmt.Errorf("%s:%d: more than %d cards, the limit for one note: %w", path, line, maxCards, ErrLimit)
}

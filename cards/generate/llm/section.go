package llm

import (
	"bytes"
	"strconv"
	"strings"
	"unicode"

	"github.com/mnemo-app/mnemo/cards/markdown"
	"github.com/yuin/goldmark/ast"
)

// minProseWords is how many words (runs of text with a letter, outside
// links, images, code and HTML) one paragraph or list item needs for its
// section to count as prose worth sending.
const minProseWords = 5

// section is one heading section of a note: a top-level heading and the
// blocks up to the next top-level heading of any level, or the blocks
// before the first heading.
type section struct {
	// first and last are the section's 1-based inclusive lines, blank
	// lines at either end left out.
	first, last int
	// context is the heading path of the section's blocks (the section's
	// own heading last); empty for text before the first heading.
	context []string
	// prose reports whether the section has prose (see minProseWords).
	prose bool
}

// sections splits doc into heading sections, in order.
func sections(doc *markdown.Document) []section {
	if doc == nil || doc.Root == nil {
		return nil
	}
	var (
		out    []section
		start  int        // first line of the open section; 0 if none
		blocks []ast.Node // its blocks after the heading
	)
	closeAt := func(end int) {
		if start == 0 {
			return
		}
		s := section{first: start, last: end}
		for s.first <= s.last && isBlank(doc.Line(s.first)) {
			s.first++
		}
		for s.last >= s.first && isBlank(doc.Line(s.last)) {
			s.last--
		}
		if s.first <= s.last {
			s.context = []string{}
			if len(blocks) > 0 {
				s.context = doc.Context(blocks[0])
			}
			for _, b := range blocks {
				if hasProse(b, doc.Src) {
					s.prose = true
					break
				}
			}
			out = append(out, s)
		}
		start, blocks = 0, nil
	}
	for n := doc.Root.FirstChild(); n != nil; n = n.NextSibling() {
		line := startLine(doc, n)
		if _, ok := n.(*ast.Heading); ok {
			if line == 0 {
				continue
			}
			closeAt(line - 1)
			start = line
			continue
		}
		if start == 0 {
			if line == 0 {
				continue
			}
			start = 1
		}
		blocks = append(blocks, n)
	}
	closeAt(doc.LineCount())
	return splitLong(doc, out, MaxSectionBytes)
}

// MaxSectionBytes bounds the note text sent in one request. With the
// prompt and a reply of a dozen cards, 6 KB (about 1,500 tokens) fits the
// 4,096-token context of small local models; a longer section is sent in
// parts, cut at blank lines.
const MaxSectionBytes = 6 << 10

// splitLong cuts sections longer than max bytes into parts of at most max
// bytes, each ending at a blank line where one is available (else at a
// line end), all with the section's heading path. A part without
// minProseWords words is not marked as prose.
func splitLong(doc *markdown.Document, in []section, max int) []section {
	var out []section
	for _, s := range in {
		if sectionBytes(doc, s.first, s.last) <= max {
			out = append(out, s)
			continue
		}
		start := s.first
		for start <= s.last {
			end, size, lastBlank := start, 0, -1
			for n := start; n <= s.last; n++ {
				size += len(doc.Line(n)) + 1
				if size > max && n > start {
					break
				}
				end = n
				if isBlank(doc.Line(n)) {
					lastBlank = n
				}
			}
			if end < s.last && lastBlank > start {
				end = lastBlank
			}
			part := section{first: start, last: end, context: s.context, prose: s.prose && partWords(doc, start, end) >= minProseWords}
			for part.last > part.first && isBlank(doc.Line(part.last)) {
				part.last--
			}
			out = append(out, part)
			start = end + 1
			for start <= s.last && isBlank(doc.Line(start)) {
				start++
			}
		}
	}
	return out
}

func sectionBytes(doc *markdown.Document, first, last int) int {
	n := 0
	for i := first; i <= last; i++ {
		n += len(doc.Line(i)) + 1
	}
	return n
}

// partWords counts the words with a letter on lines first..last.
func partWords(doc *markdown.Document, first, last int) int {
	n := 0
	for i := first; i <= last; i++ {
		for _, w := range strings.Fields(string(doc.Line(i))) {
			if strings.IndexFunc(w, unicode.IsLetter) >= 0 {
				n++
			}
		}
	}
	return n
}

// startLine is the first line of block n, or 0 when it has no position.
func startLine(doc *markdown.Document, n ast.Node) int {
	if p := n.Pos(); p >= 0 && p < len(doc.Src) {
		return doc.LineOf(p)
	}
	first, _ := doc.NodeLines(n)
	return first
}

func isBlank(line []byte) bool { return len(bytes.TrimSpace(line)) == 0 }

// hasProse reports whether block n holds a paragraph or list item with at
// least minProseWords words outside links, images, code and HTML.
func hasProse(n ast.Node, src []byte) bool {
	found := false
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering || found {
			return ast.WalkSkipChildren, nil
		}
		switch c.Kind() {
		case ast.KindParagraph, ast.KindTextBlock:
			if proseWords(c, src) >= minProseWords {
				found = true
			}
			return ast.WalkSkipChildren, nil
		case ast.KindFencedCodeBlock, ast.KindCodeBlock, ast.KindHTMLBlock:
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return found
}

// proseWords counts the words of block b's own text, skipping links,
// autolinks, images, code spans and raw HTML. A reference line, text that
// ends in ":" followed only by links ("Title : URL"), counts as no words.
func proseWords(b ast.Node, src []byte) int {
	var buf bytes.Buffer
	_ = ast.Walk(b, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch t := c.(type) {
		case *ast.Link, *ast.AutoLink, *ast.Image:
			buf.WriteString(" \x00 ")
			return ast.WalkSkipChildren, nil
		case *ast.CodeSpan, *ast.RawHTML:
			buf.WriteByte(' ')
			return ast.WalkSkipChildren, nil
		case *ast.Text:
			buf.Write(t.Segment.Value(src))
			buf.WriteByte(' ')
		case *ast.String:
			buf.Write(t.Value)
		}
		return ast.WalkContinue, nil
	})
	text := strings.TrimRightFunc(buf.String(), unicode.IsSpace)
	own := strings.TrimRightFunc(text, func(r rune) bool { return r == 0 || unicode.IsSpace(r) })
	if len(own) < len(text) && strings.HasSuffix(own, ":") {
		return 0
	}
	words := 0
	for _, w := range strings.Fields(text) {
		if strings.IndexFunc(w, unicode.IsLetter) >= 0 {
			words++
		}
	}
	return words
}

// numbered writes the section's lines, each prefixed by its line number,
// a colon and a space, as the model sees them.
func (s section) numbered(doc *markdown.Document) string {
	var b strings.Builder
	for n := s.first; n <= s.last; n++ {
		b.WriteString(strconv.Itoa(n))
		b.WriteByte(':')
		if line := bytes.TrimRight(doc.Line(n), " \t"); len(line) > 0 {
			b.WriteByte(' ')
			b.Write(line)
		}
		b.WriteByte('\n')
	}
	return b.String()
}

// text is the section's content without line numbers: its heading path
// and lines. It is what the cache key hashes, so a section that only moved
// within its note is not sent again.
func (s section) text(doc *markdown.Document) string {
	var b strings.Builder
	b.WriteString(strings.Join(s.context, "\x1f"))
	b.WriteByte('\x1e')
	for n := s.first; n <= s.last; n++ {
		b.Write(doc.Line(n))
		b.WriteByte('\n')
	}
	return b.String()
}

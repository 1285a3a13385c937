package markdown

import (
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
)

// span is a half-open byte range [start, stop) of a note's source.
type span struct{ start, stop int }

// proseMask marks the bytes of a note where explicit card markup and #tags
// may be recognised: the text of paragraphs, list items, headings and table
// cells as goldmark sees it, minus what is never markup (code spans, image
// alt text, autolinks and bare URLs, raw HTML, backslash-escaped
// characters, $math$ and {{placeholders}}). Code blocks, HTML blocks and
// front matter have no text nodes, so they are never prose.
//
// comments are the inline HTML comments found in prose blocks, in source
// order; card text is cut around them.
func proseMask(doc *Document, prose []bool) (comments []span) {
	src := doc.Src
	var urlTails []int // starts of text nodes that directly follow an autolink
	_ = ast.Walk(doc.Root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch t := n.(type) {
		case *ast.Text:
			for i := t.Segment.Start; i < t.Segment.Stop && i < len(prose); i++ {
				prose[i] = true
			}
		case *ast.CodeSpan, *ast.Image:
			return ast.WalkSkipChildren, nil
		case *ast.AutoLink:
			// A linkified URL (not one in <...>) may stop short of the token.
			if next, ok := t.NextSibling().(*ast.Text); ok && next.Segment.Start > 0 && src[next.Segment.Start-1] != '>' {
				urlTails = append(urlTails, next.Segment.Start)
			}
			return ast.WalkSkipChildren, nil
		case *ast.RawHTML:
			if t.Segments.Len() > 0 {
				first, last := t.Segments.At(0), t.Segments.At(t.Segments.Len()-1)
				if hasPrefixAt(src, first.Start, "<!--") {
					comments = append(comments, span{first.Start, last.Stop})
				}
			}
		case *ast.CodeBlock, *ast.FencedCodeBlock, *ast.HTMLBlock:
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	maskEscapes(src, prose)
	done := 0
	for _, start := range urlTails {
		// Linkify stops a URL at "::" ("www.x.com::y"); the rest of the
		// token is still the URL.
		if start >= done {
			done = maskToSpace(src, prose, start)
		}
	}
	maskURLs(src, prose)
	maskMath(src, prose)
	maskPlaceholders(src, prose)
	return comments
}

func hasPrefixAt(src []byte, i int, p string) bool {
	return i >= 0 && i+len(p) <= len(src) && string(src[i:i+len(p)]) == p
}

func isASCIIPunct(b byte) bool {
	return b >= '!' && b <= '/' || b >= ':' && b <= '@' || b >= '[' && b <= '`' || b >= '{' && b <= '~'
}

func isSpace(b byte) bool {
	return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '\f' || b == '\v'
}

// maskEscapes unmarks a backslash and the punctuation it escapes: "\::" is
// not an inline card and "\==" opens no highlight.
func maskEscapes(src []byte, prose []bool) {
	for i := 0; i+1 < len(src); i++ {
		if prose[i] && src[i] == '\\' && isASCIIPunct(src[i+1]) {
			prose[i], prose[i+1] = false, false
			i++
		}
	}
}

// maskToSpace unmarks from start up to the next white space and returns
// where it stopped.
func maskToSpace(src []byte, prose []bool, start int) int {
	i := start
	for ; i < len(src) && !isSpace(src[i]); i++ {
		prose[i] = false
	}
	return i
}

// maskURLs unmarks bare "scheme://..." URLs that linkify left as text
// (it gives up on "http://a::b"), up to the next white space.
func maskURLs(src []byte, prose []bool) {
	for i := 1; i+2 < len(src); i++ {
		if src[i] != ':' || src[i+1] != '/' || src[i+2] != '/' || !prose[i] {
			continue
		}
		s := i
		for s > 0 && prose[s-1] && isSchemeByte(src[s-1]) {
			s--
		}
		for s < i && !isASCIILetter(src[s]) { // a scheme starts with a letter
			s++
		}
		if s == i {
			continue
		}
		for j := s; j < i; j++ {
			prose[j] = false
		}
		i = maskToSpace(src, prose, i)
	}
}

func isASCIILetter(b byte) bool { return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' }

func isSchemeByte(b byte) bool {
	return isASCIILetter(b) || b >= '0' && b <= '9' || b == '+' || b == '-' || b == '.'
}

// maskMath unmarks $$display$$ and $inline$ math. Display math may span
// blank lines; inline math follows Pandoc's rule (no space inside the
// dollars, no digit right after the closing one, so "$5 and $10" is not
// math) and never crosses a line.
func maskMath(src []byte, prose []bool) {
	noClose := -1 // no inline closer before this offset (a line end)
	for i := 0; i < len(src); i++ {
		if src[i] != '$' || !prose[i] {
			continue
		}
		if i+1 < len(src) && src[i+1] == '$' && prose[i+1] {
			j := findDisplayClose(src, prose, i+2)
			if j < 0 {
				i++
				continue
			}
			for k := i; k < j+2; k++ {
				prose[k] = false
			}
			i = j + 1
			continue
		}
		if i+1 >= len(src) || isSpace(src[i+1]) || !prose[i+1] || i < noClose {
			continue
		}
		j, stop := findInlineClose(src, prose, i+1)
		if j < 0 {
			// Closers do not depend on the opener: none for the later
			// openers of this line either.
			noClose = stop
			continue
		}
		for k := i; k <= j; k++ {
			prose[k] = false
		}
		i = j
	}
}

func findDisplayClose(src []byte, prose []bool, from int) int {
	for j := from; j+1 < len(src); j++ {
		if src[j] == '$' && src[j+1] == '$' && prose[j] && prose[j+1] {
			return j
		}
	}
	return -1
}

// findInlineClose returns the closing "$" of inline math opened before
// from, or -1 and the offset where the search stopped. Inline math never
// crosses a line: "Cost in US$?" then a "?" line and "About 2 US$" is a
// card, not one formula over its separator.
func findInlineClose(src []byte, prose []bool, from int) (int, int) {
	for j := from; j < len(src); j++ {
		switch src[j] {
		case '\n':
			return -1, j
		case '$':
			if !prose[j] {
				continue
			}
			if isSpace(src[j-1]) || j+1 < len(src) && (src[j+1] >= '0' && src[j+1] <= '9' || src[j+1] == '$') {
				continue
			}
			return j, j
		}
	}
	return -1, len(src)
}

// maskPlaceholders unmarks "{{name}}" template placeholders (anything in
// double braces on one line that is not an Anki cloze "{{cN::").
func maskPlaceholders(src []byte, prose []bool) {
	for i := 0; i+1 < len(src); i++ {
		if src[i] != '{' || src[i+1] != '{' || !prose[i] || !prose[i+1] {
			continue
		}
		if _, _, ok := clozeOpen(src, prose, i); ok {
			i++
			continue
		}
		j := i + 2
		for j+1 < len(src) && src[j] != '\n' && !(src[j] == '}' && src[j+1] == '}') {
			j++
		}
		if j+1 >= len(src) || src[j] == '\n' {
			i = j // no "}}" on this line for any later "{{" either
			continue
		}
		for k := i; k < j+2; k++ {
			prose[k] = false
		}
		i = j + 1
	}
}

// clozeOpen recognises "{{cN::" at i and returns N and the offset just
// after the "::". N must be 1-999; c0 is reported as N == 0, ok.
func clozeOpen(src []byte, prose []bool, i int) (n, after int, ok bool) {
	if !hasPrefixAt(src, i, "{{") || i+2 >= len(src) || src[i+2] != 'c' && src[i+2] != 'C' {
		return 0, 0, false
	}
	j := i + 3
	for j < len(src) && j-i-3 < 4 && src[j] >= '0' && src[j] <= '9' {
		n = n*10 + int(src[j]-'0')
		j++
	}
	if j == i+3 || j-i-3 > 3 || !hasPrefixAt(src, j, "::") {
		return 0, 0, false
	}
	for k := i; k < j+2; k++ {
		if !prose[k] {
			return 0, 0, false
		}
	}
	return n, j + 2, true
}

// isTagRune reports whether r may appear in an Obsidian tag.
func isTagRune(r rune) bool {
	return r == '_' || r == '-' || r == '/' || unicode.IsLetter(r) || unicode.IsDigit(r)
}

// scanTags calls add for every #tag in prose, in source order, without its
// "#", with the offset of its "#". A tag follows the start of a line, white
// space or punctuation other than "&", "#", "/" (so "a#b", "&#123;" and "page#anchor" are not tags),
// and must contain a letter ("#123" is an issue number, "#-" is not a tag).
func scanTags(src []byte, prose []bool, add func(tag string, at int)) {
	for i := 0; i < len(src); i++ {
		if src[i] != '#' || !prose[i] {
			continue
		}
		if i > 0 {
			r, _ := utf8.DecodeLastRune(src[:i])
			if isTagRune(r) || r == '#' || r == '&' || r == '\\' {
				continue
			}
		}
		j := i + 1
		letter := false
		for j < len(src) && prose[j] {
			r, size := utf8.DecodeRune(src[j:])
			if !isTagRune(r) {
				break
			}
			letter = letter || unicode.IsLetter(r)
			j += size
		}
		end := j
		for end > i+1 && src[end-1] == '/' {
			end--
		}
		if end > i+1 && letter {
			add(string(src[i+1:end]), i)
		}
		i = j - 1
	}
}

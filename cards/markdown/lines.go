package markdown

import (
	"strings"

	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
)

// lineInfo is what the card scanner needs to know about one source line.
// Obsidian Spaced Repetition reads notes line by line, a blank line ending
// a card; mnemo follows it, using goldmark only to know which bytes are
// code, math, URLs or HTML (the prose mask) and what each line is.
type lineInfo struct {
	start, stop int // the line without its newline (and "\r")
	// text is where goldmark's paragraph or heading text starts on the
	// line (list and quote markers skipped), -1 for a line without any.
	text  int
	flags lineFlag
}

type lineFlag uint16

const (
	lineBlank     lineFlag = 1 << iota // white space only
	lineCode                           // a code block line, fences included
	lineHTML                           // an HTML block line
	lineHeading                        // an ATX heading ("## Title")
	lineQuote                          // inside a blockquote or callout
	lineBreak                          // a thematic break or setext underline
	lineComment                        // opens an HTML comment block
	lineSRComment                      // opens an Obsidian SR schedule comment block
	lineHidden                         // inside a comment block that is no schedule
	lineFence                          // the opening fence of a fenced code block
	lineSep1                           // exactly "?" in prose
	lineSep2                           // exactly "??" in prose
	lineQuoteSep                       // "?" or "??" after a quote marker: not a separator
)

// buildLines fills r.lines and r.headings from the source and the AST.
func (r *reader) buildLines() {
	d := r.doc
	src := d.Src
	n := d.LineCount()
	r.lines = make([]lineInfo, n)
	for k := 1; k <= n; k++ {
		s, e := r.lineRange(k)
		li := lineInfo{start: s, stop: e, text: -1}
		if t, ts := trimBytes(src, s, e); t == ts {
			li.flags |= lineBlank
		}
		r.lines[k-1] = li
	}
	prevEnd := 0
	for c := d.Root.FirstChild(); c != nil; c = c.NextSibling() {
		f, l := d.NodeLines(c)
		h, ok := c.(*ast.Heading)
		if ok && f == 0 {
			f = r.emptyHeadingLine(prevEnd+1, h.Level) // "#" alone has no text lines
		}
		if ok && f > 0 {
			r.headings = append(r.headings, headingAt{line: f, level: h.Level, text: d.HeadingText(h)})
		}
		prevEnd = max(prevEnd, f, l)
	}
	_ = ast.Walk(d.Root, func(nd ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch t := nd.(type) {
		case *ast.Paragraph, *ast.TextBlock, *ast.Heading, *extast.DefinitionTerm:
			r.markText(nd)
			return ast.WalkSkipChildren, nil
		case *ast.FencedCodeBlock:
			r.markFence(t)
			return ast.WalkSkipChildren, nil
		case *ast.CodeBlock:
			r.markNodeLines(nd, lineCode)
			return ast.WalkSkipChildren, nil
		case *ast.HTMLBlock:
			r.markNodeLines(nd, lineHTML)
			last := 0
			if t.HasClosure() {
				last = d.LineOf(t.ClosureLine.Start)
				r.flagLine(last, lineHTML)
			}
			if t.HTMLBlockType == ast.HTMLBlockType2 && t.Lines().Len() > 0 {
				// An HTML comment block: a schedule, or a note hidden
				// from the reader; either ends the card above it.
				first := d.LineOf(t.Lines().At(0).Start)
				if l := d.LineOf(t.Lines().At(t.Lines().Len() - 1).Start); l > last {
					last = l
				}
				r.flagLine(first, lineComment)
				if hasPrefixAt(d.Src, t.Lines().At(0).Start, srPrefix) {
					r.flagLine(first, lineSRComment)
				} else {
					for k := first; k <= last; k++ {
						r.flagLine(k, lineHidden)
					}
				}
				if r.commentClose == nil {
					r.commentClose = map[int]int{}
				}
				r.commentClose[first] = last
			}
			return ast.WalkSkipChildren, nil
		case *ast.Blockquote:
			if f, l := d.NodeLines(nd); f > 0 {
				for k := f; k <= l; k++ {
					r.flagLine(k, lineQuote)
				}
			}
		}
		if nd.Type() == ast.TypeInline {
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	for k := range r.lines {
		li := &r.lines[k]
		if li.flags&(lineBlank|lineCode|lineHTML) != 0 {
			continue
		}
		t, te := trimBytes(src, li.start, li.stop)
		if m := te - t; (m == 1 || m == 2) && r.allProse(t, te) && src[t] == '?' && src[te-1] == '?' {
			li.flags |= lineSep1 << (m - 1)
			continue
		}
		if t, te := trimBytes(src, r.quoteStart(k+1), li.stop); li.flags&lineQuote != 0 && te-t >= 1 && te-t <= 2 && src[t] == '?' && src[te-1] == '?' && r.allProse(t, te) {
			li.flags |= lineQuoteSep
			continue
		}
		if li.text < 0 {
			if t, te := trimBytes(src, r.quoteStart(k+1), li.stop); te > t && (isThematicBreak(string(src[t:te])) || isSetextEquals(src[t:te])) {
				li.flags |= lineBreak
			}
			continue
		}
	}
}

func (r *reader) flagLine(k int, f lineFlag) {
	if k >= 1 && k <= len(r.lines) {
		r.lines[k-1].flags |= f
	}
}

// markText records where each line of a paragraph or heading starts.
func (r *reader) markText(n ast.Node) {
	segs := n.Lines()
	for i := 0; i < segs.Len(); i++ {
		s := segs.At(i)
		if s.Start < 0 || s.Start > len(r.doc.Src) {
			continue
		}
		k := r.doc.LineOf(s.Start)
		li := &r.lines[k-1]
		if li.text < 0 {
			li.text = s.Start
		}
	}
	if _, ok := n.(*ast.Heading); ok && segs.Len() > 0 {
		// ATX, not setext: a "#" right before the heading's text.
		p := segs.At(0).Start
		for p > 0 && (r.doc.Src[p-1] == ' ' || r.doc.Src[p-1] == '\t') {
			p--
		}
		if p > 0 && r.doc.Src[p-1] == '#' {
			r.lines[r.doc.LineOf(segs.At(0).Start)-1].flags |= lineHeading
		}
	}
}

func (r *reader) markNodeLines(n ast.Node, f lineFlag) {
	segs := n.Lines()
	for i := 0; i < segs.Len(); i++ {
		r.flagLine(r.doc.LineOf(segs.At(i).Start), f)
	}
}

// markFence flags a fenced code block's lines, its fences included, and
// remembers where it closes so a blank line inside does not end an answer.
func (r *reader) markFence(n *ast.FencedCodeBlock) {
	d := r.doc
	segs := n.Lines()
	open, last := 0, 0
	switch {
	case n.Info != nil:
		open = d.LineOf(n.Info.Segment.Start)
	case segs.Len() > 0:
		open = d.LineOf(segs.At(0).Start) - 1
	}
	if segs.Len() > 0 {
		stop := segs.At(segs.Len() - 1).Stop
		if stop > 0 {
			stop--
		}
		last = d.LineOf(stop)
	} else {
		last = open
	}
	if open < 1 {
		return
	}
	closeLine := last
	if last+1 <= len(r.lines) && last > open-1 {
		li := r.lines[last]
		if t, te := trimBytes(d.Src, r.quoteStart(last+1), li.stop); te > t && (d.Src[t] == '`' || d.Src[t] == '~') && isFenceLine(d.Src[t:te]) {
			closeLine = last + 1
		}
	}
	if segs.Len() == 0 && closeLine == open && open+1 <= len(r.lines) {
		li := r.lines[open]
		if t, te := trimBytes(d.Src, r.quoteStart(open+1), li.stop); te > t && isFenceLine(d.Src[t:te]) {
			closeLine = open + 1
		}
	}
	for k := open; k <= closeLine; k++ {
		r.flagLine(k, lineCode)
	}
	r.flagLine(open, lineFence)
	if r.fenceClose == nil {
		r.fenceClose = map[int]int{}
	}
	r.fenceClose[open] = closeLine
}

func isFenceLine(t []byte) bool {
	if len(t) < 3 {
		return false
	}
	c := t[0]
	n := 0
	for n < len(t) && t[n] == c {
		n++
	}
	return n >= 3 && (c == '`' || c == '~')
}

func isSetextEquals(t []byte) bool {
	for _, b := range t {
		if b != '=' {
			return false
		}
	}
	return len(t) > 0
}

// trimBytes returns the range of src[s:e] without surrounding white space.
func trimBytes(src []byte, s, e int) (int, int) {
	for s < e && isSpace(src[s]) {
		s++
	}
	for e > s && isSpace(src[e-1]) {
		e--
	}
	return s, e
}

// quoteStart is where line k's text starts once its blockquote markers
// ("> ", "> > ") are skipped; the line start outside quotes.
func (r *reader) quoteStart(k int) int {
	li := r.lines[k-1]
	if li.flags&lineQuote == 0 {
		return li.start
	}
	src := r.doc.Src
	p := li.start
	for {
		q := p
		for q < li.stop && q-p < 3 && src[q] == ' ' {
			q++
		}
		if q >= li.stop || src[q] != '>' {
			return p
		}
		q++
		if q < li.stop && (src[q] == ' ' || src[q] == '\t') {
			q++
		}
		p = q
	}
}

// headingAt is a top-level heading: the context of the cards below it.
type headingAt struct {
	line, level int
	text        string
}

// contextAt returns the heading path above line: every top-level heading
// before it, keeping only the nearest of each shallower level. A card
// whose question is a heading gets that heading's own path. Calls come in
// increasing line order; an earlier line restarts the walk.
func (r *reader) contextAt(line int) []string {
	if line < r.ctxLine {
		r.hIdx, r.hStack, r.ctx = 0, r.hStack[:0], nil
	}
	r.ctxLine = line
	changed := r.ctx == nil
	for r.hIdx < len(r.headings) && r.headings[r.hIdx].line < line {
		h := r.headings[r.hIdx]
		for len(r.hStack) > 0 && r.hStack[len(r.hStack)-1].level >= h.level {
			r.hStack = r.hStack[:len(r.hStack)-1]
		}
		r.hStack = append(r.hStack, h)
		r.hIdx++
		changed = true
	}
	if changed {
		r.ctx = pathOf(r.hStack, 1<<30)
	}
	if r.hIdx < len(r.headings) && r.headings[r.hIdx].line == line {
		return pathOf(r.hStack, r.headings[r.hIdx].level)
	}
	return r.ctx
}

// pathOf lists the non-empty texts of the headings shallower than level.
func pathOf(stack []headingAt, level int) []string {
	out := make([]string, 0, len(stack))
	for _, h := range stack {
		if h.level < level && h.text != "" {
			out = append(out, h.text)
		}
	}
	return out[:len(out):len(out)]
}

// emptyHeadingLine finds the line of an ATX heading without text ("##")
// at or after line from.
func (r *reader) emptyHeadingLine(from, level int) int {
	src := r.doc.Src
	for k := from; k <= len(r.lines); k++ {
		li := r.lines[k-1]
		t, te := trimBytes(src, li.start, li.stop)
		n := 0
		for t+n < te && src[t+n] == '#' {
			n++
		}
		if n == level && strings.Trim(string(src[t:te]), "# \t") == "" {
			return k
		}
	}
	return 0
}

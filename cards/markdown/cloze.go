package markdown

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/mnemo-app/mnemo/cards"
)

// clozeMark is one deletion in a block: an Anki "{{cN::text::hint}}" or an
// Obsidian highlight "==text==^[hint]".
type clozeMark struct {
	open  int // offset of "{{" or the opening "=="
	close int // offset just after the markup (hint included); -1 if unterminated
	// cStart, cEnd delimit the deleted text; hStart, hEnd the hint (hStart
	// is -1 without one).
	cStart, cEnd int
	hStart, hEnd int
	n            int // cloze number
	line         int // line of open
}

// findAnki finds every "{{cN::...}}" whose markers are in prose in the
// block. The deletion ends at the first "}}"; a "::" before it starts the
// hint. Nested clozes are not supported (the inner "{{cN::" is text).
func (r *reader) findAnki(lines []line) []clozeMark {
	src := r.doc.Src
	s, e := lines[0].start, lines[len(lines)-1].stop
	var out []clozeMark
	for p := s; p+1 < e; p++ {
		if src[p] != '{' || !r.prose[p] {
			continue
		}
		n, after, ok := clozeOpen(src, r.prose, p)
		if !ok {
			continue
		}
		c := clozeMark{open: p, close: -1, cStart: after, cEnd: -1, hStart: -1, hEnd: -1, n: n, line: r.doc.LineOf(p)}
		for q := after; q+1 < e; q++ {
			if !r.prose[q] || !r.prose[q+1] {
				continue
			}
			if c.hStart < 0 && src[q] == ':' && src[q+1] == ':' {
				c.cEnd, c.hStart = q, q+2
				q++
				continue
			}
			if src[q] == '}' && src[q+1] == '}' {
				if c.hStart < 0 {
					c.cEnd = q
				} else {
					c.hEnd = q
				}
				c.close = q + 2
				break
			}
		}
		out = append(out, c)
		if c.close < 0 {
			break // the rest of the block is inside the open cloze
		}
		p = c.close - 1
	}
	return out
}

// maxHint is the longest "^[hint]" after a highlight, in bytes.
const maxHint = 500

// maxClozeText bounds the text of one run's cloze cards together (each
// card repeats the whole run): past it the run is skipped with a warning.
const maxClozeText = 4 << 20

// findHighlights finds the "==text==" highlights of a unit, with their
// optional "^[hint]". An opening "==" is followed by a non-space, a closing
// one preceded by one; runs of other lengths ("===") are not markup. It
// returns the offset of an opening "==" that is never closed, or -1.
func (r *reader) findHighlights(lines []line) (marks []clozeMark, unterminated int) {
	src := r.doc.Src
	s, e := lines[0].start, lines[len(lines)-1].stop
	open := -1
	for p := s; p < e; p++ {
		if src[p] != '=' || !r.prose[p] {
			continue
		}
		q := p
		for q < e && src[q] == '=' && r.prose[q] {
			q++
		}
		if q-p != 2 {
			p = q - 1
			continue
		}
		canOpen := q < e && !isSpace(src[q])
		canClose := p > s && !isSpace(src[p-1])
		switch {
		case open >= 0 && canClose:
			m := clozeMark{open: open, close: q, cStart: open + 2, cEnd: p, hStart: -1, hEnd: -1,
				n: len(marks) + 1, line: r.doc.LineOf(open)}
			if q+1 < e && src[q] == '^' && src[q+1] == '[' && r.prose[q] && r.prose[q+1] {
				for k := q + 2; k < e && k < q+2+maxHint && src[k] != '\n'; k++ {
					if src[k] == ']' && r.prose[k] {
						m.hStart, m.hEnd, m.close = q+2, k, k+1
						break
					}
				}
			}
			marks = append(marks, m)
			open = -1
			q = m.close
		case open < 0 && canOpen:
			open = p
		}
		p = q - 1
	}
	return marks, open
}

// spanText is the text between offsets s and e of a unit, its lines joined
// with newlines, without HTML comments.
func (r *reader) spanText(lines []line, s, e int) string {
	var b strings.Builder
	first := true
	i := sort.Search(len(lines), func(i int) bool { return lines[i].stop >= s })
	for _, l := range lines[i:] {
		if l.start > e {
			break
		}
		ls, le := max(l.start, s), min(l.stop, e)
		if ls > le {
			continue
		}
		if !first {
			b.WriteByte('\n')
		}
		first = false
		b.WriteString(r.cut(ls, le))
	}
	return strings.TrimSpace(b.String())
}

// render writes a unit's text with every deletion replaced by repl(mark).
func (r *reader) render(lines []line, marks []clozeMark, repl func(i int) string) string {
	var b strings.Builder
	mi := 0
	p := lines[0].start
	for li, l := range lines {
		if li > 0 {
			if p > l.start {
				if p >= l.stop {
					continue // the whole line is inside a deletion
				}
			} else {
				b.WriteByte('\n')
				p = l.start
			}
		}
		for p < l.stop {
			if mi < len(marks) && marks[mi].open >= p && marks[mi].open < l.stop {
				b.WriteString(r.cut(p, marks[mi].open))
				b.WriteString(repl(mi))
				p = marks[mi].close
				mi++
				continue
			}
			b.WriteString(strings.TrimRight(r.cut(p, l.stop), " \t"))
			p = l.stop
		}
	}
	return strings.TrimSpace(b.String())
}

// cloze reads the deletions of a run of lines: Anki clozes if there are any
// (highlights are then plain formatting), else highlights numbered 1..n.
// Each distinct number is one card; a malformed deletion skips the run.
func (r *reader) cloze(b *blockCtx, lines []line, anki []clozeMark) {
	s, e := lines[0].start, lines[len(lines)-1].stop
	lo := sort.Search(len(anki), func(i int) bool { return anki[i].open >= s })
	hi := sort.Search(len(anki), func(i int) bool { return anki[i].open >= e })
	marks := anki[lo:hi:hi]
	if len(marks) > 0 {
		r.markup = true
		for _, c := range marks {
			switch {
			case c.close < 0:
				r.warn(c.line, "unterminated Anki cloze \"{{c%d::\": close it with \"}}\", e.g. {{c%d::answer}}", c.n, max(c.n, 1))
				return
			case c.n == 0:
				r.warn(c.line, "cloze number c0: Anki numbers clozes from 1, write {{c1::...}}")
				return
			case strings.TrimSpace(r.spanText(lines, c.cStart, c.cEnd)) == "":
				r.warn(c.line, "empty Anki cloze {{c%d::}}: put the text to hide after \"::\", e.g. {{c%d::answer}}", c.n, c.n)
				return
			}
		}
	} else {
		var open int
		marks, open = r.findHighlights(lines)
		if open >= 0 {
			r.markup = true
			r.warn(r.doc.LineOf(open), "unterminated highlight \"==\": close it with \"==\" in the same paragraph (==answer==), or write \\=\\= for literal equal signs")
			return
		}
		if len(marks) == 0 {
			return
		}
		r.markup = true
	}
	nums := make([]int, len(marks))
	for i := range marks {
		nums[i] = marks[i].n
	}
	slices.Sort(nums)
	nums = slices.Compact(nums)
	if len(nums)*(e-s) > maxClozeText {
		r.warn(lines[0].num, "%d cloze deletions in a paragraph of %d bytes make too large a set of cards: split the paragraph", len(nums), e-s)
		return
	}
	content := make([]string, len(marks))
	hint := make([]string, len(marks))
	for i := range marks {
		c := &marks[i]
		content[i] = r.spanText(lines, c.cStart, c.cEnd)
		if c.hStart >= 0 {
			hint[i] = r.spanText(lines, c.hStart, c.hEnd)
		}
	}
	text := r.render(lines, marks, func(i int) string {
		if hint[i] != "" {
			return fmt.Sprintf("{{c%d::%s::%s}}", marks[i].n, content[i], hint[i])
		}
		return fmt.Sprintf("{{c%d::%s}}", marks[i].n, content[i])
	})
	group := make([]cards.Card, 0, len(nums))
	for _, n := range nums {
		var answers []string
		q := r.render(lines, marks, func(i int) string {
			if marks[i].n != n {
				return content[i]
			}
			answers = append(answers, content[i])
			if hint[i] != "" {
				return "[" + hint[i] + "]"
			}
			return "[...]"
		})
		group = append(group, cards.Card{Kind: cards.KindCloze, Question: q, Answer: strings.Join(answers, ", "), Text: text, Ord: n})
	}
	last := lines[len(lines)-1].num
	r.emit(b, group, lines[0].num, last, r.schedule(last, -1))
}

package markdown

import (
	"bytes"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/mnemo-app/mnemo/cards"
)

// clozeMark is one deletion in a block: an Anki "{{cN::text::hint}}" or an
// Obsidian highlight "==text==", "==text;;hint==", "==N;;text==" or
// "==text==^[hint]".
type clozeMark struct {
	open  int // offset of "{{" or the opening "=="
	close int // offset just after the markup (hint included); -1 if unterminated
	// cStart, cEnd delimit the deleted text; hStart, hEnd the hint (hStart
	// is -1 without one).
	cStart, cEnd int
	hStart, hEnd int
	n            int  // cloze number
	line         int  // line of open
	numbered     bool // a highlight written "==N;;text=="
	// bad says why mnemo does not read a highlight Obsidian SR would (it
	// then stays text and gets a warning); empty for a good one.
	bad string
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
			// No "}}" after this one, so none after a later one either:
			// the later opens are unterminated too, found without a scan.
			for q := after; q+1 < e; q++ {
				if src[q] == '{' && r.prose[q] {
					if n, a2, ok := clozeOpen(src, r.prose, q); ok {
						out = append(out, clozeMark{open: q, close: -1, cStart: a2, cEnd: -1, hStart: -1, hEnd: -1, n: n, line: r.doc.LineOf(q)})
						q = a2 - 1
					}
				}
			}
			break
		}
		p = c.close - 1
	}
	return out
}

// maxHint is the longest "^[hint]" after a highlight, in bytes.
const maxHint = 500

// maxClozeText bounds the text of one block's cloze cards together (each
// card repeats the whole block): past it the block is skipped with a warning.
const maxClozeText = 4 << 20

// nextEquals returns the offset of the next "==" in prose in [p, stop).
func (r *reader) nextEquals(p, stop int) int {
	src := r.doc.Src
	for p+1 < stop {
		i := bytes.IndexByte(src[p:stop], '=')
		if i < 0 {
			return -1
		}
		p += i
		if p+1 < stop && src[p+1] == '=' && r.prose[p] && r.prose[p+1] {
			return p
		}
		p++
	}
	return -1
}

// highlightsOn finds the "==text==" pairs of one line the way Obsidian SR
// reads them (left to right, each "==" closed by the next one with text in
// between, never across lines), and checks each: mnemo rejects a pair
// touching a third "=" ("====x==", "===x==="), an empty one and one padded
// with spaces on both sides ("a == b and c == d"). It also returns the
// offset of an unclosed "==" that opens text ("==word"), or -1.
func (r *reader) highlightsOn(l line) (marks []clozeMark, unterminated int) {
	src := r.doc.Src
	p := l.start
	for {
		o := r.nextEquals(p, l.stop)
		if o < 0 {
			return marks, -1
		}
		c := r.nextEquals(o+3, l.stop)
		if c < 0 {
			if o+2 < l.stop && !isSpace(src[o+2]) && src[o+2] != '=' && (o == l.start || src[o-1] != '=') {
				return marks, o
			}
			return marks, -1
		}
		if strings.Trim(string(src[o:c+2]), "= \t") == "" {
			p = c + 2 // a rule of equal signs ("=====") is no highlight
			continue
		}
		m := clozeMark{open: o, close: c + 2, cStart: o + 2, cEnd: c, hStart: -1, hEnd: -1, line: l.num}
		switch {
		case o > l.start && src[o-1] == '=' || src[o+2] == '=' || src[c-1] == '=' || c+2 < l.stop && src[c+2] == '=':
			m.bad = "run"
		case strings.TrimSpace(string(src[o+2:c])) == "" || strings.Trim(string(src[o+2:c]), "= \t") == "":
			m.bad = "empty"
		case isSpace(src[o+2]) && isSpace(src[c-1]):
			m.bad = "spaced"
		default:
			r.highlightParts(&m, l.stop)
		}
		marks = append(marks, m)
		p = m.close
	}
}

// highlightParts reads Obsidian SR's "N;;" number and ";;hint" inside a
// highlight and mnemo's "^[hint]" after it.
func (r *reader) highlightParts(m *clozeMark, stop int) {
	src := r.doc.Src
	d := m.cStart
	for d < m.cEnd && src[d] >= '0' && src[d] <= '9' {
		d++
	}
	if d > m.cStart && d-m.cStart <= 3 && d+2 < m.cEnd && src[d] == ';' && src[d+1] == ';' {
		n := 0
		for _, b := range src[m.cStart:d] {
			n = n*10 + int(b-'0')
		}
		m.numbered, m.n, m.cStart = true, n, d+2
		if n == 0 {
			m.bad = "zero"
			return
		}
	}
	if h := bytes.Index(src[m.cStart+1:m.cEnd], []byte(";;")); h >= 0 && m.cStart+1+h+2 < m.cEnd {
		h += m.cStart + 1
		m.hStart, m.hEnd, m.cEnd = h+2, m.cEnd, h
		return
	}
	q := m.close
	if q+1 < stop && src[q] == '^' && src[q+1] == '[' && r.prose[q] && r.prose[q+1] {
		for k := q + 2; k < stop && k < q+2+maxHint; k++ {
			if src[k] == ']' && r.prose[k] {
				m.hStart, m.hEnd, m.close = q+2, k, k+1
				break
			}
		}
	}
}

// highlightWarnings warns about the highlights of a line mnemo does not
// read as clozes.
func (r *reader) highlightWarnings(l line) {
	marks, open := r.highlightsOn(l)
	for _, m := range marks {
		if m.bad != "" {
			r.warnBadHighlight(m)
		}
	}
	if open >= 0 {
		r.markup = true
		r.warnOnce(l.num, "unterminated highlight \"==\": close it with \"==\" on the same line (==answer==), or write \\=\\= for literal equal signs")
	}
}

func (r *reader) warnBadHighlight(m clozeMark) {
	r.markup = r.markup || m.bad != "spaced" // "a == b and c == d" is prose
	text := string(r.doc.Src[m.open:m.close])
	switch m.bad {
	case "run":
		r.warnOnce(m.line, "highlight %q touches a third \"=\", so it is not read as a cloze: write exactly two equal signs on each side (==text==)", text)
	case "empty":
		r.warnOnce(m.line, "empty highlight %q: put the text to hide between the \"==\" pairs, e.g. ==answer==", text)
	case "spaced":
		r.warnOnce(m.line, "%q has spaces inside both \"==\" and reads like a comparison, so it is not a cloze: write ==text== to hide text, or \\=\\= for literal equal signs", text)
	case "zero":
		r.warnOnce(m.line, "highlight %q is cloze number 0: number clozes from 1, e.g. ==1;;answer==", text)
	}
}

// warnOnce warns unless the same warning was already given for line.
func (r *reader) warnOnce(line int, format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	for i := len(r.warnings) - 1; i >= 0 && i >= len(r.warnings)-8; i-- {
		if w := r.warnings[i]; w.Line == line && w.Message == msg {
			return
		}
	}
	r.warnings = append(r.warnings, Warning{Line: line, Message: msg})
}

// spanText is the text between offsets s and e of a block, its lines
// joined with newlines, without HTML comments.
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

// render writes a block's text with every deletion replaced by repl(mark).
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
	return tidySide(b.String())
}

// clozeBlock reads a cloze block starting at line i, as Obsidian SR does:
// the lines from i to a blank line (or heading), holding at least one
// cloze. Each card shows the whole block with its own deletion hidden.
func (r *reader) clozeBlock(i int) (int, bool) {
	c := int(r.scan[i].next[2])
	if c == 0 {
		return 0, false
	}
	end := int(r.scan[c].endOf)
	if r.scan[end].found-r.scan[c-1].found == 0 {
		return 0, false // only highlights mnemo rejects: plain lines, warned one by one
	}
	if c == r.noCloze {
		return 0, false
	}
	lines := append([]line(nil), r.rawLines(i, end)...)
	marks, firstHL := r.blockMarks(lines, r.findAnki(lines))
	if len(marks) == 0 {
		// Warned; the block's lines are read one by one as plain lines,
		// so its other markup still makes cards or warnings.
		r.noCloze = c
		return 0, false
	}
	r.markup = true
	nums := make([]int, len(marks))
	for k := range marks {
		nums[k] = marks[k].n
	}
	slices.Sort(nums)
	nums = slices.Compact(nums)
	s, e := lines[0].start, lines[len(lines)-1].stop
	if len(nums)*(e-s) > maxClozeText {
		r.warn(i, "%d cloze deletions in a block of %d bytes make too large a set of cards: split the block", len(nums), e-s)
		return end, true
	}
	content := make([]string, len(marks))
	hint := make([]string, len(marks))
	for k := range marks {
		m := &marks[k]
		content[k] = r.spanText(lines, m.cStart, m.cEnd)
		if m.hStart >= 0 {
			hint[k] = r.spanText(lines, m.hStart, m.hEnd)
		}
	}
	text := r.render(lines, marks, func(k int) string {
		if hint[k] != "" {
			return fmt.Sprintf("{{c%d::%s::%s}}", marks[k].n, content[k], hint[k])
		}
		return fmt.Sprintf("{{c%d::%s}}", marks[k].n, content[k])
	})
	text, own := r.leadingTag(stripBlockID(text))
	group := make([]cards.Card, 0, len(nums))
	for _, n := range nums {
		var answers []string
		q := r.render(lines, marks, func(k int) string {
			if marks[k].n != n {
				return content[k]
			}
			answers = append(answers, content[k])
			if hint[k] != "" {
				return "[" + hint[k] + "]"
			}
			return "[...]"
		})
		q, _ = r.leadingTag(stripBlockID(q))
		group = append(group, cards.Card{Kind: cards.KindCloze, Question: q, Answer: strings.Join(answers, ", "), Text: text, Ord: n})
	}
	r.emit(group, i, end, clozeSchedules(nums, firstHL, r.schedule(end, -1)), own)
	return end, true
}

// blockMarks collects a block's deletions in source order and numbers
// them: Anki clozes keep their numbers; highlights follow them, numbered
// in order or by their "N;;" (then unnumbered highlights stay text, as in
// Obsidian SR). A malformed Anki cloze is text, with a warning.
func (r *reader) blockMarks(lines []line, anki []clozeMark) (marks []clozeMark, firstHL int) {
	maxAnki := 0
	good := anki[:0:0]
	for _, c := range anki {
		switch {
		case c.close < 0:
			r.markup = true
			r.warnOnce(c.line, "unterminated Anki cloze \"{{c%d::\": close it with \"}}\", e.g. {{c%d::answer}}", c.n, max(c.n, 1))
		case c.n == 0:
			r.markup = true
			r.warnOnce(c.line, "cloze number c0: Anki numbers clozes from 1, write {{c1::...}}")
		case strings.TrimSpace(r.spanText(lines, c.cStart, c.cEnd)) == "":
			r.markup = true
			r.warnOnce(c.line, "empty Anki cloze {{c%d::}}: put the text to hide after \"::\", e.g. {{c%d::answer}}", c.n, c.n)
		default:
			good = append(good, c)
			maxAnki = max(maxAnki, c.n)
		}
	}
	anki = good
	marks = append(marks, anki...)
	var hl []clozeMark
	numbered := false
	for _, l := range lines {
		li := r.lines[l.num-1]
		if li.text < 0 || r.scan[l.num].cloze == clozeNone {
			continue
		}
		ms, open := r.highlightsOn(line{li.text, li.stop, l.num})
		if open >= 0 && !insideAnki(anki, open) {
			r.warnOnce(l.num, "unterminated highlight \"==\": close it with \"==\" on the same line (==answer==), or write \\=\\= for literal equal signs")
		}
		for _, m := range ms {
			switch {
			case insideAnki(anki, m.open):
			case m.bad != "":
				r.warnBadHighlight(m)
			default:
				numbered = numbered || m.numbered
				hl = append(hl, m)
			}
		}
	}
	seq := 0
	for _, m := range hl {
		switch {
		case numbered && !m.numbered:
			r.warnOnce(m.line, "highlight %q is not a cloze: other highlights in this block are numbered (==1;;text==), number this one too", string(r.doc.Src[m.open:m.close]))
			continue
		case numbered:
			m.n += maxAnki
		default:
			seq++
			m.n = seq + maxAnki
		}
		marks = append(marks, m)
	}
	sort.Slice(marks, func(a, b int) bool { return marks[a].open < marks[b].open })
	return marks, maxAnki + 1
}

// clozeSchedules lines a block's imported schedules up with its cards
// (numbers nums, sorted). Obsidian SR writes one group per highlight card
// in its own numbering: by sequence, or by "N;;" number counting the
// numbers nobody used; Anki clozes, which it does not read, take groups
// only in a block without highlights.
func clozeSchedules(nums []int, firstHL int, sched []cards.Schedule) []cards.Schedule {
	if len(sched) == 0 {
		return nil
	}
	out := make([]cards.Schedule, len(nums))
	hasHL := nums[len(nums)-1] >= firstHL
	for k, n := range nums {
		idx := k
		switch {
		case n >= firstHL:
			idx = n - firstHL
		case hasHL:
			continue
		}
		if idx < len(sched) {
			out[k] = sched[idx]
		}
	}
	return out
}

func insideAnki(anki []clozeMark, p int) bool {
	for _, c := range anki {
		if p >= c.open && (c.close < 0 || p < c.close) {
			return true
		}
	}
	return false
}

package markdown

import (
	"crypto/sha256"
	"sort"
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"

	"github.com/mnemo-app/mnemo/cards"
)

// line is one line of a block: the byte range of its text in the source
// (no indentation of its container, no newline) and its 1-based number.
type line struct{ start, stop, num int }

// block reads the card markup of one paragraph or list item text. The
// shape is decided per block: a "?"/"??" line makes it a multi-line card,
// else a "Q:" line makes it a Q/A block, else each line with "::"/":::" is
// an inline card and the runs of other lines are checked for clozes.
func (r *reader) block(n ast.Node) {
	lines := r.blockLines(n)
	for len(lines) > 0 && lines[0].num <= r.consumed {
		lines = lines[1:]
	}
	if len(lines) == 0 {
		return
	}
	b := &blockCtx{node: n, context: r.context}
	if sep, rev := r.findSeparator(lines); sep >= 0 {
		r.multiLine(b, lines, sep, rev)
		return
	}
	for _, l := range lines {
		if m, ok := r.qaMarker(l); ok && m == 'Q' {
			r.qaBlock(b, lines)
			return
		}
	}
	r.inlineAndCloze(b, lines)
}

// blockCtx carries what the cards of one block share: its node and its
// heading path (doc.Context of the node).
type blockCtx struct {
	node    ast.Node
	context []string
}

func (r *reader) blockLines(n ast.Node) []line {
	src := r.doc.Src
	segs := n.Lines()
	out := r.lineBuf[:0]
	for i := 0; i < segs.Len(); i++ {
		s := segs.At(i)
		start, stop := s.Start, s.Stop
		if start < 0 || stop > len(src) || start > stop {
			continue
		}
		for stop > start && (src[stop-1] == '\n' || src[stop-1] == '\r') {
			stop--
		}
		out = append(out, line{start, stop, r.doc.LineOf(start)})
	}
	r.lineBuf = out
	return out
}

// trimmed returns the line's range without surrounding white space.
func (r *reader) trimmed(l line) (int, int) {
	src := r.doc.Src
	s, e := l.start, l.stop
	for s < e && isSpace(src[s]) {
		s++
	}
	for e > s && isSpace(src[e-1]) {
		e--
	}
	return s, e
}

func (r *reader) allProse(s, e int) bool {
	for i := s; i < e; i++ {
		if !r.prose[i] {
			return false
		}
	}
	return true
}

// findSeparator finds the first line that is just "?" (rev false) or "??"
// (rev true).
func (r *reader) findSeparator(lines []line) (int, bool) {
	src := r.doc.Src
	for i, l := range lines {
		s, e := r.trimmed(l)
		if e-s < 1 || e-s > 2 || !r.allProse(s, e) {
			continue
		}
		if t := string(src[s:e]); t == "?" || t == "??" {
			return i, t == "??"
		}
	}
	return -1, false
}

// text joins the lines' text with newlines, drops HTML comments and trims
// the result.
func (r *reader) text(lines []line) string {
	if len(lines) == 1 {
		return strings.TrimSpace(r.cut(lines[0].start, lines[0].stop))
	}
	var b strings.Builder
	for i, l := range lines {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(strings.TrimRight(r.cut(l.start, l.stop), " \t"))
	}
	return strings.TrimSpace(b.String())
}

// firstComment is the index of the first comment ending after offset s.
func (r *reader) firstComment(s int) int {
	return sort.Search(len(r.comments), func(i int) bool { return r.comments[i].stop > s })
}

// cut returns src[s:e] without the HTML comments in it.
func (r *reader) cut(s, e int) string {
	src := r.doc.Src
	if len(r.comments) == 0 {
		return string(src[s:e])
	}
	var b strings.Builder
	for _, c := range r.comments[r.firstComment(s):] {
		if c.start >= e {
			break
		}
		if c.start > s {
			b.Write(src[s:c.start])
		}
		s = c.stop
	}
	if s < e {
		b.Write(src[s:e])
	}
	return b.String()
}

// extension returns the lines that continue an answer past the end of its
// block: the following lines of the same container up to a blank line, an
// HTML comment (a schedule), a heading or a thematic break. Only blocks at
// the top level or directly in a list item extend; the lines are dedented
// by the block's own indentation and marked as consumed.
func (r *reader) extension(n ast.Node, lines []line) []line {
	last := lines[len(lines)-1].num
	limit := 0
	switch p := n.Parent().(type) {
	case *ast.Document:
		limit = r.doc.LineCount()
	case *ast.ListItem:
		_, limit = r.doc.NodeLines(p)
	default:
		return nil
	}
	src := r.doc.Src
	indent := lines[0].start - r.doc.lineStarts[lines[0].num-1]
	var out []line
	for k := last + 1; k <= limit; k++ {
		s, e := r.lineRange(k)
		t := strings.TrimSpace(string(src[s:e]))
		if t == "" || strings.HasPrefix(t, "<!--") || isATXHeading(src[s:e]) || isThematicBreak(t) {
			break
		}
		d := s
		for d < e && d-s < indent && (src[d] == ' ' || src[d] == '\t') {
			d++
		}
		out = append(out, line{d, e, k})
	}
	if len(out) > 0 && out[len(out)-1].num > r.consumed {
		r.consumed = out[len(out)-1].num
	}
	return out
}

// lineRange returns the byte range of 1-based line k without its newline.
func (r *reader) lineRange(k int) (int, int) {
	s := r.doc.lineStarts[k-1]
	e := len(r.doc.Src)
	if k < len(r.doc.lineStarts) {
		e = r.doc.lineStarts[k] - 1
	}
	if e > s && r.doc.Src[e-1] == '\r' {
		e--
	}
	return s, e
}

func isATXHeading(l []byte) bool {
	i := 0
	for i < len(l) && i < 3 && l[i] == ' ' {
		i++
	}
	j := i
	for j < len(l) && l[j] == '#' {
		j++
	}
	return j > i && j-i <= 6 && (j == len(l) || l[j] == ' ' || l[j] == '\t')
}

func isThematicBreak(t string) bool {
	if t == "" {
		return false
	}
	c := t[0]
	if c != '-' && c != '*' && c != '_' {
		return false
	}
	n := 0
	for i := 0; i < len(t); i++ {
		switch t[i] {
		case c:
			n++
		case ' ', '\t':
		default:
			return false
		}
	}
	return n >= 3
}

// multiLine reads a "?" or "??" card: the question is the block's lines
// above the separator, the answer the lines below it until a blank line.
func (r *reader) multiLine(b *blockCtx, lines []line, sep int, rev bool) {
	r.markup = true
	mark := "?"
	if rev {
		mark = "??"
	}
	sepLine := lines[sep].num
	answer := append(lines[sep+1:len(lines):len(lines)], r.extension(b.node, lines)...)
	if sep == 0 {
		r.warn(sepLine, "%q has no question above it: write the question on the line(s) right above %q, with no blank line in between", mark, mark)
		return
	}
	q, a := r.text(lines[:sep]), r.text(answer)
	last := sepLine
	if len(answer) > 0 {
		last = answer[len(answer)-1].num
	}
	switch {
	case q == "":
		r.warn(lines[0].num, "card has an empty question: write the question on the line(s) right above %q", mark)
		return
	case a == "":
		r.warn(sepLine, "card has an empty answer: write the answer on the line(s) right below %q, before a blank line", mark)
		return
	}
	group := []cards.Card{{Kind: cards.KindBasic, Question: q, Answer: a}}
	if rev {
		group = append(group, cards.Card{Kind: cards.KindReversed, Question: a, Answer: q})
	}
	r.emit(b, group, lines[0].num, last, r.schedule(last, -1))
}

// qaMarker recognises a line starting with "Q:" or "A:" (not "Q::") and
// returns the marker and the offset after it.
func (r *reader) qaMarker(l line) (byte, bool) {
	s, e := r.trimmed(l)
	src := r.doc.Src
	if e-s < 2 || src[s+1] != ':' || src[s] != 'Q' && src[s] != 'A' || !r.allProse(s, s+2) {
		return 0, false
	}
	if s+2 < e && src[s+2] == ':' {
		return 0, false
	}
	return src[s], true
}

// qaBlock reads "Q: question" / "A: answer" pairs; each side runs on until
// the next marker, and the last answer until a blank line.
func (r *reader) qaBlock(b *blockCtx, lines []line) {
	r.markup = true
	type pair struct {
		q, a   []line
		hasA   bool
		qLine  int
		aStart int
	}
	var cur *pair
	finish := func(p *pair, extra []line) {
		if p == nil {
			return
		}
		if !p.hasA {
			r.warn(p.qLine, "\"Q:\" without an \"A:\": write the answer on a line starting with \"A:\" right below the question")
			return
		}
		ans := append(p.a[:len(p.a):len(p.a)], extra...)
		q, a := r.text(p.q), r.text(ans)
		switch {
		case q == "":
			r.warn(p.qLine, "\"Q:\" with an empty question: write the question after \"Q:\"")
			return
		case a == "":
			r.warn(p.aStart, "\"A:\" with an empty answer: write the answer after \"A:\"")
			return
		}
		last := ans[len(ans)-1].num
		r.emit(b, []cards.Card{{Kind: cards.KindBasic, Question: q, Answer: a}}, p.qLine, last, r.schedule(last, -1))
	}
	skipping := false
	for _, l := range lines {
		m, ok := r.qaMarker(l)
		if ok {
			s, _ := r.trimmed(l)
			rest := line{s + 2, l.stop, l.num}
			if m == 'Q' {
				finish(cur, nil)
				cur = &pair{q: []line{rest}, qLine: l.num}
				skipping = false
				continue
			}
			if cur == nil || cur.hasA {
				finish(cur, nil)
				cur = nil
				r.warn(l.num, "\"A:\" without a \"Q:\" above it: write the question on a line starting with \"Q:\" right above")
				skipping = true
				continue
			}
			cur.hasA, cur.aStart = true, l.num
			cur.a = []line{rest}
			continue
		}
		switch {
		case skipping || cur == nil:
		case cur.hasA:
			cur.a = append(cur.a, l)
		default:
			cur.q = append(cur.q, l)
		}
	}
	if cur != nil && cur.hasA {
		finish(cur, r.extension(b.node, lines))
		return
	}
	finish(cur, nil)
}

// separator finds the first "::" or ":::" in prose on the line (a run of
// more colons is not markup) and returns its offset and length.
func (r *reader) separator(l line) (int, int) {
	src := r.doc.Src
	for i := l.start; i < l.stop; i++ {
		if src[i] != ':' || !r.prose[i] {
			continue
		}
		j := i
		for j < l.stop && src[j] == ':' && r.prose[j] {
			j++
		}
		if n := j - i; n == 2 || n == 3 {
			return i, n
		}
		i = j - 1
	}
	return -1, 0
}

// inlineAndCloze reads the inline cards (one per line with "::" or ":::")
// and, in each run of the other lines, the cloze deletions.
func (r *reader) inlineAndCloze(b *blockCtx, lines []line) {
	anki := r.findAnki(lines)
	mi := 0 // first Anki cloze not closed before the current line
	inCloze := func(l line) bool {
		for mi < len(anki) && anki[mi].close >= 0 && anki[mi].close <= l.start {
			mi++
		}
		return mi < len(anki) && anki[mi].open < l.stop
	}
	unit := 0 // start of the current run of non-inline lines
	for i, l := range lines {
		var at, n int = -1, 0
		if len(anki) == 0 || !inCloze(l) {
			at, n = r.separator(l)
		}
		if at < 0 {
			continue
		}
		if unit < i {
			r.cloze(b, lines[unit:i], anki)
		}
		unit = i + 1
		r.inline(b, l, at, n)
	}
	if unit < len(lines) {
		r.cloze(b, lines[unit:], anki)
	}
}

// inline reads one "question::answer" or "question:::answer" line.
func (r *reader) inline(b *blockCtx, l line, at, n int) {
	r.markup = true
	q := strings.TrimSpace(r.cut(l.start, at))
	a := strings.TrimSpace(r.cut(at+n, l.stop))
	mark := strings.Repeat(":", n)
	switch {
	case q == "" && a == "":
		r.warn(l.num, "%q with empty sides: write question%sanswer on one line", mark, mark)
		return
	case q == "":
		r.warn(l.num, "%q with an empty question: write question%sanswer on one line", mark, mark)
		return
	case a == "":
		r.warn(l.num, "%q with an empty answer: write question%sanswer on one line", mark, mark)
		return
	}
	group := []cards.Card{{Kind: cards.KindBasic, Question: q, Answer: a}}
	if n == 3 {
		group = append(group, cards.Card{Kind: cards.KindReversed, Question: a, Answer: q})
	}
	r.emit(b, group, l.num, l.num, r.schedule(l.num, at+n))
}

// emit completes a block's cards (IDs, note, deck, tags, context, source,
// imported schedule), drops duplicates of earlier cards and keeps the rest.
func (r *reader) emit(b *blockCtx, group []cards.Card, first, last int, sched []cards.Schedule) {
	if r.seen == nil {
		r.seen = make(map[cards.ID]int)
	}
	var note cards.ID
	for i := range group {
		c := &group[i]
		c.ID = r.cardID(c.Kind, c.Question, c.Ord)
		if line, dup := r.seen[c.ID]; dup {
			r.warn(first, "duplicate card (same question as line %d)", line)
			continue
		}
		r.seen[c.ID] = first
		if note == "" {
			note = c.ID
		}
		c.Note = note
		c.Deck = r.deck
		c.Tags = r.tags[:len(r.tags):len(r.tags)]
		c.Context = b.context
		c.Source = cards.Source{Path: r.opts.Path, Line: first, EndLine: last}
		if i < len(sched) {
			c.Schedule = sched[i]
		}
		if len(r.cards) >= maxCards {
			r.limitErr = tooManyCards(r.opts.Path, first)
			return
		}
		r.cards = append(r.cards, *c)
	}
}

// cardID is NewID(kind, question, ord, "") without its fmt call: the same
// bytes hashed and encoded (TestReadNotes and FuzzRead check they agree).
func (r *reader) cardID(kind cards.Kind, question string, ord int) cards.ID {
	b := r.idBuf[:0]
	b = append(b, kind...)
	b = append(b, 0)
	b = append(b, cards.Normalize(question)...)
	b = append(b, 0)
	b = strconv.AppendInt(b, int64(ord), 10)
	b = append(b, 0)
	r.idBuf = b
	return cards.IDFromDigest(sha256.Sum256(b))
}

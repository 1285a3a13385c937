package markdown

import (
	"bytes"
	"crypto/sha256"
	"sort"
	"strconv"
	"strings"

	"github.com/mnemo-app/mnemo/cards"
)

// line is a range of one line's text in the source (no newline) and its
// 1-based number.
type line struct{ start, stop, num int }

// readExplicit finds the card markup of the note the way Obsidian Spaced
// Repetition does (README "Card syntax"): a note is read line by line, and
// at each line that does not already belong to a card the first form that
// fits wins: an inline card on that line, a Q/A block, a "??" card, a "?"
// card, a cloze block; otherwise the line is plain text and reading goes
// on at the next line. Markup inside code, math, URLs and HTML never
// counts (the prose mask); a blank line ends every card.
func (r *reader) readExplicit() {
	r.buildLines()
	r.prepareNext()
	for i := 1; i <= len(r.lines); {
		i = r.blockAt(i)
	}
}

// blockAt reads the card (or plain line) starting at line i and returns the
// next line to read.
func (r *reader) blockAt(i int) int {
	li := &r.lines[i-1]
	if li.flags&lineBlank != 0 {
		return i + 1
	}
	if li.flags&lineComment != 0 {
		return r.commentEnd(i) + 1
	}
	if li.text >= 0 {
		l := line{li.text, li.stop, i}
		if at, n := r.separator(l); at >= 0 {
			return r.inline(l, at, n) + 1
		}
		if m, ok := r.qaMarker(l); ok && m == 'Q' {
			return r.qaBlock(i) + 1
		}
	}
	if end, ok := r.multiLine(i, true); ok {
		return end + 1
	}
	if end, ok := r.multiLine(i, false); ok {
		return end + 1
	}
	if end, ok := r.clozeBlock(i); ok {
		return end + 1
	}
	r.loose(i)
	return i + 1
}

// commentEnd is the last line of the HTML comment block starting on line i.
func (r *reader) commentEnd(i int) int {
	if c, ok := r.commentClose[i]; ok && c >= i {
		return c
	}
	return i
}

// breaksQuestion reports whether line k cannot be part of a question or
// the lines before a cloze: blank lines, thematic breaks, schedule
// comments. Other comment lines belong to the card, hidden from its text.
func (r *reader) breaksQuestion(k int) bool {
	return r.lines[k-1].flags&(lineBlank|lineBreak|lineSRComment) != 0
}

// endsAnswer reports whether line k ends an answer (or a cloze block)
// before it: a question's breaks and, stricter than Obsidian SR, a heading.
func (r *reader) endsAnswer(k int) bool {
	return r.lines[k-1].flags&(lineBlank|lineBreak|lineSRComment|lineHeading) != 0
}

// prepareNext computes, for every line, the first "?" line, "??" line and
// cloze line at or after it that a question starting there can reach, so
// each start is tried in constant time (a naive scan is quadratic).
func (r *reader) prepareNext() {
	n := len(r.lines)
	r.scan = make([]lineScan, n+2)
	for k := n; k >= 1; k-- {
		sc := &r.scan[k]
		sc.endOf = int32(k)
		if k < n && !r.endsAnswer(k+1) {
			sc.endOf = r.scan[k+1].endOf
		}
		if r.breaksQuestion(k) {
			continue
		}
		sc.next = r.scan[k+1].next
		f := r.lines[k-1].flags
		if f&lineSep1 != 0 {
			sc.next[0] = int32(k)
		}
		if f&lineSep2 != 0 {
			sc.next[1] = int32(k)
		}
		if c := r.clozeKind(k); c != 0 {
			sc.cloze = c
			sc.next[2] = int32(k)
		}
	}
	for k := 1; k <= n; k++ {
		r.scan[k].found = r.scan[k-1].found
		if r.scan[k].cloze == clozeFound {
			r.scan[k].found++
		}
	}
}

// lineScan is what prepareNext computes for one line: the first "?",
// "??" and cloze line a block starting there reaches, the last line of the
// block running on from it, its cloze kind, and how many lines up to it
// hold a cloze mnemo reads.
type lineScan struct {
	next  [3]int32
	endOf int32
	found int32
	cloze uint8
	// noAnswer marks a separator line whose answer is empty, so the
	// blocks starting on the lines above it do not read it again.
	noAnswer bool
}

// Kinds of cloze markup on a line (clozeKind).
const (
	clozeNone    = 0
	clozeFound   = 1 // a pair of "==" or a "{{cN::" Obsidian SR (or Anki) would read
	clozeInvalid = 2 // only "==...==" pairs mnemo rejects (with a warning)
)

// clozeKind says whether line k holds cloze markup.
func (r *reader) clozeKind(k int) uint8 {
	li := r.lines[k-1]
	from := li.text
	if from < 0 {
		return clozeNone
	}
	src := r.doc.Src
	if !bytes.Contains(src[from:li.stop], []byte("==")) && bytes.IndexByte(src[from:li.stop], '{') < 0 {
		return clozeNone
	}
	for p := from; p+1 < li.stop; p++ {
		if src[p] == '{' {
			if _, _, ok := clozeOpen(src, r.prose, p); ok {
				return clozeFound
			}
		}
	}
	ms, _ := r.highlightsOn(line{from, li.stop, k})
	kind := uint8(clozeNone)
	for _, m := range ms {
		if m.bad == "" {
			return clozeFound
		}
		kind = clozeInvalid
	}
	return kind
}

// loose handles a line that starts no card: markup on it gets a warning,
// so nothing a user wrote as a card disappears silently.
func (r *reader) loose(k int) {
	li := r.lines[k-1]
	switch {
	case li.flags&(lineSep1|lineSep2) != 0:
		mark := "?"
		if li.flags&lineSep2 != 0 {
			mark = "??"
		}
		r.markup = true
		switch {
		case k < len(r.lines) && !r.endsAnswer(k+1) && (k == 1 || r.breaksQuestion(k-1) || r.lines[k-2].flags&lineHidden != 0):
			r.warn(k, "%q has no question above it: write the question on the line(s) right above %q, with no blank line or \"---\" in between", mark, mark)
		case k == len(r.lines) || r.endsAnswer(k+1):
			r.warn(k, "card has an empty answer: write the answer on the line(s) right below %q, before a blank line or heading", mark)
		default:
			r.warn(k, "%q has no question above it (the line above belongs to another card): write the question right above %q, with a blank line before it", mark, mark)
		}
		return
	case li.flags&lineQuoteSep != 0:
		r.markup = true
		r.warn(k, "a \"?\" inside a quote or callout is not a card separator (as in Obsidian Spaced Repetition): write the card outside the quote, or write question::answer on one line")
		return
	}
	from := li.text
	if from < 0 {
		from = li.start
	}
	l := line{from, li.stop, k}
	if li.text < 0 {
		// Warned, but not taken as card markup: "std::string" in a table
		// of a prose note should not stop that note's generated cards.
		if at, _ := r.separator(l); at >= 0 || r.longColons(l) >= 0 || r.clozeKindRaw(l) {
			r.warn(k, "card markup in a table or HTML is not read: write the card on a line of its own")
		}
		return
	}
	if at := r.longColons(l); at >= 0 {
		r.warn(k, "a run of four or more colons is not a card separator: write question::answer or question:::answer")
	}
	if r.scan[k].cloze != clozeFound {
		r.highlightWarnings(l)
	}
}

// clozeKindRaw reports cloze markup on a line without paragraph text.
func (r *reader) clozeKindRaw(l line) bool {
	ms, _ := r.highlightsOn(l)
	if len(ms) > 0 {
		return true
	}
	for p := l.start; p+1 < l.stop; p++ {
		if _, _, ok := clozeOpen(r.doc.Src, r.prose, p); ok {
			return true
		}
	}
	return false
}

// multiLine reads a "?" (or "??" when rev) card starting at line i: the
// question is every line from i to the separator, the answer every line
// after it up to a blank line (a fenced code block runs to its fence).
func (r *reader) multiLine(i int, rev bool) (end int, ok bool) {
	idx := 0
	if rev {
		idx = 1
	}
	j := int(r.scan[i].next[idx])
	if j == 0 || j == i {
		return 0, false
	}
	sc := &r.scan[j]
	if sc.noAnswer {
		return 0, false // tried before from a line above: the answer is empty
	}
	last := r.answerEnd(j)
	a := ""
	if last > j {
		a = stripBlockID(r.sideText(r.rawLines(j+1, last)))
	}
	if a == "" {
		sc.noAnswer = true
		return 0, false // its "?" line gets the warning as a plain line
	}
	q := r.sideText(r.rawLines(i, j-1))
	if q == "" {
		return 0, false
	}
	r.markup = true
	q, own := r.leadingTag(q)
	group := []cards.Card{{Kind: cards.KindBasic, Question: q, Answer: a}}
	if rev {
		group = append(group, cards.Card{Kind: cards.KindReversed, Question: a, Answer: q})
	}
	r.emit(group, i, last, r.schedule(last, -1), own)
	return last, true
}

// answerEnd is the last line of the answer below separator line j (j
// itself when the answer is empty).
func (r *reader) answerEnd(j int) int {
	last := j
	for k := j + 1; k <= len(r.lines); k++ {
		// A heading ends an answer, but may open one.
		if r.endsAnswer(k) && (k > j+1 || r.breaksQuestion(k)) {
			break
		}
		if r.lines[k-1].flags&lineFence != 0 {
			if c, ok := r.fenceClose[k]; ok && c >= k {
				k = c
			}
		}
		last = k
	}
	return last
}

// blockEnd is the last line of the block of lines that starts at line k and
// runs to a blank line (or heading, break, comment).
func (r *reader) blockEnd(k int) int {
	return int(r.scan[k].endOf)
}

// rawLines returns lines a..b as card text: the raw line from its start,
// blockquote markers skipped (list markers are kept: see sideText).
func (r *reader) rawLines(a, b int) []line {
	out := r.lineBuf[:0]
	for k := a; k <= b; k++ {
		if r.lines[k-1].flags&lineHidden == 0 {
			out = append(out, line{r.quoteStart(k), r.lines[k-1].stop, k})
		}
	}
	r.lineBuf = out
	return out
}

// sideText joins lines into one side of a card: HTML comments cut, common
// indentation removed, and the marker of a single list item or heading
// dropped ("- **Two kinds?**" reads "**Two kinds?**", "### Capital"
// reads "Capital"); a list of several items keeps its markers.
func (r *reader) sideText(lines []line) string {
	if len(lines) == 1 {
		return tidySide(strings.TrimSpace(r.cut(lines[0].start, lines[0].stop)))
	}
	var b strings.Builder
	for i, l := range lines {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(strings.TrimRight(r.cut(l.start, l.stop), " \t"))
	}
	return tidySide(b.String())
}

// tidySide dedents a side's lines and drops a lone list item's or a
// heading's marker from its first line.
func tidySide(s string) string {
	if !strings.Contains(s, "\n") {
		s = strings.TrimSpace(s)
		if w := listMarker(s); w > 0 {
			return strings.TrimSpace(s[w:])
		}
		return headingText(s)
	}
	ls := strings.Split(s, "\n")
	ind := -1
	for _, l := range ls {
		if strings.TrimSpace(l) == "" {
			continue
		}
		n := len(l) - len(strings.TrimLeft(l, " \t"))
		if ind < 0 || n < ind {
			ind = n
		}
	}
	for i, l := range ls {
		switch {
		case ind <= 0:
		case len(l) >= ind:
			ls[i] = l[ind:]
		default:
			ls[i] = strings.TrimLeft(l, " \t")
		}
	}
	if w := listMarker(ls[0]); w > 0 {
		single := true
		for _, l := range ls[1:] {
			if listMarker(l) > 0 {
				single = false
				break
			}
		}
		if single {
			ls[0] = ls[0][w:]
			for i := 1; i < len(ls); i++ {
				n := 0
				for n < w && n < len(ls[i]) && (ls[i][n] == ' ' || ls[i][n] == '\t') {
					n++
				}
				ls[i] = ls[i][n:]
			}
		}
	} else {
		ls[0] = headingText(ls[0])
	}
	for len(ls) > 0 && strings.TrimSpace(ls[0]) == "" {
		ls = ls[1:]
	}
	return strings.TrimSpace(strings.Join(ls, "\n"))
}

// listMarker returns the width of a list marker ("- ", "* ", "+ ", "1. ",
// "1) ") at the start of l, or 0.
func listMarker(l string) int {
	i := 0
	switch {
	case l == "":
		return 0
	case l[0] == '-' || l[0] == '*' || l[0] == '+':
		i = 1
	default:
		for i < len(l) && i < 9 && l[i] >= '0' && l[i] <= '9' {
			i++
		}
		if i == 0 || i >= len(l) || l[i] != '.' && l[i] != ')' {
			return 0
		}
		i++
	}
	if i >= len(l) || l[i] != ' ' && l[i] != '\t' {
		return 0
	}
	for i < len(l) && (l[i] == ' ' || l[i] == '\t') {
		i++
	}
	return i
}

// headingText drops an ATX heading's "#" marks from l.
func headingText(l string) string {
	if !isATXHeading([]byte(l)) {
		return l
	}
	t := strings.TrimLeft(strings.TrimLeft(l, " "), "#")
	t = strings.TrimSpace(t)
	if u := strings.TrimRight(t, "#"); u != t && (u == "" || u[len(u)-1] == ' ') {
		t = strings.TrimSpace(u)
	}
	return t
}

// trimmed returns the line's range without surrounding white space.
func (r *reader) trimmed(l line) (int, int) {
	return trimBytes(r.doc.Src, l.start, l.stop)
}

func (r *reader) allProse(s, e int) bool {
	for i := s; i < e; i++ {
		if !r.prose[i] {
			return false
		}
	}
	return true
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

// qaMarker recognises a line starting with "Q:" or "A:" (not "Q::") and
// returns the marker.
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

// qaBlock reads "Q: question" / "A: answer" pairs from line i to the end
// of its block; each side runs on until the next marker. It returns the
// block's last line.
func (r *reader) qaBlock(i int) int {
	r.markup = true
	end := r.blockEnd(i)
	type pair struct {
		q, a   []line
		hasA   bool
		qLine  int
		aStart int
	}
	var cur *pair
	taken := i // the last line of a read pair, or of a lone "Q:" line
	finish := func(p *pair) {
		if p == nil {
			return
		}
		if !p.hasA {
			// Only the "Q:" line is taken: the lines after it are read
			// as usual, so markup on them is not lost.
			r.warn(p.qLine, "\"Q:\" without an \"A:\": write the answer on a line starting with \"A:\" right below the question")
			taken = p.qLine
			return
		}
		taken = p.a[len(p.a)-1].num
		q, a := r.sideText(p.q), r.sideText(p.a)
		switch {
		case q == "":
			r.warn(p.qLine, "\"Q:\" with an empty question: write the question after \"Q:\"")
			return
		case a == "":
			r.warn(p.aStart, "\"A:\" with an empty answer: write the answer after \"A:\"")
			return
		}
		last := p.a[len(p.a)-1].num
		r.emit([]cards.Card{{Kind: cards.KindBasic, Question: q, Answer: a}}, p.qLine, last, r.schedule(last, -1), "")
	}
	for k := i; k <= end; k++ {
		li := r.lines[k-1]
		if li.flags&lineHidden != 0 {
			continue
		}
		l := line{r.quoteStart(k), li.stop, k}
		var m byte
		ok := false
		if li.text >= 0 {
			m, ok = r.qaMarker(line{li.text, li.stop, k})
		}
		if ok {
			s, _ := trimBytes(r.doc.Src, li.text, li.stop)
			rest := line{s + 2, li.stop, k}
			if m == 'Q' {
				finish(cur)
				if cur != nil && !cur.hasA {
					return taken
				}
				cur = &pair{q: []line{rest}, qLine: k}
				continue
			}
			if cur == nil || cur.hasA {
				// A stray "A:" ends the block; the lines after it are
				// read as usual.
				finish(cur)
				r.warn(k, "\"A:\" without a \"Q:\" above it: write the question on a line starting with \"Q:\" right above")
				return k
			}
			cur.hasA, cur.aStart = true, k
			cur.a = []line{rest}
			continue
		}
		switch {
		case cur == nil:
		case cur.hasA:
			cur.a = append(cur.a, l)
		default:
			cur.q = append(cur.q, l)
		}
	}
	finish(cur)
	if cur != nil && !cur.hasA {
		return taken
	}
	return end
}

// separator finds the inline card separator on the line, as Obsidian SR
// does: the first ":::" if there is one, else the first "::", with text
// before it. Only runs of exactly two or three colons in prose count, and
// none inside an Anki cloze ("{{c1::x::hint}}").
func (r *reader) separator(l line) (int, int) {
	src := r.doc.Src
	first2, first3 := -1, -1
	for i := l.start; i < l.stop; i++ {
		if src[i] == '{' {
			if c, ok := r.ankiSpanAt(i, l.stop); ok {
				i = c - 1
				continue
			}
		}
		if src[i] != ':' || !r.prose[i] {
			continue
		}
		j := i
		for j < l.stop && src[j] == ':' && r.prose[j] {
			j++
		}
		switch j - i {
		case 2:
			if first2 < 0 {
				first2 = i
			}
		case 3:
			if first3 < 0 {
				first3 = i
			}
		}
		i = j - 1
	}
	if first3 >= 0 {
		return first3, 3
	}
	if first2 >= 0 {
		return first2, 2
	}
	return -1, 0
}

// ankiSpanAt returns the end of an Anki cloze opening at i (the line's end
// when it is not closed on the line).
func (r *reader) ankiSpanAt(i, stop int) (int, bool) {
	src := r.doc.Src
	_, after, ok := clozeOpen(src, r.prose, i)
	if !ok {
		return 0, false
	}
	for q := after; q+1 < stop; q++ {
		if src[q] == '}' && src[q+1] == '}' && r.prose[q] && r.prose[q+1] {
			return q + 2, true
		}
	}
	return stop, true
}

// longColons returns the offset of a run of four or more colons in prose.
func (r *reader) longColons(l line) int {
	src := r.doc.Src
	for i := l.start; i < l.stop; i++ {
		if src[i] != ':' || !r.prose[i] {
			continue
		}
		j := i
		for j < l.stop && src[j] == ':' && r.prose[j] {
			j++
		}
		if j-i >= 4 {
			return i
		}
		i = j - 1
	}
	return -1
}

// inline reads one "question::answer" or "question:::answer" line and
// returns the last line it took (the next one when it holds its schedule).
func (r *reader) inline(l line, at, n int) int {
	r.markup = true
	q := tidySide(strings.TrimSpace(r.cut(l.start, at)))
	a := stripBlockID(strings.TrimSpace(r.cut(at+n, l.stop)))
	mark := strings.Repeat(":", n)
	switch {
	case q == "" && a == "":
		r.warn(l.num, "%q with empty sides: write question%sanswer on one line", mark, mark)
		return l.num
	case q == "":
		r.warn(l.num, "%q with an empty question: write question%sanswer on one line", mark, mark)
		return l.num
	case a == "":
		r.warn(l.num, "%q with an empty answer: write question%sanswer on one line", mark, mark)
		return l.num
	}
	q, own := r.leadingTag(q)
	group := []cards.Card{{Kind: cards.KindBasic, Question: q, Answer: a}}
	if n == 3 {
		group = append(group, cards.Card{Kind: cards.KindReversed, Question: a, Answer: q})
	}
	r.emit(group, l.num, l.num, r.schedule(l.num, at+n), own)
	return l.num
}

// stripBlockID drops an Obsidian block identifier (" ^intro-1") that ends
// a card's text, as Obsidian SR does: it names the block for links, it is
// not part of the answer.
func stripBlockID(s string) string {
	i := strings.LastIndexByte(s, '^')
	if i < 1 || i+1 == len(s) || s[i-1] != ' ' && s[i-1] != '\t' {
		return s
	}
	for _, c := range s[i+1:] {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-') {
			return s
		}
	}
	return strings.TrimSpace(s[:i])
}

// leadingTag drops a #tag that opens a card's question, as Obsidian SR
// does ("#flashcards/geo Capital::Lima" asks "Capital"). A #flashcards
// tag there also names the card's deck, returned as own.
func (r *reader) leadingTag(q string) (rest, own string) {
	if len(q) < 2 || q[0] != '#' || q[1] == '#' || isSpace(q[1]) {
		return q, ""
	}
	j := 1
	for j < len(q) && q[j] != '#' && !isSpace(q[j]) {
		j++
	}
	rest = strings.TrimSpace(q[j:])
	if rest == "" {
		return q, ""
	}
	if deck, ok := flashcardsDeck(q[1:j]); ok {
		return rest, r.orDefault(deck)
	}
	return rest, ""
}

// emit completes a block's cards (IDs, note, tags, context, source,
// imported schedule), drops exact repeats of earlier cards and keeps the
// rest. Obsidian SR keeps every card, so only a repeat of the same kind,
// sides and number is dropped; a card whose question only normalises like
// an earlier one ("=" and "|", "vdash" and "vDash") gets a salted ID.
func (r *reader) emit(group []cards.Card, first, last int, sched []cards.Schedule, own string) {
	if r.seen == nil {
		r.seen = make(map[cards.ID]int)
	}
	var note cards.ID
	ctx := r.contextAt(first)
	for i := range group {
		c := &group[i]
		id, dup := r.freeID(c)
		if dup >= 0 {
			r.warn(first, "duplicate card (same question and answer as line %d): delete one of them", r.cards[dup].Source.Line)
			continue
		}
		c.ID = id
		r.seen[c.ID] = len(r.cards)
		if note == "" {
			note = c.ID
		}
		c.Note = note
		c.Deck = own // the rest get theirs in assignDecks
		c.Tags = r.tags[:len(r.tags):len(r.tags)]
		c.Context = ctx
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

// freeID returns a free ID for c: NewID(kind, question, ord, "") unless
// an earlier card has it, then a salted one (saltedID); dup is the index
// of an earlier identical card, or -1. A collision is remembered: once the
// note is read, saltCollisions gives every card of that question a salted
// ID, so reordering two such cards never swaps their histories.
func (r *reader) freeID(c *cards.Card) (id cards.ID, dup int) {
	plain := r.cardID(c.Kind, c.Question, c.Ord)
	id = plain
	for n := 0; ; n++ {
		j, taken := r.seen[id]
		if !taken {
			return id, -1
		}
		if o := &r.cards[j]; o.Kind == c.Kind && o.Ord == c.Ord && o.Question == c.Question && o.Answer == c.Answer {
			return "", j
		}
		if r.collided == nil {
			r.collided = map[cards.ID]bool{}
		}
		r.collided[plain] = true
		id = saltedID(c, n)
	}
}

// saltedID is the n-th ID of a card whose question normalises like
// another card's ("=" and "|", "vdash" and "vDash"): salted with its exact
// question and answer, so it stays the same while the card does.
func saltedID(c *cards.Card, n int) cards.ID {
	salt := c.Question + "\x00" + c.Answer
	if n > 0 {
		salt += "\x00" + strconv.Itoa(n)
	}
	return cards.NewID(c.Kind, c.Question, c.Ord, salt)
}

// saltCollisions gives salted IDs to every explicit card whose plain ID
// another card of the note shares, and fixes the notes (sibling groups)
// that pointed at the old IDs. The plain ID stays taken, so a generated
// card with the same question is still dropped.
func (r *reader) saltCollisions() {
	if len(r.collided) == 0 {
		return
	}
	renamed := map[cards.ID]cards.ID{}
	seen := make(map[cards.ID]int, len(r.cards))
	for i := range r.cards {
		c := &r.cards[i]
		plain := r.cardID(c.Kind, c.Question, c.Ord)
		id := plain
		if r.collided[plain] {
			for n := 0; ; n++ {
				id = saltedID(c, n)
				if _, taken := seen[id]; !taken && !r.collided[id] {
					break
				}
			}
			if _, ok := seen[plain]; !ok {
				seen[plain] = i
			}
		}
		renamed[c.ID] = id
		c.ID = id
		seen[id] = i
	}
	for i := range r.cards {
		if id, ok := renamed[r.cards[i].Note]; ok {
			r.cards[i].Note = id
		}
	}
	r.seen = seen
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

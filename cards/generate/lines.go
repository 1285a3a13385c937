package generate

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// span is a byte range [start, end) of a string.
type span struct{ start, end int }

// link is a Markdown link or image, an <autolink>, or a bare URL in a line.
type link struct {
	span
	text  string // link text; empty for bare URLs and autolinks
	url   string
	image bool
	bare  bool // a bare URL or <autolink>: the URL is its own text
}

// line is one line (or one list item's text) of raw Markdown with the
// regions where separators must not be looked for: code spans, links,
// images, autolinks and bare URLs.
type line struct {
	s     string
	prot  []span
	links []link
	codes []span
}

// scanLine finds the protected regions of raw Markdown text s.
func scanLine(s string) line {
	ln := line{s: s}
	if !mayHaveMarkup(s) {
		return ln
	}
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '\\':
			i += 2
			continue
		case c == '`':
			n := runOf(s, i, '`')
			if j := closingTicks(s, i+n, n); j >= 0 {
				sp := span{i, j + n}
				ln.prot = append(ln.prot, sp)
				ln.codes = append(ln.codes, sp)
				i = j + n
				continue
			}
			i += n
			continue
		case c == '!' && i+1 < len(s) && s[i+1] == '[':
			if l, ok := parseLink(s, i+1); ok {
				l.start, l.image = i, true
				ln.prot = append(ln.prot, l.span)
				ln.links = append(ln.links, l)
				i = l.end
				continue
			}
		case c == '[':
			if l, ok := parseLink(s, i); ok {
				ln.prot = append(ln.prot, l.span)
				ln.links = append(ln.links, l)
				i = l.end
				continue
			}
			if j := matchClose(s, i, '[', ']'); j > 0 {
				ln.prot = append(ln.prot, span{i, j + 1})
				i = j + 1
				continue
			}
		case c == '<':
			if j := strings.IndexByte(s[i:], '>'); j > 1 && hasURLPrefix(s[i+1:]) && !strings.ContainsAny(s[i+1:i+j], " \t") {
				l := link{span: span{i, i + j + 1}, url: s[i+1 : i+j], bare: true}
				ln.prot = append(ln.prot, l.span)
				ln.links = append(ln.links, l)
				i += j + 1
				continue
			}
		case (i == 0 || !isWordByte(s[i-1])) && hasURLPrefix(s[i:]):
			j := i
			for j < len(s) && s[j] != ' ' && s[j] != '\t' {
				j++
			}
			j = trimURLEnd(s, i, j)
			l := link{span: span{i, j}, url: s[i:j], bare: true}
			ln.prot = append(ln.prot, l.span)
			ln.links = append(ln.links, l)
			i = j
			continue
		}
		i++
	}
	return ln
}

// mayHaveMarkup is a fast check that s has no code span, link, image,
// autolink, escape or URL, so scanLine has nothing to find. scanLine runs
// on most lines several times, so this looks for each byte that starts
// markup with strings.IndexByte (vectorised) rather than byte by byte.
func mayHaveMarkup(s string) bool {
	if strings.IndexByte(s, '`') >= 0 || strings.IndexByte(s, '[') >= 0 || strings.IndexByte(s, '<') >= 0 ||
		strings.IndexByte(s, '\\') >= 0 || strings.Contains(s, "://") {
		return true
	}
	// "www." in any case: look behind each full stop.
	for p := 3; p < len(s); p++ {
		j := strings.IndexByte(s[p:], '.')
		if j < 0 {
			return false
		}
		p += j
		if s[p-3]|0x20 == 'w' && s[p-2]|0x20 == 'w' && s[p-1]|0x20 == 'w' {
			return true
		}
	}
	return false
}

// runOf is the length of the run of byte c starting at i.
func runOf(s string, i int, c byte) int {
	n := 0
	for i+n < len(s) && s[i+n] == c {
		n++
	}
	return n
}

// closingTicks finds a run of exactly n backticks at or after from.
func closingTicks(s string, from, n int) int {
	for j := from; j < len(s); {
		if s[j] != '`' {
			j++
			continue
		}
		m := runOf(s, j, '`')
		if m == n {
			return j
		}
		j += m
	}
	return -1
}

// matchClose returns the index of the bracket closing the one at s[i], or -1.
func matchClose(s string, i int, open, close byte) int {
	depth := 0
	for j := i; j < len(s); j++ {
		switch s[j] {
		case '\\':
			j++
		case open:
			depth++
		case close:
			depth--
			if depth == 0 {
				return j
			}
		}
	}
	return -1
}

// parseLink reads "[text](dest)" or "[text][ref]" starting at s[i] == '['.
func parseLink(s string, i int) (link, bool) {
	j := matchClose(s, i, '[', ']')
	if j < 0 || j+1 >= len(s) {
		return link{}, false
	}
	switch s[j+1] {
	case '(':
		k := matchClose(s, j+1, '(', ')')
		if k < 0 {
			return link{}, false
		}
		dest := strings.TrimSpace(s[j+2 : k])
		dest = strings.TrimPrefix(dest, "<")
		for f := range strings.FieldsSeq(dest) {
			dest = strings.TrimSuffix(f, ">")
			break
		}
		return link{span: span{i, k + 1}, text: s[i+1 : j], url: dest}, true
	case '[':
		k := matchClose(s, j+1, '[', ']')
		if k < 0 {
			return link{}, false
		}
		return link{span: span{i, k + 1}, text: s[i+1 : j]}, true
	}
	return link{}, false
}

// hasURLPrefix reports whether s starts with a URL scheme or "www.".
func hasURLPrefix(s string) bool {
	if len(s) == 0 {
		return false
	}
	// scanLine asks at every word start: most words start with none of
	// the prefixes' first letters.
	if c := s[0] | 0x20; c != 'h' && c != 'f' && c != 'w' {
		return false
	}
	for _, p := range [...]string{"https://", "http://", "ftp://", "www."} {
		if len(s) >= len(p) && strings.EqualFold(s[:len(p)], p) {
			return len(s) > len(p)
		}
	}
	return false
}

// trimURLEnd drops trailing punctuation that ends a sentence rather than
// the URL; a closing parenthesis stays when the URL opened one.
func trimURLEnd(s string, start, end int) int {
	for end > start {
		c := s[end-1]
		if strings.IndexByte(".,;:!?'\"*_", c) >= 0 {
			end--
			continue
		}
		if c == ')' && !strings.Contains(s[start:end-1], "(") {
			end--
			continue
		}
		break
	}
	return end
}

func isWordByte(c byte) bool {
	return c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// inProt reports whether byte i lies in a protected region.
func (ln *line) inProt(i int) bool {
	for _, p := range ln.prot {
		if i >= p.start && i < p.end {
			return true
		}
	}
	return false
}

// index returns the first occurrence of sub at or after from that does not
// overlap a protected region, or -1.
func (ln *line) index(sub string, from int) int {
	for from <= len(ln.s)-len(sub) {
		j := strings.Index(ln.s[from:], sub)
		if j < 0 {
			return -1
		}
		j += from
		clear := true
		for _, p := range ln.prot {
			if j < p.end && j+len(sub) > p.start {
				clear = false
				break
			}
		}
		if clear {
			return j
		}
		from = j + 1
	}
	return -1
}

// lastIndex is index from the right.
func (ln *line) lastIndex(sub string) int {
	last := -1
	for i := ln.index(sub, 0); i >= 0; i = ln.index(sub, i+1) {
		last = i
	}
	return last
}

// bareText is the line with links, images and URLs removed (code kept).
func (ln *line) bareText() string {
	if len(ln.links) == 0 {
		return ln.s
	}
	var b strings.Builder
	prev := 0
	for _, l := range ln.links {
		if l.start < prev {
			continue
		}
		b.WriteString(ln.s[prev:l.start])
		b.WriteByte(' ')
		prev = l.end
	}
	b.WriteString(ln.s[prev:])
	return b.String()
}

// proseWords counts the words of the line outside links, URLs and code.
func (ln *line) proseWords() int {
	n := 0
	inWord, hasAlnum := false, false
	flush := func() {
		if inWord && hasAlnum {
			n++
		}
		inWord, hasAlnum = false, false
	}
	for i := 0; i < len(ln.s); {
		if ln.inProt(i) {
			flush()
			i++
			continue
		}
		r, size := rune(ln.s[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(ln.s[i:])
		}
		switch {
		case r < utf8.RuneSelf && asciiClass[r] == classSpace, r >= utf8.RuneSelf && unicode.IsSpace(r):
			flush()
		case r == '#' && !inWord:
			// a #tag is not a word of prose: skip to its end
			j := i
			for j < len(ln.s) && ln.s[j] != ' ' && ln.s[j] != '\t' {
				j++
			}
			i = j
			continue
		default:
			inWord = true
			if r < utf8.RuneSelf && asciiClass[r] == classAlnum || r >= utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
				hasAlnum = true
			}
		}
		i += size
	}
	flush()
	return n
}

// hasTracking reports whether any link in the line goes through a
// redirect or click-tracking service.
func (ln *line) hasTracking() bool {
	for _, l := range ln.links {
		if isTracking(l.url) {
			return true
		}
	}
	return false
}

// hasTruncated reports whether a link's text was cut off ("Title ...").
func (ln *line) hasTruncated() bool {
	for _, l := range ln.links {
		if isTruncated(l.text) {
			return true
		}
	}
	return false
}

// trackerHosts start the host of redirect and click-tracking services;
// trackerParts appear anywhere in such URLs.
var (
	trackerHosts = [...]string{"t.co/", "lnkd.in/", "l.facebook.com/", "lm.facebook.com/", "out.reddit.com/", "click.", "trk.", "href.li/"}
	trackerParts = [...]string{
		"youtube.com/redirect", "google.com/url?", "safelinks.protection.outlook.com", "urldefense.",
		"/redirect?", "/redir?", "?redirect=", "&redirect=", "?url=http", "&url=http",
	}
)

// isTracking reports whether url goes through a redirect or tracker.
func isTracking(url string) bool {
	u := strings.ToLower(url)
	if i := strings.Index(u, "://"); i >= 0 {
		u = u[i+3:]
	}
	u = strings.TrimPrefix(u, "www.")
	for _, h := range trackerHosts {
		if strings.HasPrefix(u, h) {
			return true
		}
	}
	for _, p := range trackerParts {
		if strings.Contains(u, p) {
			return true
		}
	}
	return false
}

// isTruncated reports whether s visibly ends cut off.
func isTruncated(s string) bool {
	s = strings.TrimSpace(s)
	return strings.HasSuffix(s, "...") || strings.HasSuffix(s, "…")
}

// isOnlyURL reports whether s is nothing but a URL, autolink or link whose
// text is itself a URL or empty.
func isOnlyURL(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" {
		return false
	}
	ln := scanLine(s)
	if len(ln.links) != 1 || ln.links[0].start != 0 || ln.links[0].end != len(s) {
		return false
	}
	l := ln.links[0]
	return l.bare || l.url != "" && !l.image
}

// singleURL returns the URL when s is exactly one bare URL, autolink or
// link (not an image).
func singleURL(s string) (url, text string, ok bool) {
	s = strings.TrimSpace(s)
	ln := scanLine(s)
	if len(ln.links) != 1 || ln.links[0].start != 0 || ln.links[0].end != len(s) || ln.links[0].image {
		return "", "", false
	}
	l := ln.links[0]
	if l.url == "" {
		return "", "", false
	}
	return l.url, l.text, true
}

// hasExplicitMarkup reports whether a line carries explicit card markup
// (":: ", "==highlight==", "{{c1::"): such lines belong to the reader.
func (ln *line) hasExplicitMarkup() bool {
	if strings.IndexByte(ln.s, ':') < 0 && strings.IndexByte(ln.s, '=') < 0 && strings.IndexByte(ln.s, '{') < 0 {
		return false // none of the markers below (a fast path: it runs on every line)
	}
	if ln.index("::", 0) >= 0 {
		return true
	}
	if i := ln.index("==", 0); i >= 0 && ln.index("==", i+2) > i+2 {
		return true
	}
	if i := ln.index("{{c", 0); i >= 0 && i+3 < len(ln.s) && ln.s[i+3] >= '0' && ln.s[i+3] <= '9' {
		return true
	}
	return false
}

// sep is a definition separator found in a line.
type sep struct {
	at, width int  // the separator is s[at : at+width]
	dash      bool // a spaced hyphen, " - "
}

// findSep returns the first separator of a definition line outside
// protected regions: ":" followed by a space or the end (so "0:00" and
// "https:" never count), or a spaced em dash, en dash or "--"; failing
// those, the first spaced hyphen " - ".
func (ln *line) findSep() (sep, bool) {
	if sp, ok := ln.findStrongSep(); ok {
		return sp, true
	}
	if i := ln.index(" - ", 0); i > 0 {
		return sep{at: i, width: 3, dash: true}, true
	}
	return sep{}, false
}

func (ln *line) findStrongSep() (sep, bool) {
	s := ln.s
	if strings.IndexByte(s, ':') < 0 && strings.IndexByte(s, 0xE2) < 0 && !strings.Contains(s, "--") {
		return sep{}, false // no colon, no dash (the em and en dash start with 0xE2): a fast path
	}
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case ':':
			if i+1 < len(s) && s[i+1] != ' ' && s[i+1] != '\t' {
				continue
			}
			if i > 0 && s[i-1] == ':' || ln.inProt(i) {
				continue
			}
			return sep{at: i, width: 1}, true
		case ' ':
			w := 0
			switch {
			case strings.HasPrefix(s[i+1:], "— "), strings.HasPrefix(s[i+1:], "– "):
				w = 5 // space, three-byte dash, space
			case strings.HasPrefix(s[i+1:], "-- "):
				w = 4
			}
			if w > 0 && !ln.inProt(i+1) {
				return sep{at: i, width: w}, true
			}
		}
	}
	return sep{}, false
}

// stripEmphasis drops "**", "__" and "*" markers outside code spans, and
// "_" at the edges of words.
func stripEmphasis(s string) string {
	if strings.IndexByte(s, '*') < 0 && strings.IndexByte(s, '_') < 0 {
		return s
	}
	ln := scanLine(s)
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if (c == '*' || c == '_') && !inSpans(ln.codes, i) {
			if c == '*' {
				continue
			}
			edge := i == 0 || i == len(s)-1 || !isWordByte(s[i-1]) || !isWordByte(s[i+1])
			if edge {
				continue
			}
		}
		b.WriteByte(c)
	}
	return strings.TrimSpace(b.String())
}

func inSpans(sp []span, i int) bool {
	for _, p := range sp {
		if i >= p.start && i < p.end {
			return true
		}
	}
	return false
}

// wordCounter counts whitespace-separated tokens that hold a letter or
// digit, fed one character at a time.
type wordCounter struct {
	n             int
	inWord, alnum bool
}

func (w *wordCounter) space() {
	if w.inWord && w.alnum {
		w.n++
	}
	w.inWord, w.alnum = false, false
}

func (w *wordCounter) char(alnum bool) {
	w.inWord = true
	w.alnum = w.alnum || alnum
}

func (w *wordCounter) rune(r rune) {
	if unicode.IsSpace(r) {
		w.space()
	} else {
		w.char(unicode.IsLetter(r) || unicode.IsDigit(r))
	}
}

func (w *wordCounter) total() int {
	w.space()
	return w.n
}

// countWords counts whitespace-separated tokens that hold a letter or digit;
// a code span counts as one word.
func countWords(s string) int {
	if !strings.Contains(s, "`") {
		return countFields(s)
	}
	ln := scanLine(s)
	var w wordCounter
	for i := 0; i < len(s); {
		if sp, ok := codeAt(ln.codes, i); ok {
			w.char(true)
			i = sp.end
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		w.rune(r)
		i += size
	}
	return w.total()
}

// countFields counts whitespace-separated tokens holding a letter or digit.
// Most rules count words, most text is ASCII: its bytes are classed by a
// table, the counter's state kept in locals.
func countFields(s string) int {
	n := 0
	inWord, alnum := false, false
	for i := 0; i < len(s); {
		switch asciiClass[s[i]] {
		case classSpace:
			if inWord && alnum {
				n++
			}
			inWord, alnum = false, false
			i++
		case classAlnum:
			inWord, alnum = true, true
			i++
		case classOther:
			inWord = true
			i++
		default: // not ASCII
			r, size := utf8.DecodeRuneInString(s[i:])
			if unicode.IsSpace(r) {
				if inWord && alnum {
					n++
				}
				inWord, alnum = false, false
			} else {
				inWord = true
				alnum = alnum || unicode.IsLetter(r) || unicode.IsDigit(r)
			}
			i += size
		}
	}
	if inWord && alnum {
		n++
	}
	return n
}

// The classes of asciiClass.
const (
	classNonASCII = iota
	classSpace
	classAlnum
	classOther
)

// asciiClass classes each ASCII byte for countFields as a space (as
// unicode.IsSpace), a letter or digit, or another character.
var asciiClass = func() (t [256]uint8) {
	for c := 0; c < utf8.RuneSelf; c++ {
		switch {
		case c == ' ', c == '\t', c == '\n', c == '\r', c == '\v', c == '\f':
			t[c] = classSpace
		case isWordByte(byte(c)) && c != '_':
			t[c] = classAlnum
		default:
			t[c] = classOther
		}
	}
	return t
}()

func codeAt(codes []span, i int) (span, bool) {
	for _, c := range codes {
		if c.start == i {
			return c, true
		}
	}
	return span{}, false
}

// firstWord returns the lower-cased first word of s (letters, digits,
// apostrophes and hyphens).
func firstWord(s string) string {
	s = strings.TrimLeft(s, " \t*_\"'“‘(¿¡")
	end := 0
	for end < len(s) {
		r, size := utf8.DecodeRuneInString(s[end:])
		if !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '\'' || r == '-' || r == '’') {
			break
		}
		end += size
	}
	return strings.ToLower(s[:end])
}

// lowerBytes appends strings.ToLower(s) to dst. For a map lookup
// (m[string(b)] does not allocate) with an array on the caller's stack as
// dst, lower-casing an ASCII word allocates nothing.
func lowerBytes(dst []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return append(dst, strings.ToLower(s)...)
		}
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		dst = append(dst, c)
	}
	return dst
}

// fieldsInto appends the fields of s, as strings.Fields splits it, to
// dst. The rules split short text into words all the time: given an array
// on the caller's stack (var buf [32]string; fieldsInto(buf[:0], s)), it
// allocates nothing.
func fieldsInto(dst []string, s string) []string {
	for w := range strings.FieldsSeq(s) {
		dst = append(dst, w)
	}
	return dst
}

// lastWord returns the lower-cased last word of s.
func lastWord(s string) string {
	last, any := "", false
	for w := range strings.FieldsSeq(s) {
		last, any = w, true
	}
	if !any {
		return ""
	}
	return strings.ToLower(strings.Trim(last, ".,;:!?*_\"'()"))
}

// capFirst upper-cases the first letter of s.
func capFirst(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError || !unicode.IsLower(r) {
		return s
	}
	return string(unicode.ToUpper(r)) + s[size:]
}

// lowerFirst lower-cases the first letter of s, whatever its width in bytes.
func lowerFirst(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError {
		return s
	}
	return string(unicode.ToLower(r)) + s[size:]
}

// lowerTitleWord lower-cases the first word of s when it is written in
// title case ("Process states" → "process states", "Self-play" →
// "self-play"); acronyms, camelCase ("AlphaGo") and code stay as they are.
func lowerTitleWord(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	if !unicode.IsUpper(r) {
		return s
	}
	word := s
	if i := strings.IndexAny(s, " \t"); i >= 0 {
		word = s[:i]
	}
	for _, r2 := range word[size:] {
		if unicode.IsUpper(r2) || unicode.IsDigit(r2) {
			return s
		}
	}
	return string(unicode.ToLower(r)) + s[size:]
}

// endSentence adds a full stop unless s already ends with punctuation.
func endSentence(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return s
	}
	switch s[len(s)-1] {
	case '.', '!', '?', '`':
		return s
	}
	return s + "."
}

// hasLetter reports whether s contains a letter.
func hasLetter(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

// isTimestamp reports whether s starts like "0:00" or "1:02:03".
func isTimestamp(s string) bool {
	s = strings.TrimSpace(s)
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return i > 0 && i <= 2 && i+2 < len(s) && s[i] == ':' && s[i+1] >= '0' && s[i+1] <= '9' && s[i+2] >= '0' && s[i+2] <= '9'
}

// stripEnumeration drops an outline prefix such as "d. ", "1. ", "2) ",
// "iv. ".
func stripEnumeration(s string) string {
	s = strings.TrimSpace(s)
	i := 0
	for i < len(s) && i < 5 && (s[i] >= '0' && s[i] <= '9' || s[i] >= 'a' && s[i] <= 'z' || s[i] >= 'A' && s[i] <= 'Z') {
		i++
	}
	if i == 0 || i+1 >= len(s) || (s[i] != '.' && s[i] != ')') || s[i+1] != ' ' {
		return s
	}
	p := s[:i]
	digits := strings.Trim(p, "0123456789") == ""
	roman := strings.Trim(strings.ToLower(p), "ivxlc") == ""
	if !(digits || len(p) == 1 || roman) {
		return s
	}
	return strings.TrimSpace(s[i+1:])
}

package generate

import (
	"strings"
	"unicode"

	"github.com/yuin/goldmark/ast"
)

// Dated events are asked as questions, not only hidden in clozes: "When
// did Copernicus publish the heliocentric model?" -> "1543". Two shapes:
//
//   - a timeline item that starts with its date ("1543 Copernicus
//     publishes the heliocentric model", "1816: independencia de
//     Argentina"), and
//   - an English clause that ends in "in/on DATE" or starts with it ("the
//     king was executed in January 1793", "On 14 July 1789 a crowd
//     stormed the Bastille").
//
// The question keeps the clause's own words; only the verb is put in the
// form "When did ... <verb>?" needs.

// datedItem makes the card of a timeline item: a list item or outline
// line that starts with a year or a date, then the event. It reports
// whether it made a card.
func (g *gen) datedItem(text string, first, last int, n ast.Node) bool {
	if text == "" || !startsWithDigit(text) && !months[strings.ToLower(firstWord(text))] {
		return false
	}
	date, event, ok := leadingDate(stripEmphasis(text))
	if !ok {
		// "5-6 July: Germany gives ..." under "July Crisis 1914": the
		// heading gives the year.
		if date, event, ok = leadingDayMonth(stripEmphasis(text)); !ok {
			return false
		}
		year := headingYear(g.context(n))
		if year == "" {
			return false
		}
		date += " " + year
	}
	if strings.Contains(event, "->") || strings.Contains(event, "→") || strings.Contains(event, "=") {
		return false // a cause and its effect: the relation rules' shape
	}
	event, aside := splitAside(event)
	answer := date
	if aside != "" {
		answer += " (" + aside + ")"
	}
	switch g.lang {
	case langEnglish:
		if q, ok := g.whenClause(event); ok {
			g.add(OriginDate, q, answer, first, last, n, 0.75)
			return true
		}
	case langSpanish:
		if np, ok := eventNounES(event); ok {
			g.add(OriginDate, "¿Cuándo "+np+"?", answer, first, last, n, 0.72)
			return true
		}
	}
	return false
}

// leadingDate splits "1543 Copernicus ...", "1609–1619: Kepler ...",
// "14 July 1789 - storming of the Bastille" into the date and the rest.
func leadingDate(s string) (date, rest string, ok bool) {
	words := strings.Fields(s)
	end := 0
	switch {
	case len(words) > 2 && dayNumber(words[0]) && months[strings.ToLower(words[1])] && yearNumber(strings.TrimRight(words[2], ":")):
		end = 3
	case len(words) > 1 && months[strings.ToLower(words[0])] && yearNumber(strings.TrimRight(words[1], ":")):
		end = 2
	case len(words) > 0 && yearSpan(strings.TrimRight(words[0], ":")):
		end = 1
	default:
		return "", "", false
	}
	return splitTimeline(words, end)
}

// splitTimeline splits a timeline item's words after its date (the first
// end words) into the date and the event, which must be 2 to 16 words.
func splitTimeline(words []string, end int) (date, rest string, ok bool) {
	date = strings.TrimRight(strings.Join(words[:end], " "), ":,")
	rest = strings.Join(words[end:], " ")
	for _, sep := range [...]string{"- ", "– ", "— ", ": "} {
		rest = strings.TrimPrefix(rest, sep)
	}
	rest = strings.TrimRight(strings.TrimSpace(rest), ".")
	if countWords(rest) < 2 || countWords(rest) > 16 || strings.HasSuffix(rest, "?") {
		return "", "", false
	}
	return date, rest, true
}

// leadingDayMonth splits "5-6 July: Germany gives ..." or "28 June -
// Franz Ferdinand shot" (a day or a span of days, then a month, no year)
// into the date and the rest.
func leadingDayMonth(s string) (date, rest string, ok bool) {
	words := strings.Fields(s)
	if len(words) < 3 || !dayOrDays(words[0]) || !months[strings.ToLower(strings.TrimRight(words[1], ":,"))] {
		return "", "", false
	}
	return splitTimeline(words, 2)
}

// dayMonth reports a date written as days and a month, in either order
// ("5-6 July", "28 June", "July 28").
func dayMonth(s string) bool {
	w := strings.Fields(strings.TrimSpace(stripEmphasis(s)))
	if len(w) != 2 {
		return false
	}
	return dayOrDays(w[0]) && months[strings.ToLower(w[1])] || months[strings.ToLower(w[0])] && dayOrDays(w[1])
}

// dayOrDays is a day of the month or a span of days ("5-6", "5–6").
func dayOrDays(w string) bool {
	from, to, span := strings.Cut(w, "-")
	if !span {
		from, to, span = strings.Cut(w, "–")
	}
	return dayNumber(from) && (!span || dayNumber(to))
}

// headingYear is the one year the heading path names ("July Crisis
// 1914"), nearest heading first; "" when it names none or several.
func headingYear(headings []string) string {
	for i := len(headings) - 1; i >= 0; i-- {
		var years []string
		for _, w := range strings.Fields(headings[i]) {
			if w = strings.Trim(w, "():,."); fourDigitYear(w) {
				years = append(years, w)
			}
		}
		switch len(years) {
		case 0:
			continue
		case 1:
			return years[0]
		}
		return ""
	}
	return ""
}

// yearSpan is a year from 1000 to 2099, or a span of two ("1609–1619",
// "1793-94").
func yearSpan(w string) bool {
	from, to, span := strings.Cut(w, "–")
	if !span {
		from, to, span = strings.Cut(w, "-")
	}
	if !fourDigitYear(from) {
		return false
	}
	if !span {
		return true
	}
	return fourDigitYear(to) || len(to) == 2 && allDigits(to)
}

func fourDigitYear(w string) bool {
	return len(w) == 4 && allDigits(w) && (w[0] == '1' || w[0] == '2' && w[1] == '0')
}

func allDigits(w string) bool {
	for _, r := range w {
		if r < '0' || r > '9' {
			return false
		}
	}
	return w != ""
}

// splitAside takes a trailing parenthesis off an event: it goes to the
// answer ("independencia de Argentina (Congreso de Tucumán)").
func splitAside(s string) (event, aside string) {
	if !strings.HasSuffix(s, ")") {
		return s, ""
	}
	open := strings.LastIndex(s, "(")
	if open <= 0 {
		return s, ""
	}
	return strings.TrimSpace(s[:open]), strings.TrimSpace(s[open+1 : len(s)-1])
}

// eventNounES is "fue la invasión de España por Napoleón" for a Spanish
// event named by a noun phrase: its head is an event noun (or has the
// ending of one), so the item is an event, not a comment.
func eventNounES(event string) (string, bool) {
	words := strings.Fields(event)
	head := strings.ToLower(words[0])
	det := ""
	switch head {
	case "el", "la", "los", "las":
		det, words = head, words[1:]
		head = strings.ToLower(words[0])
	}
	adj := ""
	if len(words) > 1 && (head == "primera" || head == "primeras" || head == "primer" || head == "primeros" || head == "segunda" || head == "último" || head == "última") {
		adj, head = head, strings.ToLower(words[1])
	}
	if !eventNounsES[strings.TrimSuffix(head, "s")] && !eventSuffixES(head) {
		return "", false
	}
	plural := strings.HasSuffix(head, "s") && !strings.HasSuffix(head, "és")
	if det == "" {
		fem := strings.HasSuffix(head, "a") || strings.HasSuffix(head, "as") || strings.HasSuffix(head, "ión") ||
			strings.HasSuffix(head, "iones") || strings.HasSuffix(head, "dad") || strings.HasSuffix(head, "dades")
		if adj != "" {
			fem = strings.HasSuffix(adj, "a") || strings.HasSuffix(adj, "as")
		}
		switch {
		case fem && plural:
			det = "las"
		case fem:
			det = "la"
		case plural:
			det = "los"
		default:
			det = "el"
		}
	}
	verb := "fue"
	if plural {
		verb = "fueron"
	}
	return verb + " " + det + " " + lowerTitleWord(strings.Join(words, " ")), true
}

// eventNounsES name events (singular forms).
var eventNounsES = setOf("batalla", "guerra", "cruce", "fin", "inicio", "muerte", "nacimiento", "caída",
	"llegada", "tratado", "golpe", "firma", "conquista", "junta", "paz", "descubrimiento", "fundación",
	"independencia", "invasión", "revolución", "coronación", "elección", "abdicación", "expulsión",
	"batallas", "huelga", "matanza", "asesinato", "toma", "derrota", "victoria", "sitio", "congreso")

// eventSuffixES end Spanish nouns of actions and events.
func eventSuffixES(w string) bool {
	for _, s := range [...]string{"ción", "sión", "miento", "encia", "ancia"} {
		if strings.HasSuffix(w, s) && len(w) > len(s)+2 {
			return true
		}
	}
	return false
}

// whenClause makes "When did/was ...?" from an English clause that states
// an event: a subject, then its verb. The tagger reads the verb.
func (g *gen) whenClause(clause string) (string, bool) {
	clause = strings.TrimSpace(strings.TrimRight(clause, ".,;:"))
	if countWords(clause) < 2 || countWords(clause) > 16 || strings.ContainsAny(clause, "()[]\"?;") {
		return "", false
	}
	if w := strings.ToLower(firstWord(clause)); subjectStop[w] || pronouns[w] {
		return "", false // "It was fitted in 1950": whose fitting the question cannot say
	}
	nl, err := nlp()
	if err != nil {
		return "", false
	}
	raw := nl.tok.Tokenize(clause)
	nl.tagger.TagTokens(raw)
	t := make([]tok, len(raw))
	for i, r := range raw {
		t[i] = tok{text: r.Text, low: strings.ToLower(r.Text), tag: r.Tag, start: r.Start, end: r.End()}
	}
	v := firstVerb(t)
	if v < 0 {
		v = verbAfterName(t)
	}
	if v < 1 || v > 6 || !simpleSubject(t[:v]) {
		return "", false
	}
	subj := clause[:t[v].start]
	subj = strings.TrimSpace(subj)
	if w := strings.ToLower(firstWord(subj)); w == "the" || w == "a" || w == "an" {
		subj = lowerTitleWord(subj)
	}
	subj = definiteName(subj)
	rest := strings.TrimSpace(clause[t[v].end:])
	switch {
	case (t[v].low == "was" || t[v].low == "were") && v+1 < len(t) && t[v+1].tag == "VBN":
		return "When " + t[v].low + " " + subj + " " + rest + "?", true
	case (t[v].low == "is" || t[v].low == "are") && v+1 < len(t) && t[v+1].tag == "VBN":
		be := "was"
		if t[v].low == "are" {
			be = "were"
		}
		return "When " + be + " " + subj + " " + rest + "?", true
	case beVerbs[t[v].low] || t[v].low == "has" || t[v].low == "had" || t[v].low == "have":
		return "", false // a state, or a tense the question cannot keep
	}
	if rest == "" && strings.HasSuffix(t[v].low, "ed") && !intransitives[t[v].low] {
		// "1955 Warsaw Pact formed": a participle with no object is passive.
		return "When was " + subj + " " + t[v].low + "?", true
	}
	base, ok := baseVerb(t[v].low, t[v].tag)
	if !ok {
		return "", false
	}
	q := "When did " + subj + " " + base
	if rest != "" {
		q += " " + rest
	}
	return q + "?", true
}

// intransitives in the past take no object and are not passives: "Kennedy
// died", "the war ended".
var intransitives = setOf("died", "ended", "started", "happened", "occurred", "arrived", "returned",
	"collapsed", "resigned", "retired", "abdicated", "surrendered", "landed", "erupted", "emigrated")

var beVerbs = setOf("is", "are", "was", "were", "be", "been", "being", "am")

// firstVerb is the index of the clause's first finite verb, or -1.
func firstVerb(t []tok) int {
	for i, x := range t {
		switch x.tag {
		case "VBD", "VBZ", "VBP":
			return i
		case "VBN":
			if i > 0 && (strings.HasPrefix(t[i-1].tag, "NN") || t[i-1].tag == "CD") {
				return i // "Apollo 11 landed": a past tense the tagger read as a participle
			}
			return -1
		case "MD", "VB", "VBG", "IN", "WDT", "WP", ",":
			return -1
		}
	}
	return -1
}

// verbAfterName finds the verb the tagger misses after a name ("Clyde
// Tombaugh discovers Pluto" reads "discovers" as a plural noun): the first
// lower-case word after a run of capitalised words and numbers, when it
// has a verb ending. It marks the token as a verb and returns its index,
// or -1.
func verbAfterName(t []tok) int {
	for i, x := range t {
		if capitalised(x.text) || x.tag == "CD" {
			continue
		}
		if i == 0 || strings.ToLower(x.text) != x.text || len(x.low) < 4 || !hasLetter(t[i-1].text) {
			return -1 // "Kepler's": a possessive, not a verb
		}
		switch {
		case strings.HasSuffix(x.low, "ed"):
			t[i].tag = "VBD"
		case strings.HasSuffix(x.low, "s") && !strings.HasSuffix(x.low, "ss"):
			t[i].tag = "VBZ"
		default:
			return -1
		}
		return i
	}
	return -1
}

// simpleSubject reports a subject the question can carry as it is: a noun
// phrase with a noun, not a pronoun ("it", "they" would leave the question
// unresolved).
func simpleSubject(t []tok) bool {
	noun := false
	for _, x := range t {
		switch {
		case strings.HasPrefix(x.tag, "NN") || capitalised(x.text):
			noun = true
		case x.low == "of" && noun: // "the deputies of the Third Estate"
		case x.tag == "DT" || x.tag == "JJ" || x.tag == "POS" || x.tag == "CD" || x.tag == "HYPH" || x.tag == "NNP":
		case x.text == "-" || x.text == "’s" || x.text == "'s":
		default:
			return false
		}
	}
	return noun && !subjectStop[t[0].low]
}

// baseVerb is the bare form of a past or third-person verb: "published"
// -> "publish", "discovers" -> "discover", "became" -> "become".
func baseVerb(w, tag string) (string, bool) {
	if b, ok := irregularPast[w]; ok {
		return b, true
	}
	switch {
	case tag == "VBZ" || tag == "VBP" && strings.HasSuffix(w, "s"):
		switch {
		case strings.HasSuffix(w, "ies") && len(w) > 4:
			return w[:len(w)-3] + "y", true
		case strings.HasSuffix(w, "sses") || strings.HasSuffix(w, "shes") || strings.HasSuffix(w, "ches") ||
			strings.HasSuffix(w, "xes") || strings.HasSuffix(w, "zes") || strings.HasSuffix(w, "oes"):
			return w[:len(w)-2], true
		case strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss"):
			return w[:len(w)-1], true
		}
		return "", false
	case tag == "VBP":
		return w, true
	case (tag == "VBD" || tag == "VBN") && strings.HasSuffix(w, "ed") && len(w) > 3:
		return regularBase(w[:len(w)-2]), true
	}
	return "", false
}

// regularBase restores the bare form of a regular verb from its past stem
// ("publish", "stopp", "declar", "occupi").
func regularBase(s string) string {
	n := len(s)
	switch {
	case strings.HasSuffix(s, "i"):
		if n <= 2 {
			return s + "e" // "died", "tied"
		}
		return s[:n-1] + "y" // "occupied"
	case n >= 3 && s[n-1] == s[n-2] && !strings.ContainsRune("lsfz", rune(s[n-1])) && isConsonant(s[n-1]):
		return s[:n-1] // "stopped", "planned"
	}
	if needsE(s) {
		return s + "e"
	}
	return s
}

// needsE reports a past stem whose bare form ends in a silent e:
// "declar(e)", "propos(e)", "seiz(e)", "creat(e)", "invad(e)".
func needsE(s string) bool {
	n := len(s)
	if n < 2 {
		return false
	}
	last, prev := s[n-1], s[n-2]
	switch last {
	case 'v', 'z', 'c':
		return true // "solv", "seiz", "introduc"
	case 'g':
		return prev == 'n' && n >= 3 && s[n-3] == 'a' || prev == 'r' || prev == 'd' // "chang", "merg", "judg"
	case 'l':
		return strings.ContainsRune("bptdgk", rune(prev)) // "enabl", "settl"
	}
	if !isConsonant(last) || isConsonant(prev) {
		return false
	}
	// consonant, single vowel, consonant: "declar", "propos", "execut", "rul"
	if n >= 3 && !isConsonant(s[n-3]) {
		// "treat", "repeat", "contain": a vowel pair keeps no e, but
		// before an s it does ("rais", "caus", "releas").
		return s == "creat" || last == 's'
	}
	switch last {
	case 'r':
		return prev != 'e' // "declar", "requir", "captur"; not "discover"
	case 's':
		return true // "propos", "us", "caus"
	case 't':
		return prev == 'a' || prev == 'u' || s == "unit" // "locat", "execut"; not "visit"
	case 'd':
		return prev == 'a' || prev == 'i' || prev == 'u' // "invad", "decid", "includ"
	case 'm':
		return prev == 'a' || prev == 'u' // "nam", "assum"
	case 'n':
		return prev == 'i' && n > 4 // "defin", "combin"; not "join"
	case 'b':
		return prev == 'i' || prev == 'u' // "describ"
	case 'p':
		return prev == 'a' || prev == 'o' // "shap", "escap"
	case 'k':
		return prev == 'a' || prev == 'o' // "mak", "invok"
	}
	return false
}

func isConsonant(c byte) bool {
	return c >= 'a' && c <= 'z' && !strings.ContainsRune("aeiou", rune(c))
}

// irregularPast maps common irregular past forms to their bare form.
var irregularPast = map[string]string{
	"became": "become", "began": "begin", "wrote": "write", "took": "take", "gave": "give", "made": "make",
	"led": "lead", "fought": "fight", "won": "win", "rose": "rise", "fell": "fall", "found": "find",
	"built": "build", "sent": "send", "held": "hold", "brought": "bring", "met": "meet", "saw": "see",
	"came": "come", "went": "go", "ran": "run", "swore": "swear", "drew": "draw", "chose": "choose",
	"spoke": "speak", "broke": "break", "knew": "know", "grew": "grow", "threw": "throw", "lost": "lose",
	"left": "leave", "sold": "sell", "told": "tell", "thought": "think", "taught": "teach",
	"caught": "catch", "bought": "buy", "paid": "pay", "laid": "lay", "said": "say", "did": "do",
	"kept": "keep", "meant": "mean", "struck": "strike", "stood": "stand", "overthrew": "overthrow",
	"withdrew": "withdraw", "sank": "sink", "sought": "seek", "fled": "flee", "fed": "feed",
	"dealt": "deal", "felt": "feel", "spent": "spend", "shot": "shoot", "hid": "hide", "froze": "freeze",
	"forbade": "forbid", "undertook": "undertake", "arose": "arise", "drove": "drive", "rode": "ride",
	"bore": "bear", "wore": "wear", "tore": "tear", "split": "split", "set": "set", "put": "put",
	"cut": "cut", "let": "let", "spread": "spread", "read": "read", "beat": "beat", "shut": "shut",
	"cast": "cast", "quit": "quit", "upset": "upset", "understood": "understand", "sang": "sing",
	"flew": "fly", "ate": "eat", "slew": "slay", "bound": "bind", "wound": "wind", "lit": "light",
	"stole": "steal", "woke": "wake", "dug": "dig", "hung": "hang", "swept": "sweep", "slept": "sleep",
	"lent": "lend", "bent": "bend", "rebuilt": "rebuild", "foresaw": "foresee", "foretold": "foretell",
	"mistook": "mistake", "oversaw": "oversee", "overcame": "overcome", "became.": "become",
}

// datedSentences asks "When ...?" of the English sentences of a block that
// date a clause: "S V ... in/on DATE" or "In/On DATE, S V ...".
func (g *gen) datedSentences(n ast.Node) {
	if g.lang != langEnglish || !g.blockHas(n, hasYear[[]byte]) {
		return
	}
	pt, sents := g.sentencesOf(n)
	for _, ps := range sents {
		sp, sent := ps.span, strings.TrimSpace(ps.text)
		if !hasYear(sent) {
			continue
		}
		first := g.doc.LineOf(pt.srcOffset(sp.start))
		last := g.doc.LineOf(pt.srcOffset(max(sp.start, sp.end-1)))
		g.datedSentence(sent, first, last, n)
	}
}

// datedLine is datedSentences for one line of an indented outline.
func (g *gen) datedLine(text string, num int, n ast.Node) {
	if g.lang == langEnglish && hasYear(text) {
		g.datedSentence(stripEmphasis(text), num, num, n)
	}
}

// datedSentence adds the "When ...?" cards of one sentence.
func (g *gen) datedSentence(sent string, first, last int, n ast.Node) {
	for _, d := range clauseDates(sent) {
		q, ok := g.whenClause(d.clause)
		if !ok {
			continue
		}
		conf := 0.65 // a bare year is less sure to be the point of its clause
		if d.full {
			conf = 0.72
		}
		g.add(OriginDate, q, d.date, first, last, n, conf)
		if g.dated == nil {
			g.dated = map[datedKey]bool{}
		}
		g.dated[datedKey{first, d.date}] = true
		g.dated[datedKey{first, sent}] = true
	}
}

// datedKey is a date asked by a card made from the sentence starting at
// line, or that sentence itself.
type datedKey struct {
	line int
	text string
}

// blockHas runs a pre-filter over the raw lines of a block without
// copying them.
func (g *gen) blockHas(n ast.Node, test func([]byte) bool) bool {
	segs := n.Lines()
	if segs == nil {
		return false
	}
	for i := 0; i < segs.Len(); i++ {
		seg := segs.At(i)
		if test(g.src[seg.Start:seg.Stop]) {
			return true
		}
	}
	return false
}

// hasYear is the cheap pre-filter: four digits in a row starting 1 or 20.
func hasYear[T ~string | ~[]byte](s T) bool {
	run := 0
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			run++
			if run == 4 && (s[i-3] == '1' || s[i-3] == '2' && s[i-2] == '0') && (i+1 == len(s) || s[i+1] < '0' || s[i+1] > '9') {
				return true
			}
			continue
		}
		run = 0
	}
	return false
}

// datedClause is a clause of a sentence and the date it happened on.
type datedClause struct {
	clause, date string
	full         bool // the date has its month
}

// clauseDates finds "in/on DATE" in a sentence and the clause it dates:
// the words before it back to the last clause break, or, for a sentence
// that opens with the date, the words after it.
func clauseDates(sent string) []datedClause {
	var buf [32]string
	words := fieldsInto(buf[:0], sent)
	var out []datedClause
	for i := 0; i < len(words); i++ {
		prep := strings.ToLower(words[i])
		if prep != "in" && prep != "on" {
			continue
		}
		j, full := dateEnd(words, i+1)
		if j < 0 {
			continue
		}
		date := strings.TrimRight(strings.Join(words[i+1:j+1], " "), ".,;:")
		if i == 0 {
			// "On 14 July 1789 a Paris crowd stormed the Bastille."
			if strings.HasSuffix(words[j], ";") {
				continue
			}
			out = append(out, datedClause{clause: clauseAfter(words[j+1:]), date: date, full: full})
			i = j
			continue
		}
		if tail := words[j]; !strings.HasSuffix(tail, ".") && !strings.HasSuffix(tail, ",") && !strings.HasSuffix(tail, ";") &&
			j+1 < len(words) && !clauseBreakWord(words[j+1]) {
			continue // "in 1788 pushed up ...": the date is inside the clause
		}
		out = append(out, datedClause{clause: clauseBefore(words[:i]), date: date, full: full})
		i = j
	}
	return out
}

// dateEnd reads a date starting at words[i] ("1789", "May 1789", "14 July
// 1789", "September 1792") and returns the index of its last word.
func dateEnd(words []string, i int) (int, bool) {
	trim := func(w string) string { return strings.TrimRight(w, ".,;:)") }
	switch {
	case i+2 < len(words) && dayNumber(words[i]) && months[strings.ToLower(words[i+1])] && fourDigitYear(trim(words[i+2])):
		return i + 2, true
	case i+1 < len(words) && months[strings.ToLower(words[i])] && fourDigitYear(trim(words[i+1])):
		return i + 1, true
	case i < len(words) && fourDigitYear(trim(words[i])):
		return i, false
	}
	return -1, false
}

// clauseBreakWord starts a new clause or phrase after a date: "and",
// "when", "after", ...
func clauseBreakWord(w string) bool {
	switch strings.ToLower(w) {
	case "and", "but", "when", "after", "before", "while", "as", "because", "until", "which", "where":
		return true
	}
	return false
}

// clauseBefore is the last clause of words: after the last comma,
// semicolon or "and"/"but".
func clauseBefore(words []string) string {
	from := 0
	for k, w := range words {
		if strings.HasSuffix(w, ",") || strings.HasSuffix(w, ";") {
			from = k + 1
		}
		if lw := strings.ToLower(w); (lw == "and" || lw == "but") && k > from {
			from = k + 1
		}
	}
	return strings.Join(words[from:], " ")
}

// clauseAfter is the clause that follows an opening date, up to the first
// comma or semicolon.
func clauseAfter(words []string) string {
	var b []string
	for _, w := range words {
		end := strings.HasSuffix(w, ",") || strings.HasSuffix(w, ";")
		b = append(b, strings.TrimRight(w, ",;"))
		if end {
			break
		}
	}
	s := strings.Join(b, " ")
	return strings.TrimLeftFunc(s, func(r rune) bool { return r == ',' || unicode.IsSpace(r) })
}

package generate

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/mnemo-app/mnemo/cards"
	"github.com/yuin/goldmark/ast"
)

// clozeGap replaces the deletion in a cloze card's question, as the reader
// writes explicit clozes.
const clozeGap = "[...]"

// cloze makes cloze cards from the informative sentences of a block that
// no other rule used: one deletion per card, one card per sentence. The
// deletion is, in this order of preference, a term the note set in bold
// or italics, a year or date, a number with its unit, or a run of
// capitalised words inside the sentence (a name). Sentences that are
// questions, start with a pronoun, or are too short or too long to stand
// alone give nothing.
func (g *gen) cloze(n ast.Node) {
	if !clozeCandidate(n, g.src) {
		return
	}
	for p := n.Parent(); p != nil; p = p.Parent() {
		if _, ok := p.(*ast.Blockquote); ok {
			return // a quotation: someone else's words, not the note's facts
		}
	}
	ls := g.rawLines(n)
	if len(ls) == 0 || len(g.scan(joined(ls)).links) > 0 || strings.Contains(joined(ls), "`") {
		return // references, commands and code are not facts to recall
	}
	if strings.HasPrefix(ls[0].text, "[") || isTimestamp(ls[0].text) {
		return // task boxes "[ ]", callouts "[!note]", timestamps
	}
	pt := g.plain(n)
	if len(pt.text) < 30 {
		return
	}
	emph := emphasisTexts(n, g.src)
	_, sents := g.sentencesOf(n)
	for _, ps := range sents {
		sp, sent := ps.span, strings.TrimSpace(ps.text)
		// A sentence can stand alone as a cloze when it passes clozeShape
		// and clozeContent: the cheap shape test first, the costly content
		// test only once there is something to hide (the tests and the
		// finders are pure, so the order changes no card).
		if !clozeShape(sent) {
			continue
		}
		var buf [32]string
		words := fieldsInto(buf[:0], sent) // split once for the deletion finders
		dels, conf := datesIn(words), 0.7
		if len(dels) > 0 && !g.statesEvent(sent) {
			conf = 0.6 // a date with no event said to happen on it: a schedule, a heading
		}
		if len(dels) == 0 {
			del, c, ok := g.deletion(sent, words, emph)
			if !ok {
				continue
			}
			dels, conf = []string{del}, c
		}
		if !clozeContent(sent) {
			continue
		}
		for _, del := range dels {
			g.addCloze(n, pt, sp, sent, del, conf)
		}
	}
}

// addCloze records the cloze card hiding del in sentence sent, found at
// span sp of the block's plain text.
func (g *gen) addCloze(n ast.Node, pt plainText, sp span, sent, del string, conf float64) {
	i := strings.Index(sent, del)
	if i < 0 {
		return // a deletion joined across punctuation ("1979) says" -> "1979 says") is not the sentence's text
	}
	q := sent[:i] + clozeGap + sent[i+len(del):]
	text := sent[:i] + "{{c1::" + del + "}}" + sent[i+len(del):]
	first := g.doc.LineOf(pt.srcOffset(sp.start))
	last := g.doc.LineOf(pt.srcOffset(max(sp.start, sp.end-1)))
	if g.dated[datedKey{first, del}] {
		return // a date card asks it already
	}
	g.out = append(g.out, cards.Card{
		Kind:       cards.KindCloze,
		Question:   q,
		Answer:     del,
		Text:       text,
		Ord:        1,
		Origin:     OriginCloze,
		Source:     cards.Source{Path: g.doc.Path, Line: first, EndLine: last},
		Context:    g.context(n),
		Confidence: conf,
	})
}

// clozeCandidate is the cheap pre-filter of the cloze rule over a block's
// raw bytes: something to hide (a digit, emphasis, a capital letter after
// the start) and nothing that rules clozes out (links, code).
func clozeCandidate(n ast.Node, src []byte) bool {
	segs := n.Lines()
	if segs == nil || segs.Len() == 0 {
		return false
	}
	hide := false
	for i := 0; i < segs.Len(); i++ {
		seg := segs.At(i)
		for j, c := range seg.Value(src) {
			switch clozeClass[c] { // a table: this runs on every block
			case clozeRulesOut:
				return false
			case clozeHides:
				hide = true
			case clozeCapital:
				hide = hide || i > 0 || j > 0
			}
		}
	}
	return hide
}

// The classes of clozeClass.
const (
	clozeOther    = iota
	clozeRulesOut // code, a link, HTML
	clozeHides    // a digit or emphasis
	clozeCapital  // something to hide unless it starts the block
)

// clozeClass classes the bytes clozeCandidate looks at.
var clozeClass = func() (t [256]uint8) {
	for c := 0; c < 256; c++ {
		switch {
		case c == '`' || c == '[' || c == '<':
			t[c] = clozeRulesOut
		case c >= '0' && c <= '9' || c == '*' || c == '_':
			t[c] = clozeHides
		case c >= 'A' && c <= 'Z':
			t[c] = clozeCapital
		}
	}
	return t
}()

// A sentence can stand alone as a cloze when it has 6 to 35 words, is a
// statement, does not open with a pronoun or a connective that points
// back ("This", "However") and is not a label for what follows.
//
// clozeShape is the cheap part of that test: length, no question, the
// first word, no label.
func clozeShape(s string) bool {
	n := countWords(s)
	if n < 6 || n > 35 || strings.HasSuffix(s, "?") || strings.HasSuffix(s, ":") || strings.Contains(s, "?") {
		return false
	}
	w := firstWord(s)
	if pronouns[w] || subjectStop[w] && w != "in" && w != "on" && w != "at" && w != "by" && w != "from" || clozeStop[w] {
		return false
	}
	// "Agenda: ...", "Last tested: ...": a label line, not a statement.
	if i := strings.Index(s, ": "); i >= 0 && countWords(s[:i]) <= 3 {
		return false
	}
	return true
}

// clozeContent is the rest: a statement about the
// subject, not the course, with no link or card markup.
func clozeContent(s string) bool {
	if !statement(s) || noisy(s) {
		return false
	}
	ln := scanLine(s)
	return len(ln.links) == 0 && !ln.hasExplicitMarkup()
}

// noisy reports a sentence about the course rather than the subject
// (meta text: the writer or the reader speaking, tasks, hedges, exams,
// teachers), an aside in parentheses, or reported speech ("the prof said
// ..."): a cloze must be a fact the note states.
func noisy(s string) bool {
	if strings.HasPrefix(s, "(") && strings.HasSuffix(strings.TrimRight(s, "."), ")") {
		return true
	}
	if emoticon(s) || strings.Contains(s, "!!") {
		return true
	}
	m := scanMeta(s)
	return m.writer || m.reader || m.admin || m.hedge || m.task || m.said
}

// statement reports whether a sentence says something: it ends like a
// sentence or has a finite verb among the common ones. Titles and
// fragments ("Training Tips for the Transformer Model") do not.
func statement(s string) bool {
	if strings.HasSuffix(s, ".") || strings.HasSuffix(s, "!") {
		return true
	}
	for w := range strings.FieldsSeq(strings.ToLower(s)) {
		if finiteVerbs[strings.Trim(w, ".,;:")] {
			return true
		}
	}
	return false
}

var finiteVerbs = setOf("is", "are", "was", "were", "has", "have", "had", "can", "cannot", "will",
	"must", "does", "do", "did", "contains", "contain", "causes", "cause", "produces", "produce",
	"makes", "make", "uses", "use", "leads", "lead", "occurs", "occur", "became", "becomes",
	"founded", "invented", "discovered", "introduced", "wrote", "signed", "began", "ended")

var clozeStop = setOf("however", "also", "but", "so", "then", "therefore", "thus", "hence", "here",
	"there", "see", "note", "e.g", "i.e", "eg", "ie", "yes", "no", "maybe", "i", "we", "you")

// deletion picks the text to hide in a sentence (split into words) and
// the card's confidence.
func (g *gen) deletion(sent string, words, emph []string) (string, float64, bool) {
	for _, e := range emph {
		if strings.Contains(sent, e) && clozeAnswer(sent, e) {
			return e, 0.65, true
		}
	}
	if d, ok := yearOrNumber(words); ok && clozeAnswer(sent, d) {
		return d, 0.6, true
	}
	if g.lang == langEnglish {
		if d, ok := properName(words); ok && clozeAnswer(sent, d) {
			return d, 0.5, true
		}
	}
	return "", 0, false
}

// clozeAnswer checks a deletion: a few words, and enough of the sentence
// left around it to recall it from.
func clozeAnswer(sent, del string) bool {
	n := countWords(del)
	if n == 0 || n > 6 || strings.TrimSpace(del) == "" {
		return false
	}
	rest := strings.Replace(sent, del, " ", 1)
	return len(contentStems(rest)) >= 3
}

// emphasisTexts returns the plain text of the bold and italic spans of a
// block, bold first.
func emphasisTexts(n ast.Node, src []byte) []string {
	var bold, italic []string
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		if e, ok := c.(*ast.Emphasis); ok {
			t := strings.TrimSpace(strings.ReplaceAll(buildPlain(e, src).text, "\n", " "))
			if t != "" && hasLetter(t) || isNumberText(t) {
				if e.Level >= 2 {
					bold = append(bold, t)
				} else {
					italic = append(italic, t)
				}
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return append(bold, italic...)
}

func isNumberText(s string) bool {
	for _, r := range s {
		if unicode.IsDigit(r) {
			return true
		}
	}
	return false
}

// yearOrNumber finds, among a sentence's words, a year, a date or a number (with the word after it
// when that is a unit or a noun) worth hiding: not a list or section
// number at the start, not a version-like "v2".
func yearOrNumber(words []string) (string, bool) {
	for i, w := range words {
		if i == 0 {
			continue
		}
		core := strings.Trim(w, ".,;:()\"'")
		if core == "" || !startsWithDigit(core) {
			continue
		}
		if !numberLike(core) || refNouns[strings.ToLower(strings.Trim(words[i-1], ".,;:(\"'"))] {
			continue // "chapter 4", "release 2.3", "Post 1": a reference, not a fact
		}
		// A month before or after makes a date: "14 July 1789", "July 1789".
		if i > 0 && months[strings.ToLower(strings.Trim(words[i-1], ".,"))] {
			core = strings.Trim(words[i-1], ".,") + " " + core
		}
		if i+1 < len(words) {
			next := strings.Trim(words[i+1], ".,;:()\"'")
			if months[strings.ToLower(next)] || units[strings.ToLower(next)] || countedNoun(next) {
				core += " " + next
			}
		}
		return core, true
	}
	return "", false
}

func startsWithDigit(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsDigit(r)
}

// numberLike accepts 1789, 3.5, 1,000, 50%, 1990s, 10^6 but not v2, 2a.
func numberLike(s string) bool {
	digits := 0
	for i, r := range s {
		switch {
		case unicode.IsDigit(r):
			digits++
		case r == '.' || r == ',' || r == '%' || r == '^' || r == '–' || r == '-' || r == '/':
		case r == 's' && i == len(s)-1:
		default:
			return false
		}
	}
	return digits > 0
}

// refNouns before a number make it a reference or a label.
var refNouns = setOf("chapter", "ch", "section", "sec", "post", "part", "page", "p", "pp", "version",
	"v", "release", "step", "lecture", "week", "figure", "fig", "table", "slide", "item", "number",
	"no", "episode", "ep", "issue", "pr", "task", "exercise", "problem", "question", "q", "unit",
	"module", "lesson", "day", "session", "room", "line", "row", "column", "level", "grade", "vol",
	"volume", "edition", "ed", "season", "tier", "phase", "stage", "iteration", "sprint", "hw")

// fullDates returns the dates of a sentence written with their month and
// a year or a day ("May 1789", "14 July 1789", "16 de septiembre de 1810",
// "12. März 1990"), at most two. A dated event is a fact a learner keeps,
// so each gets its own cloze; a bare year or number is less sure to be the
// point of its sentence ("By the 1780s the state was close to bankruptcy").
func fullDates(sent string) []string {
	var buf [32]string
	return datesIn(fieldsInto(buf[:0], sent))
}

// datesIn is fullDates of a sentence split into words.
func datesIn(words []string) []string {
	var out []string
	var buf [16]byte // a word lower-cased for the month lookup, without allocating
	for i := 0; i < len(words) && len(out) < 2; i++ {
		if !months[string(lowerBytes(buf[:0], strings.Trim(words[i], ".,;:()")))] {
			continue
		}
		from, to := i, i
		if i > 0 && dayNumber(words[i-1]) {
			from = i - 1
		} else if i > 1 && strings.ToLower(words[i-1]) == "de" && dayNumber(words[i-2]) {
			from = i - 2 // "16 de septiembre"
		}
		if i+1 < len(words) && yearNumber(words[i+1]) {
			to = i + 1
		} else if i+2 < len(words) && strings.ToLower(words[i+1]) == "de" && yearNumber(words[i+2]) {
			to = i + 2 // "septiembre de 1810"
		}
		if from == i && to == i || from == 0 && to == len(words)-1 {
			continue // a month alone, or a sentence that is only a date
		}
		d := strings.Join(words[from:to+1], " ")
		d = strings.TrimLeft(strings.TrimRight(d, ".,;:)"), "(")
		out = append(out, d)
		i = to
	}
	return out
}

// dayNumber is a day of the month as written before its month: "14",
// "12.", "1st".
func dayNumber(w string) bool {
	w = strings.TrimSuffix(strings.TrimLeft(w, "("), ".")
	w = strings.TrimRight(w, "stndrh")
	n := 0
	for _, r := range w {
		if r < '0' || r > '9' {
			return false
		}
		n = n*10 + int(r-'0')
	}
	return w != "" && n >= 1 && n <= 31
}

// yearNumber is a year after its month: 3 or 4 digits.
func yearNumber(w string) bool {
	w = strings.TrimRight(w, ".,;:)")
	if len(w) < 3 || len(w) > 4 {
		return false
	}
	for _, r := range w {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

var months = setOf("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
	"septiembre", "setiembre", "octubre", "noviembre", "diciembre", "januar", "februar", "märz",
	"mai", "juni", "juli", "oktober", "dezember", "janvier", "février", "mars", "avril", "juin",
	"juillet", "août", "septembre", "octobre", "novembre", "décembre", "january", "february", "march", "april", "may", "june", "july", "august",
	"september", "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
	"sep", "sept", "oct", "nov", "dec")

var units = setOf("%", "percent", "ms", "s", "sec", "seconds", "minutes", "min", "hours", "h", "days",
	"weeks", "months", "years", "kb", "mb", "gb", "tb", "bytes", "bits", "kg", "g", "mg", "µg", "mcg",
	"l", "ml", "dl", "m", "cm", "mm", "km", "nm", "µm", "hz", "khz", "mhz", "ghz", "v", "mv", "w",
	"kw", "j", "kj", "kcal", "cal", "°c", "°f", "k", "mmhg", "bpm", "mmol", "mol", "atm", "pa", "kpa",
	"million", "billion", "thousand", "hundred", "century", "centuries")

// countedNoun reports the plural noun a number counts ("46 chromosomes",
// "27 amendments"): a lower-case word in -s that is not a verb or a
// function word ("3 is", "2 has"). The number alone would be a bare
// figure to recall.
func countedNoun(w string) bool {
	if len(w) < 4 || !strings.HasSuffix(w, "s") || strings.HasSuffix(w, "ss") || strings.HasSuffix(w, "us") ||
		strings.HasSuffix(w, "is") || strings.HasSuffix(w, "'s") {
		return false
	}
	for _, r := range w {
		if r < 'a' || r > 'z' {
			return false
		}
	}
	return !subjectStop[w] && !pronouns[w] && !finiteVerbs[w]
}

// properName finds a run of capitalised words among a sentence's words (not its
// first word): a name, a place, an event.
func properName(words []string) (string, bool) {
	for i := 1; i < len(words); i++ {
		if !capitalised(words[i]) {
			continue
		}
		j := i
		for j+1 < len(words) && (capitalised(words[j+1]) || smallWords[words[j+1]] && j+2 < len(words) && capitalised(words[j+2])) {
			j++
		}
		name := strings.Join(words[i:j+1], " ")
		name = strings.TrimRight(name, ".,;:)\"'")
		name = strings.TrimSuffix(strings.TrimSuffix(name, "'s"), "’s")
		if strings.ContainsAny(name, "(\"/") || nameStop[strings.ToLower(name)] || utf8.RuneCountInString(name) < 3 {
			i = j
			continue
		}
		return name, true
	}
	return "", false
}

func capitalised(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r) && hasLetter(w)
}

// nameStop are capitalised words that are not names.
var nameStop = setOf("i", "i'm", "i've", "i'd", "ok", "the", "a", "an", "this", "that", "it", "in",
	"on", "at", "for", "and", "or", "but", "monday", "tuesday", "wednesday", "thursday", "friday",
	"saturday", "sunday")

// statesEvent reports whether an English sentence says something happened:
// a verb in the past tense ("stormed", "was executed", "began"). Other
// languages are not checked (their dated sentences pass). A meeting time
// or a deadline ("Review session on 3 May 2025") is no fact to recall.
func (g *gen) statesEvent(sent string) bool {
	if g.lang != langEnglish {
		return true
	}
	i := -1
	for f := range strings.FieldsSeq(sent) {
		i++
		w := strings.ToLower(strings.Trim(f, ".,;:()\"'"))
		if i > 0 && len(w) > 4 && strings.HasSuffix(w, "ed") && !capitalised(f) || pastVerbs[w] {
			return true
		}
	}
	return false
}

// pastVerbs are common irregular past forms (and "was"/"were").
var pastVerbs = setOf("was", "were", "became", "began", "fell", "won", "lost", "led", "made", "took",
	"gave", "wrote", "met", "held", "built", "broke", "rose", "ran", "came", "went", "saw", "found",
	"fought", "brought", "sent", "set", "put", "left", "kept", "had", "did", "said", "told", "sank",
	"struck", "swore", "split", "spread", "beat", "bore", "chose", "drew", "drove", "froze", "grew",
	"overthrew", "threw", "stood", "sold", "sought", "taught", "understood", "withdrew", "won")

package generate

import (
	"bytes"
	"strings"

	"github.com/yuin/goldmark/ast"
)

// English prose states facts with verbs other than "is": "An
// electrocardiogram records the electrical activity of the heart", "The
// Reign of Terror was led by the Committee of Public Safety". The subject
// is a plain noun phrase, so the sentence asks about it: "What does an
// electrocardiogram record?", "Who led the Reign of Terror?".

// verbSentences runs the verb-sentence rule over the sentences of a block.
func (g *gen) verbSentences(n ast.Node) {
	if g.lang != langEnglish {
		return
	}
	if g.blockHas(n, hasBacktick) || !g.blockHas(n, mayHaveFactVerb) {
		return // code, whose marks the plain text would lose (the cheaper test first); or no verb to read
	}
	pt := g.plain(n)
	if len(pt.text) < 20 {
		return
	}
	_, sents := g.sentencesOf(n)
	for _, ps := range sents {
		sp, sent := ps.span, strings.TrimSpace(ps.text)
		first := g.doc.LineOf(pt.srcOffset(sp.start))
		last := g.doc.LineOf(pt.srcOffset(max(sp.start, sp.end-1)))
		if g.dated[datedKey{first, sent}] {
			continue // a date card asks about this sentence already
		}
		if q, a, ok := calledSentence(sent); ok {
			g.add(OriginVerbSentence, q, a, first, last, n, 0.72)
			continue
		}
		if q, a, ok := takesSentence(sent); ok {
			g.add(OriginVerbSentence, q, a, first, last, n, 0.72)
			continue
		}
		if !verbTrigger(sent) {
			continue
		}
		if q, a, conf, ok := g.verbSentence(sent); ok {
			g.add(OriginVerbSentence, q, a, first, last, n, conf)
		}
	}
}

func hasBacktick(b []byte) bool { return bytes.IndexByte(b, '`') >= 0 }

// mayHaveFactVerb is the pre-filter over raw bytes: a word of factVerbs, or
// "by" (a passive's agent).
//
// It also passes " called ", " known as ", " termed " and " take" (the
// phrases of calledSentence and takesSentence). Each of those starts a
// word of ASCII letters right after a space, so one pass over the words
// finds them all.
func mayHaveFactVerb(b []byte) bool {
	for i := 0; i < len(b); {
		for i < len(b) && !isASCIILetter(b[i]) {
			i++
		}
		j := i
		for j < len(b) && isASCIILetter(b[j]) {
			j++
		}
		if j > i {
			w := b[i:j]
			if i > 0 && b[i-1] == ' ' && namingPhrase(w, b[j:]) {
				return true
			}
			if _, ok := factVerbs[string(w)]; ok || string(w) == "by" {
				return true
			}
		}
		i = j
	}
	return false
}

// namingPhrase reports whether word w, followed by rest, after a space,
// starts " called ", " known as ", " termed " or " take".
func namingPhrase(w, rest []byte) bool {
	switch string(w) {
	case "called", "termed":
		return len(rest) > 0 && rest[0] == ' '
	case "known":
		return bytes.HasPrefix(rest, []byte(" as "))
	}
	return bytes.HasPrefix(w, []byte("take"))
}

func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// calledSentence reads "A myocardial infarction with ST elevation is
// called a STEMI": the name is asked for what it names, "What is a
// STEMI?".
func calledSentence(sent string) (q, a string, ok bool) {
	plain := strings.TrimRight(withoutParens(sent), ".!")
	if !strings.Contains(plain, "called ") && !strings.Contains(plain, "known as ") && !strings.Contains(plain, "termed ") {
		return "", "", false // none of the phrases below (a fast path: most sentences have none)
	}
	for _, v := range [...]string{" is called ", " are called ", " is known as ", " are known as ", " is termed ", " are termed "} {
		i := strings.Index(plain, v)
		if i <= 0 {
			continue
		}
		what := strings.TrimSpace(plain[:i])
		name := strings.TrimSpace(plain[i+len(v):])
		for _, stop := range [...]string{" ->", " →", ",", ";", " and ", " because ", " when ", " if "} {
			if j := strings.Index(name, stop); j > 0 {
				name = name[:j]
			}
		}
		words := strings.Fields(what)
		if len(words) == 0 || strings.EqualFold(words[0], "the") {
			return "", "", false // "The time slice is called a quantum": the one just described, not a definition
		}
		if len(words) < 2 || len(words) > MaxAnswerWords || countWords(name) == 0 || countWords(name) > 5 ||
			subjectStop[strings.ToLower(words[0])] || pronouns[strings.ToLower(words[0])] || strings.ContainsAny(what, ",;:") {
			return "", "", false
		}
		be := strings.Fields(v)[0]
		return "What " + be + " " + name + "?", capFirst(what), true
	}
	return "", "", false
}

// takesSentence reads "light from the Sun takes about 8.3 minutes to
// reach Earth": "How long does light from the Sun take to reach Earth?"
// -> "About 8.3 minutes".
func takesSentence(sent string) (q, a string, ok bool) {
	plain := strings.TrimRight(withoutParens(sent), ".!")
	if !strings.Contains(plain, "take") {
		return "", "", false // neither phrase below (a fast path)
	}
	for _, v := range [...]string{" takes ", " take "} {
		i := strings.Index(plain, v)
		if i <= 0 {
			continue
		}
		subj := strings.TrimSpace(plain[:i])
		dur, rest, found := strings.Cut(plain[i+len(v):], " to ")
		words := strings.Fields(subj)
		if !found || len(words) > 6 || subjectStop[strings.ToLower(words[0])] || pronouns[strings.ToLower(words[0])] ||
			!isNumberText(dur) || !timeUnits[strings.ToLower(lastWord(dur))] || countWords(dur) > 4 || countWords(rest) > 8 ||
			strings.ContainsAny(subj+rest, ",;:") {
			return "", "", false
		}
		do := "does"
		if v == " take " {
			do = "do"
		}
		return "How long " + do + " " + lowerTitleWord(subj) + " take to " + rest + "?", capFirst(dur), true
	}
	return "", "", false
}

var timeUnits = setOf("seconds", "second", "s", "minutes", "minute", "min", "hours", "hour", "h", "days",
	"day", "weeks", "week", "months", "month", "years", "year", "ms", "milliseconds", "microseconds", "nanoseconds", "ns")

// verbTrigger is the cheap pre-filter: a fact verb, or a passive "was
// ... by", right after a short subject that holds no clause word, comma or
// other verb. No question, no pronoun opening.
func verbTrigger(s string) bool {
	if strings.HasSuffix(s, "?") || len(s) > 300 {
		return false
	}
	var words [10]string // the first words are all the filter looks at
	n := 0
	for rest := s; n < len(words); n++ {
		rest = strings.TrimLeft(rest, " ")
		if rest == "" {
			break
		}
		w, after, _ := strings.Cut(rest, " ")
		words[n], rest = w, after
	}
	if n < 4 {
		return false
	}
	var buf [32]byte // lower-cased words, looked up without allocating
	if first := lowerBytes(buf[:0], words[0]); subjectStop[string(first)] || pronouns[string(first)] {
		return false
	}
	for i := 1; i < n && i <= 6; i++ {
		prev := words[i-1]
		if strings.HasSuffix(prev, ",") || strings.HasSuffix(prev, ";") || strings.HasSuffix(prev, ":") {
			return false
		}
		lw := lowerBytes(buf[:0], strings.Trim(words[i], ",.;:"))
		if _, ok := factVerbs[string(lw)]; ok {
			return true
		}
		if beVerbs[string(lw)] {
			return i+2 < n && strings.EqualFold(words[i+2], "by")
		}
		if subjectBreakers[string(lw)] && string(lw) != "of" || string(lw) == "and" || string(lw) == "or" {
			return false
		}
	}
	return false
}

// verbSentence reads one sentence: subject, verb, object.
func (g *gen) verbSentence(sent string) (q, a string, conf float64, ok bool) {
	plain := strings.TrimRight(withoutParens(sent), ".!")
	nl, err := nlp()
	if err != nil {
		return "", "", 0, false
	}
	raw := nl.tok.Tokenize(plain)
	nl.tagger.TagTokens(raw)
	t := make([]tok, len(raw))
	for i, r := range raw {
		t[i] = tok{text: r.Text, low: strings.ToLower(r.Text), tag: r.Tag, start: r.Start, end: r.End()}
	}
	v := -1
	for i, x := range t {
		if _, fact := factVerbs[x.low]; fact || beVerbs[x.low] {
			v = i
			break
		}
	}
	if v < 1 || v > 6 || !simpleSubject(t[:v]) {
		return "", "", 0, false
	}
	subj := subjectText(plain, t[:v])
	if w := firstWord(subj); w == "the" || w == "a" || w == "an" {
		subj = lowerTitleWord(subj)
	}
	// Passive with its agent: "X was led by Y" -> "Who led X?"
	if beVerbs[t[v].low] {
		if v+2 >= len(t) || t[v+2].low != "by" || !strings.HasSuffix(t[v+1].tag, "N") && t[v+1].tag != "VBD" {
			return "", "", 0, false
		}
		agent := objectEnd(plain, t, v+3)
		if agent == "" || countWords(agent) > 8 {
			return "", "", 0, false
		}
		who := "What"
		if capitalised(agent) || strings.HasPrefix(agent, "the ") && capitalised(strings.TrimPrefix(agent, "the ")) {
			who = "Who"
		}
		return who + " " + pastOf(t[v+1].low) + " " + subj + "?", capFirst(agent), 0.72, true
	}
	base := factVerbs[t[v].low]
	if placeVerbs[base] {
		// "X sits in the wall of the right atrium" -> "Where does X sit?"
		if v+1 >= len(t) || !placePreps[t[v+1].low] {
			return "", "", 0, false
		}
		where := objectEnd(plain, t, v+1)
		if where == "" || countWords(where) > 12 || strings.Contains(where, "://") {
			return "", "", 0, false
		}
		return "Where " + doDoes(t[:v]) + " " + subj + " " + base + "?", capFirst(where), 0.7, true
	}
	prep := ""
	o := v + 1
	if p, ok := verbPreps[base]; ok {
		if o >= len(t) || t[o].low != p {
			return "", "", 0, false
		}
		prep, o = p, o+1
	} else if o+1 < len(t) && particles[t[o].low] {
		prep, o = t[o].low, o+1 // "breaks down starch"
	}
	obj := objectEnd(plain, t, o)
	if obj == "" || strings.Contains(obj, "://") || countWords(obj) > 16 || pronouns[strings.ToLower(firstWord(obj))] {
		return "", "", 0, false
	}
	do := doDoes(t[:v])
	q = "What " + do + " " + subj + " " + base
	if prep != "" {
		q += " " + prep
	}
	return q + "?", capFirst(obj), 0.7, true
}

// objectEnd is the object phrase from token i to the end of its clause: a
// comma, a semicolon, or "and" before a second verb.
func objectEnd(s string, t []tok, i int) string {
	if i >= len(t) {
		return ""
	}
	end := len(t)
	if rest := strings.TrimSpace(s[t[i].start:]); listPhrase(rest) {
		return rest // "LT, EQ or GT": a list, not a clause break
	}
	for j := i; j < len(t); j++ {
		if t[j].text == "," || t[j].text == ";" || t[j].text == ":" || clauseStarts[t[j].low] && j > i ||
			t[j].low == "which" || t[j].low == "where" || t[j].low == "until" {
			end = j
			break
		}
		if (t[j].low == "and" || t[j].low == "to") && j+1 < len(t) && strings.HasPrefix(t[j+1].tag, "VB") {
			end = j
			break
		}
	}
	if end <= i {
		return ""
	}
	return strings.TrimSpace(s[t[i].start:t[end-1].end])
}

// listPhrase reports "a status, a body and a set of headers": short parts
// split by commas, the last joined with "and" or "or".
func listPhrase(s string) bool {
	parts := strings.Split(s, ", ")
	if len(parts) < 2 || len(parts) > 8 {
		return false
	}
	last := parts[len(parts)-1]
	if !strings.Contains(last, " and ") && !strings.Contains(last, " or ") && !strings.HasPrefix(last, "and ") && !strings.HasPrefix(last, "or ") {
		return false
	}
	for _, p := range parts {
		if n := countWords(p); n == 0 || n > 9 || strings.ContainsAny(p, ";:") {
			return false
		}
	}
	return true
}

// withoutParens drops parenthesised asides: "An electrocardiogram (ECG,
// EKG in the US) records ..." reads as "An electrocardiogram records ...".
func withoutParens(s string) string {
	if !strings.Contains(s, "(") {
		return s
	}
	var b strings.Builder
	depth := 0
	prev := ' '
	for _, r := range s {
		switch {
		case r == '(' && (depth > 0 || prev == ' '): // "value(s)" keeps its plural mark
			depth++
		case r == ')' && depth > 0:
			depth--
		case depth == 0:
			b.WriteRune(r)
		}
		prev = r
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

// placeVerbs say where their subject is: the question asks "Where".
var placeVerbs = setOf("sit", "lie", "live", "occur", "grow", "reside")

// pastOf is the simple past of a verb given as its past participle: the
// same for regular verbs, else from irregularPast read backwards.
func pastOf(participle string) string {
	if p, ok := participlePast[participle]; ok {
		return p
	}
	return participle
}

var participlePast = map[string]string{"written": "wrote", "taken": "took", "given": "gave",
	"done": "did", "seen": "saw", "drawn": "drew", "known": "knew", "shown": "showed",
	"begun": "began", "chosen": "chose", "driven": "drove", "spoken": "spoke", "broken": "broke",
	"grown": "grew", "thrown": "threw", "overthrown": "overthrew", "won": "won", "ridden": "rode",
	"stolen": "stole", "beaten": "beat", "eaten": "ate", "fallen": "fell", "forgotten": "forgot",
	"hidden": "hid", "sung": "sang", "drunk": "drank", "become": "became", "come": "came", "run": "ran"}

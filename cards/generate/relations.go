package generate

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
)

// arrows are the relation separators: "A -> B", "A => B", "A → B".
var arrows = [...]string{" -> ", " => ", " → ", " ⇒ ", " --> "}

// relation makes a card from a line "A -> B" ("What does A lead to?") or
// "A = B" ("What is A equal to?", or "What does A stand for?" when B
// spells out the abbreviation A). A line with more than one arrow is a
// chain; only its first step is a card when both sides are short.
func (g *gen) relation(ln *line, first, last int, n ast.Node, tp topic) bool {
	if g.lang == langOther {
		return false
	}
	s := ln.s
	// Every arrow holds a '>' or starts a multi-byte arrow character with
	// 0xE2: without either byte the line has none (a fast path, as
	// relation runs on most lines).
	maybeArrow := strings.IndexByte(s, '>') >= 0 || strings.IndexByte(s, 0xE2) >= 0
	for _, arrow := range arrows {
		if !maybeArrow {
			break
		}
		i := ln.index(arrow, 0)
		if i <= 0 {
			continue
		}
		left := strings.TrimSpace(stripEmphasis(s[:i]))
		right := firstSentence(strings.TrimSpace(stripEmphasis(s[i+len(arrow):])))
		if j := firstArrow(right); j >= 0 {
			return false // a chain: A -> B -> C is read as a whole or not at all
		}
		left, abbr, long := splitAbbreviation(left)
		if abbr != "" && strings.Contains(left, "(") {
			left = abbr // "DCL (Data Control Language) -> GRANT": the arrow is about DCL
		}
		if !relationSide(left, 6) || !relationSide(right, 15) {
			return false
		}
		if abbr != "" {
			g.add(OriginAbbreviation, g.standFor(abbr), capFirst(long), first, last, n, 0.85)
		}
		if utf8.RuneCountInString(left) < 2 || strings.ContainsAny(right, "≡⇔↔") {
			return false // "p → q ≡ ¬p ∨ q": a formula, not a relation between things
		}
		if g.lang != langEnglish && countWords(left) > 4 {
			return false // likely a clause; without a tagger for the language, skip it
		}
		// "INNER JOIN ⇒ ?", "orphan -> ?": the arrow card itself, in any
		// language. "What does X lead to?" would claim more than the arrow
		// says ("MRSA -> vancomycin" is a treatment, not an effect).
		q, conf := left+" "+strings.TrimSpace(arrow)+" ?", 0.7
		if tp.kind == topicParent {
			// "full outer shell -> ?" under "Group 18 - noble gases": the
			// arrow is about its parent, which the card must name.
			if p := strings.TrimRight(strings.TrimSpace(stripEmphasis(tp.text)), ": "); countWords(p) <= 6 && !strings.ContainsAny(p, "?") {
				q = p + ": " + q
				if anyGeneric(p) {
					conf = 0.6 // "Determinantes: Ingresos -> ?": determinants of what?
				}
			} else {
				conf = 0.65
			}
		}
		g.add(OriginRelation, q, capFirst(right), first, last, n, conf)
		if tp.kind != topicParent {
			// "cool climate -> ?" under "Climate and style" in a wine note:
			// the arrow names its heading's topic.
			g.name(topicName{topic: g.namingTopic(tp, left), term: left, prefix: true})
		}
		return true
	}
	if i := ln.index(" = ", 0); i > 0 {
		left := strings.TrimSpace(stripEmphasis(s[:i]))
		right := firstSentence(strings.TrimSpace(stripEmphasis(s[i+3:])))
		if l := withoutParens(left); strings.Contains(l, ", ") || len(sentenceSpans(l)) > 1 {
			return false // "Dr. Osei, 2 lectures. exam = MCQ": a line of notes, not a thing equal to another
		}
		if strings.Contains(right, " = ") || !relationSide(right, 15) {
			return false
		}
		if abbr := strings.Trim(left, "`"); isAbbreviationOf(abbr, right) {
			g.add(OriginAbbreviation, g.standFor(abbr), capFirst(right), first, last, n, 0.85)
			return true
		} else if i := strings.IndexAny(right, ",;("); i > 0 && isAbbreviationOf(abbr, splitCamel(strings.TrimSpace(right[:i]))) {
			// "IPA = International Phonetic Alphabet, one symbol per sound":
			// the expansion, then the rest as what the thing is.
			g.add(OriginAbbreviation, g.standFor(abbr), capFirst(strings.TrimSpace(right[:i])), first, last, n, 0.85)
		}
		left, right, named := symbolSubject(left, right)
		name, abbr, long := splitAbbreviation(left)
		if !relationSide(name, 5) || countWords(name) < 1 || len([]rune(name)) < 2 || hasCopula(name) || endsWithNumber(name) ||
			g.lang != langEnglish && clauseTerm(name) {
			return false // "Intolerable Acts 1774 = ...": the year belongs in the answer
		}
		if abbr != "" {
			g.add(OriginAbbreviation, g.standFor(abbr), capFirst(long), first, last, n, 0.85)
		}
		if g.lang != langEnglish && !proseSide(right) && !named {
			return abbr != ""
		}
		if g.lang == langEnglish && adjectiveTerm(name, right) {
			// "idempotent = doing it twice has the same effect": a
			// property and what it means, not a thing.
			g.add(OriginEquation, "What does "+name+" mean?", right, first, last, n, 0.75)
			return true
		}
		if proseSide(right) || named {
			// "thread = unit of execution inside a process": a definition
			// written with "=".
			q, generic, ok := g.termQuestion(name, g.topicText(tp))
			if !ok {
				return abbr != ""
			}
			q = acronymTopic(q, name, tp)
			conf := 0.8
			if generic {
				conf = 0.7
			}
			if tp.kind == topicParent && !memberParent(tp.text) && !kindOfParent(name, tp.text) {
				// "Gesamtwiderstand = Summe der Einzelwiderstände" under
				// "Reihenschaltung" holds only there: the question lacks it.
				conf = 0.65
			}
			g.add(OriginEquation, q, right, first, last, n, conf)
			if !generic {
				g.name(topicName{topic: g.namingTopic(tp, name), term: name})
			}
			return true
		}
		g.add(OriginEquation, "What is "+name+" equal to?", right, first, last, n, 0.7)
		g.name(topicName{topic: g.namingTopic(tp, name), term: name})
		return true
	}
	return false
}

// proseSide reports whether the right side of "A = B" is words (a
// definition), not a formula: two or more words, no operators or digits.
func proseSide(s string) bool {
	if countWords(s) < 2 || strings.ContainsAny(s, "+*/^<>=×÷√∑%0123456789−–") {
		return false
	}
	return !strings.Contains(s, " - ")
}

// firstSentence is the first sentence of s (all of s when it is one).
func firstSentence(s string) string {
	if sp := sentenceSpans(s); len(sp) > 1 {
		return strings.TrimSpace(s[sp[0].start:sp[0].end])
	}
	return s
}

func firstArrow(s string) int {
	for _, a := range arrows {
		if i := strings.Index(s, a); i >= 0 {
			return i
		}
	}
	return -1
}

// relationSide checks one side of a relation: some letters, at most max
// words, no link, not a clause opener.
func relationSide(s string, max int) bool {
	if s == "" || !hasLetter(s) || countWords(s) > max || len(scanLine(s).links) > 0 {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s)
	if !unicode.IsLetter(r) || strings.ContainsAny(s, "\"“”") || hasTime(s) {
		return false
	}
	if l := strings.ToLower(s); strings.HasPrefix(l, "e.g") || strings.HasPrefix(l, "i.e") || strings.HasPrefix(l, "eg ") {
		return false // an example, not a relation to learn
	}
	w := firstWord(s)
	return !pronouns[w] && !termStartStop[w] && !strings.HasSuffix(s, ":")
}

// hasTime reports a clock time or a room number ("4pm", "10:30", "B214"):
// a plan, not a fact.
func hasTime(s string) bool {
	for _, w := range strings.Fields(strings.ToLower(s)) {
		w = strings.Trim(w, ".,;()")
		if strings.HasSuffix(w, "pm") || strings.HasSuffix(w, "am") && startsWithDigit(w) || isTimestamp(w) {
			if startsWithDigit(w) {
				return true
			}
		}
	}
	return false
}

// splitAbbreviation reads a term with a parenthesis: "Remote procedure
// call (RPC)" asks about "Remote procedure call" and spells out "RPC";
// "PCB (process control block)" asks about the whole term and spells out
// "PCB". Any other parenthesis is dropped from the question.
func splitAbbreviation(term string) (name, abbr, long string) {
	open := strings.LastIndexByte(term, '(')
	if open <= 0 || !strings.HasSuffix(term, ")") {
		if strings.Contains(term, "(") {
			return strings.TrimSpace(dropParens(term)), "", ""
		}
		return term, "", ""
	}
	core := strings.TrimSpace(term[:open])
	inner := strings.TrimSpace(term[open+1 : len(term)-1])
	if isAbbreviationOf(inner, core) {
		return core, inner, core
	}
	if isAbbreviationOf(core, inner) {
		return term, core, inner
	}
	return strings.TrimSpace(dropParens(term)), "", ""
}

// isAbbreviationOf reports whether abbr (2-8 letters, mostly capitals) is
// made of the initials of words in long ("RPC", "remote procedure call";
// "mRNA", "messenger RNA" passes by its capital letters in order).
func isAbbreviationOf(abbr, long string) bool {
	if n := utf8.RuneCountInString(abbr); n < 2 || n > 8 || strings.ContainsAny(abbr, " ") {
		return false
	}
	upper := 0
	for _, r := range abbr {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '-' {
			return false
		}
		if unicode.IsUpper(r) {
			upper++
		}
	}
	if upper < 2 {
		return false
	}
	words := strings.FieldsFunc(strings.ToLower(long), func(r rune) bool { return r == ' ' || r == '-' || r == '/' })
	if len(words) < 2 || len(words) > 10 {
		return false
	}
	// Walk the abbreviation's letters over the words' initials, letting
	// small words ("of", "and") be skipped.
	letters := []rune(strings.ToLower(strings.ReplaceAll(abbr, "-", "")))
	var match func(li, wi int) bool
	match = func(li, wi int) bool {
		if li == len(letters) {
			for _, w := range words[wi:] {
				if !smallWords[w] {
					return false
				}
			}
			return true
		}
		if wi == len(words) {
			return false
		}
		w := []rune(words[wi])
		if len(w) > 0 && w[0] == letters[li] {
			// One word may give several letters ("TCP/IP", "mRNA").
			k := 1
			for k < len(w) && li+k < len(letters) && w[k] == letters[li+k] && match(li+k+1, wi+1) {
				return true
			}
			if match(li+1, wi+1) {
				return true
			}
		}
		return smallWords[words[wi]] && match(li, wi+1)
	}
	return match(0, 0)
}

// questionBlock makes a card from a question written as a list item or a
// paragraph and answered right after it: by the item's own child list, by
// the next paragraph, or on the same line after the question mark ("Why
// X? Because Y."). It reports whether it made one.
func (g *gen) questionBlock(n ast.Node, ls []rawLine) bool {
	text := joined(ls)
	q, rest, ok := splitQuestion(text)
	if !ok {
		return false
	}
	first := ls[0].num
	if rest != "" {
		if countWords(rest) < 2 || asideAnswer(rest) {
			return false
		}
		g.add(OriginQuestionItem, q, rest, first, ls[len(ls)-1].num, n, 0.85)
		return true
	}
	var a string
	var last int
	if item, ok := n.Parent().(*ast.ListItem); ok && item.FirstChild() == n {
		list := childList(item)
		if list == nil {
			return false
		}
		a, last, ok = g.answerItems(list)
		if !ok {
			return false
		}
		g.markChildren(list)
	} else if p, ok := n.NextSibling().(*ast.Paragraph); ok {
		pl := g.rawLines(p)
		if len(pl) == 0 {
			return false
		}
		if _, _, isQ := splitQuestion(joined(pl)); isQ {
			return false
		}
		a, last = shortenDefinition(joined(pl)), pl[len(pl)-1].num
		if asideAnswer(a) {
			return false
		}
		g.markUsed(p)
	} else if l, ok := n.NextSibling().(*ast.List); ok {
		if a, last, ok = g.answerItems(l); !ok {
			return false
		}
		g.markChildren(l)
	} else {
		return false
	}
	conf := 0.85
	if countWords(q) == 2 {
		// "First law?" over the law: clear under its heading in a self-test
		// list, but "Exam date?" over "Friday" has the same shape. Offer it.
		conf = 0.65
	}
	g.add(OriginQuestionItem, q, a, first, last, n, conf)
	return true
}

// asideAnswer reports an "answer" that is a remark: wrapped in
// parentheses, quoted from a blockquote, or meta text (a note to self, a
// hedge, the writer speaking).
func asideAnswer(a string) bool {
	a = strings.TrimSpace(a)
	if strings.HasPrefix(a, ">") || strings.HasPrefix(a, "(") && strings.HasSuffix(a, ")") {
		return true
	}
	return metaText(dropAsides(a)) // "(wird im Tutorium diskutiert)" goes, the answer stays
}

// answerItems is the answer written as a list under a question: its items
// joined, asides ("(this is what makes thermometers work)") and
// restatements ("i.e. ...") left out.
func (g *gen) answerItems(l *ast.List) (string, int, bool) {
	var items []string
	last := 0
	for it := l.FirstChild(); it != nil; it = it.NextSibling() {
		t := itemText(it)
		if t == nil {
			return "", 0, false
		}
		ls := g.rawLines(t)
		if len(ls) == 0 {
			return "", 0, false
		}
		text := strings.TrimRight(joined(ls), ".;")
		last = ls[len(ls)-1].num
		low := strings.ToLower(text)
		if asideAnswer(text) || strings.HasPrefix(low, "i.e") || strings.HasPrefix(low, "e.g") {
			continue
		}
		if ln := scanLine(text); ln.proseWords() == 0 && !isNumberText(text) || ln.hasTracking() {
			return "", 0, false
		}
		items = append(items, text)
	}
	if len(items) == 0 || len(items) > 8 {
		return "", 0, false
	}
	return strings.Join(items, "; "), last, true
}

// markChildren marks the text blocks of a list's items as used.
func (g *gen) markChildren(l *ast.List) {
	for it := l.FirstChild(); it != nil; it = it.NextSibling() {
		if t := itemText(it); t != nil {
			g.markUsed(t)
		}
	}
}

// splitQuestion returns the question of a text that starts with one (a
// wh-word or an auxiliary verb, ending in "?"), and what follows it.
func splitQuestion(text string) (q, rest string, ok bool) {
	text = strings.TrimSpace(stripEmphasis(text))
	i := strings.IndexByte(text, '?')
	if i < 0 {
		return "", "", false
	}
	q = strings.TrimSpace(text[:i+1])
	rest = strings.TrimSpace(strings.TrimLeft(text[i+1:], "?"))
	rest = strings.TrimLeft(rest, "-–—:=>→ ") // "Why X? -> because Y"
	q = strings.TrimRight(q, "?") + "?"
	w := firstWord(q)
	if !questionOpeners[w] && !questionOpeners[strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "’s")] {
		// "First law?", "Absolute zero in °C?": a question only when its
		// answer is written below it, not on the same line.
		if rest != "" || countWords(q) > 8 {
			return "", "", false
		}
	}
	// A two-word question needs a wh-word ("Why threads?") or its answer
	// below it ("First law?" over the law, in a self-test list).
	if n := countWords(q); n < 2 || n == 2 && !whWords[w] && rest != "" || n > 25 || len(scanLine(q).links) > 0 {
		return "", "", false
	}
	if strings.Contains(rest, "?") {
		return "", "", false
	}
	return capFirst(q), rest, true
}

// questionOpeners start a question in English, German or Spanish.
var questionOpeners = setOf("what", "why", "how", "when", "which", "who", "whom", "whose", "where",
	"is", "are", "does", "do", "did", "can", "could", "should", "would", "will", "was", "were",
	"has", "have", "name", "list", "define", "explain", "describe",
	"was", "warum", "wie", "wann", "welche", "welcher", "welches", "wer", "wo", "wozu", "wieso",
	"weshalb", "ist", "sind", "qué", "que", "por", "cómo", "como", "cuándo", "cuál", "cuáles",
	"quién", "quiénes", "dónde", "cuánto", "cuántos", "¿qué", "¿por", "¿cómo", "¿cuándo", "¿cuál",
	"¿cuáles", "¿quién", "¿dónde")

// codeSubject makes "What does fork() do?" from an item or line that
// starts with a function or command and a verb in the third person
// ("fork() creates a child process ...").
func (g *gen) codeSubject(text string, first, last int, n ast.Node) bool {
	if g.lang != langEnglish {
		return false
	}
	s := strings.TrimSpace(text)
	sp := strings.IndexByte(s, ' ')
	if sp < 3 {
		return false
	}
	name, rest := s[:sp], strings.TrimSpace(s[sp+1:])
	bare := strings.Trim(name, "`")
	if !strings.HasSuffix(bare, "()") || strings.ContainsAny(bare[:len(bare)-2], " ()") || !hasLetter(bare) {
		return false
	}
	verb := firstWord(rest)
	if len(verb) < 4 || !strings.HasSuffix(verb, "s") || strings.HasSuffix(verb, "ss") || countWords(rest) < 3 ||
		countWords(rest) > MaxAnswerWords || strings.Contains(rest, ": ") {
		return false
	}
	g.add(OriginDefinition, "What does "+name+" do?", capFirst(endSentence(rest)), first, last, n, 0.8)
	return true
}

// inlineAbbreviations makes "What does AF stand for?" -> "Atrial
// fibrillation" for every "words (ABBR)" in a block's prose whose
// abbreviation spells the initials of the words before it. The
// definition rules already make the card for a term that is the subject
// of a definition; Dedupe drops the repeat.
func (g *gen) inlineAbbreviations(n ast.Node, ls []rawLine) {
	if g.lang == langOther {
		return
	}
	for _, l := range ls {
		s := l.text
		if !strings.Contains(s, "(") {
			continue
		}
		ln := g.scan(s)
		for i := ln.index("(", 0); i > 0; i = ln.index("(", i+1) {
			end := strings.IndexAny(s[i:], "),;")
			if end < 0 {
				break
			}
			abbr := strings.TrimSpace(s[i+1 : i+end])
			words := strings.Fields(stripEmphasis(s[:i]))
			if strings.Contains(abbr, " ") && len(words) > 0 && s[i+end] == ')' {
				// "EI (estímulo incondicionado)": the abbreviation first.
				prev := strings.Trim(words[len(words)-1], "*_`\"'")
				if isAbbreviationOf(prev, abbr) {
					g.add(OriginAbbreviation, g.standFor(prev), capFirst(abbr), l.num, l.num, n, 0.8)
				}
				continue
			}
			if utf8.RuneCountInString(abbr) < 2 || strings.ContainsAny(abbr, " ") {
				continue
			}
			long := longForm(words, abbr)
			if long == "" {
				continue
			}
			g.add(OriginAbbreviation, g.standFor(abbr), capFirst(long), l.num, l.num, n, 0.8)
		}
	}
}

// standFor asks what an abbreviation stands for, in the note's language.
func (g *gen) standFor(abbr string) string {
	switch g.lang {
	case langGerman:
		return "Wofür steht " + abbr + "?"
	case langSpanish:
		return "¿Qué significa " + abbr + "?"
	case langFrench:
		return "Que signifie " + abbr + " ?"
	}
	return "What does " + abbr + " stand for?"
}

// longForm returns the shortest run of words ending the slice whose
// initials spell abbr, or "".
func longForm(words []string, abbr string) string {
	letters := utf8.RuneCountInString(strings.ReplaceAll(abbr, "-", ""))
	for k := 2; k <= letters+2 && k <= len(words); k++ {
		cand := words[len(words)-k:]
		first := strings.ToLower(strings.Trim(cand[0], ".,;:\"'*_"))
		if smallWords[first] || determiners[first] {
			continue
		}
		long := strings.Trim(strings.Join(cand, " "), ".,;:\"'*_")
		if isAbbreviationOf(abbr, long) {
			return long
		}
	}
	return ""
}

// parentExpansion makes "What does HTTP stand for?" from an acronym item
// or outline line whose first child spells it out ("HTTP" over
// "HyperText Transfer Protocol, application layer, runs over TCP"). It
// reports whether it made the card; the child's other facts are left to
// the other rules.
func (g *gen) parentExpansion(parent, text string, first, last int, n ast.Node) bool {
	abbr := strings.TrimRight(strings.TrimSpace(stripEmphasis(parent)), ": ")
	if strings.ContainsAny(abbr, " `") || g.lang == langOther || strings.ToUpper(abbr) != abbr {
		return false
	}
	long := strings.TrimSpace(stripEmphasis(text))
	if i := strings.IndexAny(long, ",;:(=–—"); i > 0 {
		long = strings.TrimSpace(long[:i])
	} else if i == 0 {
		return false
	}
	if i := strings.Index(long, " - "); i > 0 {
		long = long[:i]
	}
	if !isAbbreviationOf(abbr, splitCamel(long)) {
		return false
	}
	g.add(OriginAbbreviation, g.standFor(abbr), capFirst(long), first, last, n, 0.85)
	return true
}

// splitCamel spaces the parts of a camel-case word ("HyperText" ->
// "Hyper Text"), so each part gives its initial.
func splitCamel(s string) string {
	var b strings.Builder
	prev := rune(0)
	for _, r := range s {
		if unicode.IsUpper(r) && unicode.IsLower(prev) {
			b.WriteByte(' ')
		}
		b.WriteRune(r)
		prev = r
	}
	return b.String()
}

// acronymChildren makes "What does ACID stand for?" -> "Atomicity,
// Consistency, Isolation, Durability" from an acronym item or outline
// line whose children, one per letter, each name the word of their letter
// ("Atomicity = ...", "Consistency = ..."). It reports whether it made
// the card.
func (g *gen) acronymChildren(parent string, kids []string, first, last int, n ast.Node) bool {
	abbr := strings.TrimRight(strings.TrimSpace(stripEmphasis(parent)), ": ")
	letters := []rune(abbr)
	if len(letters) < 2 || len(letters) != len(kids) || g.lang == langOther || strings.ToUpper(abbr) != abbr {
		return false
	}
	words := make([]string, 0, len(kids))
	for i, k := range kids {
		t := strings.TrimSpace(stripEmphasis(k))
		for _, sep := range [...]string{" = ", ": ", " - ", " – ", " — ", " -> ", " => ", " → "} {
			if j := strings.Index(t, sep); j > 0 {
				t = strings.TrimSpace(t[:j])
			}
		}
		r, _ := utf8.DecodeRuneInString(t)
		if t == "" || countWords(t) > 3 || unicode.ToUpper(r) != letters[i] || !unicode.IsLetter(letters[i]) {
			return false
		}
		words = append(words, t)
	}
	g.add(OriginAbbreviation, g.standFor(abbr), capFirst(strings.Join(words, ", ")), first, last, n, 0.85)
	return true
}

// listAcronym is acronymChildren over a Markdown list under an item.
func (g *gen) listAcronym(parent string, list *ast.List, first int, n ast.Node) {
	var kids []string
	last := first
	for it := list.FirstChild(); it != nil; it = it.NextSibling() {
		tb := itemText(it)
		if tb == nil {
			return
		}
		ls := g.rawLines(tb)
		if len(ls) == 0 {
			return
		}
		kids = append(kids, joined(ls))
		last = ls[len(ls)-1].num
	}
	g.acronymChildren(parent, kids, first, last, n)
}

// symbolSubject reads "The power is P = U · I" ("Die elektrische Leistung
// ist P = U · I"): the subject before the copula is what the formula
// defines, and the symbol goes to the formula's side. Other left sides
// are returned as they are; named reports the split.
func symbolSubject(left, right string) (string, string, bool) {
	w := strings.Fields(left)
	if len(w) < 3 || !copulas[strings.ToLower(w[len(w)-2])] {
		return left, right, false
	}
	sym := w[len(w)-1]
	if len([]rune(sym)) > 3 {
		return left, right, false
	}
	subj := w[:len(w)-2]
	if articles[strings.ToLower(subj[0])] {
		subj[0] = strings.ToLower(subj[0])
	}
	return strings.Join(subj, " "), sym + " = " + right, true
}

var articles = setOf("the", "a", "an", "der", "die", "das", "ein", "eine", "el", "la", "los", "las",
	"un", "una", "le", "les", "une")

// memberParent reports a parent item whose children are its members, each
// defined on its own: a group label ("Three types"), an acronym ("ACID")
// or a plural noun ("Waves", "Joins").
func memberParent(parent string) bool {
	p := strings.TrimRight(strings.TrimSpace(stripEmphasis(parent)), ":")
	if groupLabel(p) || isAcronymWord(p) {
		return true
	}
	w := strings.Fields(p)
	if len(w) == 0 || len(w) > 4 {
		return false
	}
	last := strings.ToLower(w[len(w)-1])
	// English -s plurals; German "Transaktionen", "Schaltungen"; Spanish
	// and French -s.
	return isPluralWord(last) || strings.HasSuffix(last, "en") && len(last) > 4
}

// isAcronymWord reports one word of two or more capitals ("ACID", "CRUD").
func isAcronymWord(s string) bool {
	if len(s) < 2 || strings.ContainsAny(s, " \t") {
		return false
	}
	return strings.ToUpper(s) == s && hasLetter(s)
}

// relationShaped reports a line "A = B" or "A -> B" with a short left side:
// a line of a glossary written with equations or arrows.
func relationShaped(s string) bool {
	if strings.IndexByte(s, '=') < 0 && strings.IndexByte(s, '>') < 0 && strings.IndexByte(s, 0xE2) < 0 {
		return false // no "=", no arrow (every arrow holds '>' or starts with 0xE2)
	}
	i := strings.Index(s, " = ")
	if j := firstArrow(s); j > 0 && (i < 0 || j < i) {
		i = j
	}
	return i > 0 && countWords(s[:i]) <= 6
}

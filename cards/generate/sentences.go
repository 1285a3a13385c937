package generate

import (
	"fmt"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/jdkato/prose/v3/tag"
	"github.com/jdkato/prose/v3/tokenize"
	"github.com/yuin/goldmark/ast"
)

// tagging is the tokenizer and part-of-speech tagger of the sentence rules.
// Both are safe for concurrent use.
type tagging struct {
	tagger *tag.Tagger
	tok    *tokenize.Tokenizer
}

// nlp loads the tagger on first use, once per process.
var nlp = sync.OnceValues(func() (*tagging, error) {
	t, err := tag.New()
	if err != nil {
		return nil, fmt.Errorf("load part-of-speech tagger: %w", err)
	}
	return &tagging{tagger: t, tok: tokenize.New()}, nil
})

// hasTrigger is the cheap pre-filter of the sentence rules: a sentence
// without "is/are a/an/the/one", "means", "refer(s) to", "combine(s/d)
// into" or "combination of" is never tokenized or tagged. One pass, ASCII
// case folding, no allocation.
func hasTrigger(s string) bool { return triggerWithin(s, len(s)) }

// sentenceTrigger is hasTrigger for one sentence: the rules that need a
// subject at the start of the sentence (at most 6 tokens) fire only when
// their verb is among its first words.
//
// A subject is a simple noun phrase: a preposition, a relative word or a
// comma before the verb ("The regulator of line 5 is a device") means the
// subject rules cannot fire, so such a sentence is tagged only for the
// combine rules.
func sentenceTrigger(s string) bool {
	if w, _ := wordAt(s, 0); subjectStop[strings.ToLower(w)] {
		return triggerWithin(s, -1) // "It is ...", "This means ...": only the combine rules
	}
	return triggerWithin(s, min(7, subjectWords(s)))
}

// subjectWords is the index of the first word that cannot be part of a
// simple noun-phrase subject (minus one), or a large number.
func subjectWords(s string) int {
	word := -1
	for i := 0; i < len(s); i++ {
		if i > 0 && s[i-1] != ' ' && s[i-1] != '\n' {
			continue
		}
		word++
		j := i
		for j < len(s) && s[j] != ' ' && s[j] != '\n' {
			j++
		}
		tok := s[i:j]
		if strings.ContainsAny(tok, ",;:()") {
			if word == 0 {
				return -1
			}
			return word // the word before the comma may still be the subject's last
		}
		if w, _ := wordAt(s, i); w != "" && subjectBreakers[strings.ToLower(w)] {
			return word - 1
		}
	}
	return 1 << 30
}

// subjectBreakers cannot occur in a simple noun-phrase subject.
var subjectBreakers = setOf("in", "on", "at", "for", "with", "by", "from", "to", "that", "which",
	"who", "whom", "whose", "when", "where", "if", "because", "as", "than", "into", "about", "after",
	"before", "while", "since", "until", "without", "within", "between", "during", "through")

// triggerWithin looks for a trigger; "is/are", "means" and "refer(s)"
// count only as one of the first maxWord+1 words.
func triggerWithin(s string, maxWord int) bool {
	word := -1
	prevLetter := false // the word before has a letter: a subject cannot end in "5"
	for i := 0; i < len(s); i++ {
		if i > 0 && s[i-1] != ' ' && s[i-1] != '\n' {
			continue
		}
		word++
		early := word <= maxWord
		w, next := wordAt(s, i)
		before := prevLetter
		prevLetter = tokenHasLetter(s, i)
		switch {
		case w == "":
		case !triggerInitial(w[0]):
			// none of the words below (a fast path: most words)
		case eqFold(w, "is"), eqFold(w, "are"):
			n, _ := wordAt(s, next)
			if early && before && (eqFold(n, "a") || eqFold(n, "an") || eqFold(n, "the") || eqFold(n, "one") || eqFold(w, "are") && n != "" && word > 0) {
				return true
			}
		case eqFold(w, "means"):
			if i > 0 && early {
				return true
			}
		case eqFold(w, "refers"), eqFold(w, "refer"):
			if n, _ := wordAt(s, next); early && eqFold(n, "to") {
				return true
			}
		case eqFold(w, "combine"), eqFold(w, "combines"), eqFold(w, "combined"):
			if n, _ := wordAt(s, next); eqFold(n, "into") {
				return true
			}
		case eqFold(w, "combination"):
			if n, _ := wordAt(s, next); eqFold(n, "of") {
				return true
			}
		}
	}
	return false
}

// triggerInitial reports whether an ASCII letter (either case) starts one
// of the words triggerWithin looks for.
func triggerInitial(c byte) bool {
	switch c | 0x20 {
	case 'i', 'a', 'm', 'r', 'c':
		return true
	}
	return false
}

// tokenHasLetter reports whether the space-separated token at s[i:] holds
// an ASCII letter (or any non-ASCII byte).
func tokenHasLetter(s string, i int) bool {
	for ; i < len(s) && s[i] != ' ' && s[i] != '\n'; i++ {
		if c := s[i]; c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80 {
			return true
		}
	}
	return false
}

// wordAt returns the run of ASCII letters at s[i:] and the index after the
// single space that follows it (or len(s)).
func wordAt(s string, i int) (string, int) {
	if i >= len(s) {
		return "", len(s)
	}
	j := i
	for j < len(s) && (s[j] >= 'a' && s[j] <= 'z' || s[j] >= 'A' && s[j] <= 'Z') {
		j++
	}
	if j < len(s) && s[j] != ' ' && s[j] != '\n' {
		return "", j
	}
	return s[i:j], min(j+1, len(s))
}

// eqFold compares an ASCII word with a lower-case one.
func eqFold(w, lower string) bool {
	if len(w) != len(lower) {
		return false
	}
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != lower[i] {
			return false
		}
	}
	return true
}

// sentences runs the sentence rules over the prose of a paragraph or list
// item, and reports whether they made a card. Only English prose is
// tagged, and only sentences that pass the cheap trigger filter.
func (g *gen) sentences(n ast.Node, tp topic) bool {
	if g.lang != langEnglish {
		return g.copulaSentences(n)
	}
	pt := g.plain(n)
	if len(pt.text) < 12 || !hasTrigger(pt.text) {
		return false
	}
	nl, err := nlp()
	if err != nil {
		return false // no tagger, no sentence cards; the other rules still run
	}
	made := false
	_, sents := g.sentencesOf(n)
	for _, ps := range sents {
		sp, sent := ps.span, ps.text
		if !sentenceTrigger(sent) {
			continue
		}
		first := g.doc.LineOf(pt.srcOffset(sp.start))
		last := g.doc.LineOf(pt.srcOffset(sp.end - 1))
		sent, long, abbr := liftAbbreviation(sent)
		raw := nl.tok.Tokenize(sent)
		nl.tagger.TagTokens(raw)
		t := make([]tok, len(raw))
		for i, r := range raw {
			t[i] = tok{text: r.Text, low: strings.ToLower(r.Text), tag: r.Tag, start: r.Start, end: r.End()}
		}
		q, a, conf, ok := sentenceCard(sent, t)
		if !ok {
			continue
		}
		g.add(OriginSentence, q, a, first, last, n, conf)
		made = true
		if abbr != "" {
			g.add(OriginAbbreviation, g.standFor(abbr), capFirst(long), first, last, n, 0.85)
		}
	}
	return made
}

// liftAbbreviation takes "(RPC)" out of a sentence whose subject is "A
// remote procedure call (RPC) is ...", so the is-a rule sees a plain noun
// phrase; it returns the sentence, the long form and the abbreviation.
func liftAbbreviation(sent string) (out, long, abbr string) {
	open := strings.IndexByte(sent, '(')
	if open <= 0 || open > 80 {
		return sent, "", ""
	}
	cl := strings.IndexByte(sent[open:], ')')
	if cl < 0 {
		return sent, "", ""
	}
	cl += open
	inner := strings.TrimSpace(sent[open+1 : cl])
	before := strings.TrimSpace(sent[:open])
	words := strings.Fields(before)
	for _, d := range [...]string{"a", "an", "the", "A", "An", "The"} {
		if len(words) > 0 && words[0] == d {
			words = words[1:]
			break
		}
	}
	if !isAbbreviationOf(inner, strings.Join(words, " ")) {
		return sent, "", ""
	}
	return before + sent[cl+1:], strings.Join(words, " "), inner
}

// adjective reports whether a one-word term is an adjective (a property
// or an aside, not a thing): a common evaluative adjective, or an
// adjective ending (-ful, -ous, -less, -able, -ible, -ish). The tagger is
// no help on a word out of context.
func (g *gen) adjective(word string) bool {
	w := strings.ToLower(word)
	if asideAdjectives[w] {
		return true
	}
	for _, suf := range [...]string{"ful", "ous", "less", "able", "ible", "ish"} {
		if strings.HasSuffix(w, suf) && len(w) > len(suf)+2 {
			return true
		}
	}
	return false
}

var asideAdjectives = setOf("funny", "weird", "interesting", "important", "cool", "nice", "useful",
	"tricky", "hard", "easy", "confusing", "boring", "annoying", "surprising", "random", "crazy",
	"wild", "sad", "good", "bad", "great", "awesome", "obvious", "unclear", "strange", "odd", "fun",
	"amazing", "terrible", "relevant", "irrelevant", "likely", "unlikely", "true", "false", "wrong",
	"right", "different", "similar", "same", "new", "old", "optional", "mandatory", "required")

// isSingleWord reports a term of one word of letters.
func isSingleWord(s string) bool {
	return s != "" && !strings.ContainsAny(s, " `-") && hasLetter(s)
}

// tok is one tagged token of a sentence; start and end are byte offsets.
type tok struct {
	text, low, tag string
	start, end     int
}

// sentenceCard tries the sentence rules in turn on one tagged sentence.
func sentenceCard(sent string, t []tok) (q, a string, conf float64, ok bool) {
	for i, rule := range [...]func(string, []tok) (string, string, bool){
		ruleCombination, ruleCombineInto, ruleMeans, ruleIsA,
	} {
		if q, a, ok := rule(sent, t); ok {
			conf = 0.8
			if i == 3 {
				conf = 0.75 // "X is a Y" also says things that are not definitions
			}
			return q, a, conf, true
		}
	}
	return "", "", 0, false
}

// ruleCombination: "... thinking of the combination of X as (being) Y" →
// "What do X combine into?" → "Y."
func ruleCombination(sent string, t []tok) (string, string, bool) {
	for c := 2; c+3 < len(t); c++ {
		if t[c].low != "combination" || t[c+1].low != "of" || t[c-1].low != "the" {
			continue
		}
		v := t[c-2].low
		if !viewVerbs[v] && !(v == "of" && c >= 3 && thinkVerbs[t[c-3].low]) {
			continue
		}
		as := -1
		for i := c + 2; i < len(t) && i <= c+10; i++ {
			if t[i].low == "as" {
				as = i
				break
			}
		}
		if as < 0 || !nounPhrase(t[c+2:as], 8) {
			continue
		}
		y := as + 1
		if y < len(t) && t[y].low == "being" {
			y++
		}
		end, ok := objectPhrase(t, y)
		if !ok || end-y < 2 {
			continue
		}
		x := t[c+2 : as]
		return "What " + doDoes(x) + " " + sent[x[0].start:x[len(x)-1].end] + " combine into?",
			answerText(sent, t[y:end]), true
	}
	return "", "", false
}

var (
	thinkVerbs = setOf("think", "thinks", "thinking", "thought")
	viewVerbs  = setOf("view", "views", "viewing", "viewed", "regard", "regards", "regarding",
		"treat", "treats", "treating", "see", "sees", "seeing", "consider", "considers", "considering")
)

// ruleCombineInto: "X combine(s) into Y", "X are combined into Y" →
// "What do X combine into?" → "Y."
func ruleCombineInto(sent string, t []tok) (string, string, bool) {
	for k := 1; k+2 < len(t); k++ {
		v := t[k].low
		if (v != "combine" && v != "combines" && v != "combined") || t[k+1].low != "into" {
			continue
		}
		end := k
		aux := ""
		if v == "combined" {
			if k < 2 || !beAux[t[k-1].low] {
				return "", "", false
			}
			aux, end = t[k-1].low, k-1
		}
		start := introEnd(t, end)
		subj := t[start:end]
		if !subjectNP(subj, 8) {
			return "", "", false
		}
		yEnd, ok := objectPhrase(t, k+2)
		if !ok || yEnd-(k+2) < 2 {
			return "", "", false
		}
		s := subjectText(sent, subj)
		a := answerText(sent, t[k+2:yEnd])
		switch {
		case aux != "":
			return "What " + aux + " " + s + " combined into?", a, true
		case v == "combine":
			return "What do " + s + " combine into?", a, true
		default:
			return "What does " + s + " combine into?", a, true
		}
	}
	return "", "", false
}

var beAux = setOf("is", "are", "was", "were", "get", "gets", "got")

// ruleMeans: "X means Y", "X refers to Y" → "What does X mean?" /
// "What does X refer to?" → "Y."
func ruleMeans(sent string, t []tok) (string, string, bool) {
	for k := 1; k+2 < len(t); k++ {
		w := t[k].low
		var y int
		switch {
		case w == "means":
			y = k + 1
		case (w == "refers" || w == "refer") && t[k+1].low == "to":
			y = k + 2
		default:
			continue
		}
		subj := t[:k]
		if !subjectNP(subj, 6) {
			return "", "", false
		}
		if y < len(t) && t[y].low == "that" {
			y++
		}
		if y >= len(t) || subjectStop[t[y].low] || t[y].tag == "PRP" {
			return "", "", false
		}
		end, ok := objectPhrase(t, y)
		if !ok || end-y < 2 {
			return "", "", false
		}
		s := subjectText(sent, subj)
		a := answerText(sent, t[y:end])
		switch w {
		case "means":
			return "What does " + s + " mean?", a, true
		case "refers":
			return "What does " + s + " refer to?", a, true
		default:
			return "What do " + s + " refer to?", a, true
		}
	}
	return "", "", false
}

// ruleIsA: "X is/are a/an/the Y" with a simple noun phrase X at the start
// of the sentence → "What is X?" → "Y."
func ruleIsA(sent string, t []tok) (string, string, bool) {
	k := -1
	for i, x := range t {
		if x.low == "is" || x.low == "are" {
			k = i
			break
		}
	}
	if k < 1 || k+3 > len(t) {
		return "", "", false
	}
	y := k + 1
	bare := false
	switch t[y].low {
	case "a", "an", "the":
	case "one":
		if y+1 >= len(t) || !relPronouns[t[y+1].low] {
			return "", "", false
		}
	default:
		// "Sunk costs are costs that ...": a plural subject defined by a
		// bare plural noun phrase.
		if t[k].low != "are" || !(strings.HasPrefix(t[y].tag, "JJ") || t[y].tag == "NNS") {
			return "", "", false
		}
		bare = true
	}
	subj := t[:k]
	if !subjectNP(subj, 6) && !ofSubject(subj) {
		return "", "", false
	}
	if bare && subj[len(subj)-1].tag != "NNS" {
		return "", "", false
	}
	if len(subj) <= 2 && vagueSubjects[subj[len(subj)-1].low] && (len(subj) == 1 || subj[0].tag == "DT") {
		return "", "", false // "The lesson is ...": refers to something said before
	}
	if len(subj) == 1 && (strings.HasPrefix(subj[0].tag, "JJ") || adjectiveSubjects[subj[0].low]) {
		return "", "", false // "Standard is the 12-lead ECG": an adjective standing in for a noun said before
	}
	end, ok := objectPhrase(t, y)
	if !ok || end-y < 3 {
		return "", "", false
	}
	if t[y].low != "one" {
		from := y + 1
		if bare {
			from = y
		}
		h := chunkHead(t, from, end)
		if bare && (h < 0 || t[h].tag != "NNS") {
			return "", "", false
		}
		// "a kind of reference": the genus is the noun after "of".
		if h >= 0 && genusNouns[t[h].low] && h+2 < end && t[h+1].low == "of" {
			h = chunkHead(t, h+2, end)
		}
		if h < 0 || vagueObjects[t[h].low] {
			return "", "", false
		}
	}
	return "What " + t[k].low + " " + subjectText(sent, subj) + "?", answerText(sent, t[y:end]), true
}

// adjectiveSubjects are adjectives the tagger reads as names at the start
// of a sentence.
var adjectiveSubjects = setOf("standard", "normal", "typical", "common", "usual", "default", "main",
	"important", "best", "worst", "key", "first", "second", "last", "next", "other", "same", "general")

// genusNouns name a class when followed by "of": "a kind of X".
var genusNouns = setOf("kind", "sort", "type", "form", "variety", "class", "family")

var relPronouns = setOf("that", "which", "who", "whose", "where")

// npTags may appear inside a simple noun phrase.
var npTags = setOf("DT", "PDT", "JJ", "JJR", "JJS", "NN", "NNS", "NNP", "NNPS", "CD", "VBG", "VBN",
	"POS", "HYPH", "FW", "-", "``", "''")

// subjectStop cannot open a subject: pronouns, quantifiers, clause openers.
var subjectStop = setOf("this", "that", "these", "those", "it", "its", "they", "their", "them",
	"there", "here", "he", "she", "we", "i", "you", "my", "our", "your", "his", "her", "everything",
	"nothing", "something", "anything", "one", "each", "all", "both", "some", "many", "most",
	"such", "another", "other", "what", "which", "who", "whose", "why", "how", "when", "where",
	"whatever", "no", "every", "any", "much", "few", "if", "while", "because", "although", "though",
	"so", "but", "and", "or", "then", "also", "however", "in", "on", "at", "for", "with", "by",
	"from", "as", "to", "of", "same")

// functionWords are never the head of a noun phrase.
var functionWords = setOf("is", "are", "was", "were", "be", "to", "of", "in", "on", "at", "for",
	"with", "by", "from", "as", "that", "which", "who", "and", "or", "but", "if", "then", "than",
	"so", "not", "no", "it", "this", "these", "those", "they", "there", "here", "what", "when",
	"where", "why", "how", "i", "we", "you", "he", "she", "a", "an", "the")

// vagueSubjects, after "the" or alone, point back to something said before.
var vagueSubjects = setOf("result", "problem", "thing", "idea", "point", "reason", "goal", "answer",
	"question", "trick", "key", "difference", "lesson", "takeaway", "issue", "catch", "rule", "plan",
	"part", "fact", "truth", "way", "aim", "purpose", "conclusion", "benefit", "advantage",
	"downside", "upshot", "solution", "outcome", "output", "effect", "consequence", "gist", "claim",
	"argument", "message", "moral", "story", "situation", "first", "second", "last", "rest",
	"former", "latter", "author", "paper", "book", "article", "video", "post", "talk", "essay",
	"chapter", "section", "speaker", "course", "lecture", "example", "approach", "method", "model",
	"system", "algorithm", "program", "tool", "library", "project", "code", "fix", "bug", "step")

// vagueObjects as the head of Y make "X is a Y" say nothing to learn.
var vagueObjects = setOf("same", "case", "thing", "things", "lot", "bit", "kind", "sort", "one",
	"reason", "problem", "result", "answer", "question", "point", "fact", "idea", "key", "trick",
	"goal", "issue", "matter", "deal", "end", "rest", "first", "last", "best", "most", "only", "few",
	"couple", "little", "shame", "pity", "mess", "win", "plus", "bonus", "must", "given", "default",
	"norm", "opposite", "reverse", "winner", "loser", "culprit", "part", "stuff")

// subjectNP reports whether t is a simple noun phrase fit to be a card's
// subject: at most max tokens, determiners, adjectives and nouns (a
// conjunction inside), no pronoun, and a noun-like head. The head's own tag
// is not trusted (the tagger often calls a plural noun before "combine" a
// verb), only that it is not a function word.
func subjectNP(t []tok, max int) bool {
	if len(t) == 0 || len(t) > max || subjectStop[t[0].low] {
		return false
	}
	for i, x := range t {
		last := i == len(t)-1
		switch {
		case x.low == "and" || x.low == "or" || x.low == "&":
			if i == 0 || last {
				return false
			}
		case x.tag == "PRP" || x.tag == "PRP$" || x.tag == "WDT" || x.tag == "WP":
			return false
		case last:
			if functionWords[x.low] || x.tag == "DT" || x.tag == "POS" || !hasLetter(x.text) {
				return false
			}
		case !npTags[x.tag]:
			return false
		}
	}
	return true
}

// ofSubject accepts "the opportunity cost of a choice": two simple noun
// phrases joined by one "of", at most 8 tokens.
func ofSubject(t []tok) bool {
	if len(t) > 8 {
		return false
	}
	for i, x := range t {
		if x.low == "of" {
			return i > 0 && subjectNP(t[:i], 5) && nounPhrase(t[i+1:], 4)
		}
	}
	return false
}

// nounPhrase is subjectNP for a phrase inside a sentence (it may start with
// "the").
func nounPhrase(t []tok, max int) bool {
	if len(t) == 0 {
		return false
	}
	if t[0].low == "the" || t[0].low == "a" || t[0].low == "an" {
		return len(t) > 1 && subjectNP(t[1:], max-1)
	}
	return subjectNP(t, max)
}

// introEnd skips an introductory phrase ending in a comma ("In a
// transformer, queries and keys combine ...") and returns where the
// subject starts.
func introEnd(t []tok, end int) int {
	if end == 0 || (t[0].tag != "IN" && t[0].tag != "RB") {
		return 0
	}
	for i := 1; i < end; i++ {
		if t[i].text == "," {
			return i + 1
		}
		if strings.HasPrefix(t[i].tag, "VB") || t[i].tag == "MD" {
			return 0
		}
	}
	return 0
}

// objectPhrase collects the phrase after a rule's verb up to the end of its
// clause: punctuation (a comma inside a run of adjectives is kept), or a
// contrasting conjunction. ok is false when the phrase has no noun-like
// word.
func objectPhrase(t []tok, i int) (end int, ok bool) {
	noun := false
	j := i
	for ; j < len(t); j++ {
		x := t[j]
		if x.text == "," {
			if !noun && j+1 < len(t) && (strings.HasPrefix(t[j+1].tag, "JJ") || t[j+1].tag == "VBN" || t[j+1].tag == "VBG") {
				continue
			}
			break
		}
		if clauseEnds[x.text] || clauseWords[x.low] {
			break
		}
		if strings.HasPrefix(x.tag, "NN") || x.tag == "VBG" || x.tag == "CD" || x.tag == "PRP" {
			noun = true
		}
	}
	return j, noun && j > i
}

var (
	clauseEnds  = setOf(";", ":", ".", "!", "?", "(", ")", "[", "]", "—", "–", "--", "\"", "“", "”")
	clauseWords = setOf("but", "whereas", "although", "though", "while")
)

// chunkHead returns the index of the head noun of the noun chunk starting
// at i (before any preposition or relative clause), or -1.
func chunkHead(t []tok, i, end int) int {
	head := -1
	for j := i; j < end; j++ {
		tg := t[j].tag
		switch {
		case strings.HasPrefix(tg, "NN"):
			head = j
		case strings.HasPrefix(tg, "JJ"), tg == "DT", tg == "PDT", tg == "VBN", tg == "VBG",
			tg == "RB", tg == "RBS", tg == "CD", tg == "POS", tg == "HYPH", tg == "-", t[j].text == ",":
		default:
			return head
		}
	}
	return head
}

// doDoes picks the auxiliary for a noun phrase: "do" for "X and Y" or a
// plural head, else "does".
func doDoes(t []tok) string {
	for _, x := range t {
		if x.low == "and" {
			return "do"
		}
	}
	if h := t[len(t)-1].tag; h == "NNS" || h == "NNPS" {
		return "do"
	}
	return "does"
}

// subjectText is the subject as written, its first word lower-cased unless
// it is a proper noun or an acronym.
func subjectText(sent string, t []tok) string {
	s := sent[t[0].start:t[len(t)-1].end]
	if t[0].tag != "NNP" && t[0].tag != "NNPS" {
		s = lowerTitleWord(s)
	}
	return s
}

// answerText is a phrase of the sentence as a capitalised sentence.
func answerText(sent string, t []tok) string {
	return capFirst(endSentence(sent[t[0].start:t[len(t)-1].end]))
}

// plainText is the text of a block with inline markup dropped, and a map
// from its byte offsets back to the source.
type plainText struct {
	text string
	offs []pOff
}

// pOff says that plain offset p is source offset s (and so on, byte for
// byte, until the next pOff).
type pOff struct{ p, s int }

// buildPlain extracts the plain text of a block or inline node: text and
// autolink labels kept, images and raw HTML dropped.
func buildPlain(n ast.Node, src []byte) plainText {
	var b strings.Builder // its String does not copy
	var offs []pOff
	if n.Type() == ast.TypeBlock && n.Lines() != nil {
		// Room for the block's raw text, about what its plain text
		// takes, so b grows at most once or twice.
		segs, size := n.Lines(), 0
		for i := 0; i < segs.Len(); i++ {
			seg := segs.At(i)
			size += seg.Stop - seg.Start + 1
		}
		b.Grow(size)
		offs = make([]pOff, 0, 8)
	}
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch t := c.(type) {
		case *ast.Text:
			offs = append(offs, pOff{b.Len(), t.Segment.Start})
			b.Write(t.Segment.Value(src))
			if t.SoftLineBreak() || t.HardLineBreak() {
				b.WriteByte('\n')
			}
		case *ast.String:
			b.Write(t.Value)
		case *ast.AutoLink:
			b.Write(t.Label(src))
			return ast.WalkSkipChildren, nil
		case *ast.Image, *ast.RawHTML:
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return plainText{text: b.String(), offs: offs}
}

// srcOffset maps a plain-text offset to a source offset.
func (pt *plainText) srcOffset(p int) int {
	if len(pt.offs) == 0 {
		return 0
	}
	i := sort.Search(len(pt.offs), func(i int) bool { return pt.offs[i].p > p }) - 1
	if i < 0 {
		return pt.offs[0].s
	}
	return pt.offs[i].s + (p - pt.offs[i].p)
}

// sentenceSpans splits prose into sentences: a full stop, "!" or "?"
// followed by a space and a capital, digit or opening quote ends one,
// except after common abbreviations and initials.
func sentenceSpans(s string) []span {
	var out []span
	start := skipSpace(s, 0)
	for i := start; i < len(s); i++ {
		c := s[i]
		if c == '\n' {
			if k := skipSpace(s, i+1); k < len(s) && k > start && lineBreakEnds(s[start:i], s[k:]) {
				out = append(out, span{start, i})
				start = k
				i = k - 1
			}
			continue
		}
		if c != '.' && c != '!' && c != '?' {
			continue
		}
		j := i + 1
		for j < len(s) {
			if strings.IndexByte(".!?\"')]*_", s[j]) >= 0 {
				j++
				continue
			}
			if r, size := utf8.DecodeRuneInString(s[j:]); r == '”' || r == '’' {
				j += size
				continue
			}
			break
		}
		if j < len(s) && s[j] != ' ' && s[j] != '\t' && s[j] != '\n' {
			continue
		}
		k := skipSpace(s, j)
		if k < len(s) {
			r, _ := utf8.DecodeRuneInString(s[k:])
			if !(unicode.IsUpper(r) || unicode.IsDigit(r) || strings.ContainsRune("\"“‘'(`*_[", r)) {
				continue
			}
		}
		if c == '.' && isAbbrev(s[start:i]) {
			continue
		}
		out = append(out, span{start, j})
		start = k
		i = k - 1
	}
	if end := len(strings.TrimRight(s, " \t\n")); start < end {
		out = append(out, span{start, end})
	}
	return out
}

// lineBreakEnds reports whether a line break between before and next ends
// a sentence: the next line starts like a new one (a capital or a digit)
// and the line before is short and does not end on a comma or a word that
// needs more after it. A hard-wrapped paragraph keeps its sentences.
func lineBreakEnds(before, next string) bool {
	r, _ := utf8.DecodeRuneInString(next)
	if !unicode.IsUpper(r) && !unicode.IsDigit(r) {
		return false
	}
	prev := before
	if i := strings.LastIndexByte(before, '\n'); i >= 0 {
		prev = before[i+1:]
	}
	prev = strings.TrimSpace(prev)
	if prev == "" || len(prev) >= 60 {
		return false
	}
	switch prev[len(prev)-1] {
	case ',', ';', '-', '(':
		return false
	}
	return !termEndStop[lastWord(prev)]
}

func skipSpace(s string, i int) int {
	for i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n') {
		i++
	}
	return i
}

// isAbbrev reports whether text ends with an abbreviation or an initial,
// so a full stop after it does not end the sentence.
func isAbbrev(text string) bool {
	w := text
	if i := strings.LastIndexAny(text, " \t\n(\"“"); i >= 0 {
		w = text[i+1:]
	}
	if len(w) == 1 && w[0] >= 'A' && w[0] <= 'Z' {
		return true
	}
	return abbreviations[strings.ToLower(w)]
}

var abbreviations = setOf("e.g", "i.e", "etc", "vs", "dr", "mr", "mrs", "ms", "prof", "fig", "cf",
	"al", "approx", "st", "no", "vol", "ch", "sec", "p", "pp", "eq", "jr", "sr", "inc", "ltd", "co",
	"u.s", "ca", "resp", "esp", "min", "max", "e.g.", "i.e.", "v",
	// German, Spanish and French ("z.B. Kommunisten": German nouns are capitalised)
	"z.b", "bzw", "usw", "vgl", "evtl", "ggf", "inkl", "d.h", "u.a", "bspw", "sog", "chem", "jh", "jhd", "nr",
	"ej", "p.ej", "aprox", "pág", "sra", "sr", "dra", "av", "env", "apr", "j.-c", "mme")

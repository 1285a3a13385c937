package generate

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Precision criteria of confidence: shapes of a card that a strict
// learner rejects often enough (round 4's card-by-card reading of unseen
// notes) that the card must not enter reviews unasked. Each is a general
// linguistic pattern of the question or the answer, not words of a note;
// the card stays a suggestion, so nothing the note says is lost.

// definedTerm is the term of a rule-phrased "What is X?" question in the
// note's language, with the article the template put before it, and
// whether the question is "What is X equal to?". Empty for other
// questions.
func definedTerm(q string) (article, term string, equal bool) {
	for _, p := range [...]string{"What is ", "What are ", "Was ist ", "Was sind ", "¿Qué es ", "¿Qué son "} {
		if !strings.HasPrefix(q, p) || !strings.HasSuffix(q, "?") {
			continue
		}
		t := strings.TrimSuffix(strings.TrimPrefix(q, p), "?")
		if strings.HasSuffix(t, " equal to") {
			t, equal = strings.TrimSuffix(t, " equal to"), true
		}
		if i := strings.IndexByte(t, ' '); i > 0 && termArticles[strings.ToLower(t[:i])] {
			return strings.ToLower(t[:i]), strings.TrimSpace(t[i+1:]), equal
		}
		return "", t, equal
	}
	return "", "", false
}

var termArticles = setOf("a", "an", "the", "der", "die", "das", "ein", "eine", "el", "la", "los", "las",
	"un", "una", "unos", "unas", "lo")

// bareForeignNoun reports a German or Spanish definition question whose
// term is a common noun without the article these languages require:
// "Was ist Angebot?" (ein Angebot), "Was ist Komplementärgüter?" (a
// plural under "ist"), "¿Qué es Escala?" (una escala), "¿Qué son
// criollos?" (los criollos). termQuestion quotes such a term instead
// ("Was bedeutet „Angebot“?"); a question phrased another way with the
// article missing stays a suggestion for the learner to reword.
func (g *gen) bareForeignNoun(q string) bool {
	art, t, _ := definedTerm(q)
	if art != "" || t == "" {
		return false
	}
	switch {
	case strings.HasPrefix(q, "Was ist "):
		return bareNounDE(t) // "Was sind Enzyme?": a plural needs no article
	case strings.HasPrefix(q, "¿Qué es "), strings.HasPrefix(q, "¿Qué son "):
		return g.bareNounES(t)
	}
	return false
}

// coordinatedTerms reports a question that quotes two words joined by
// "and" as one term ("¿Qué significa «tono y semitono»?", "Was bedeutet
// „Tag und Nacht“?"): the answer defines two terms, or one of them, and
// the learner cannot tell which is asked.
func coordinatedTerms(q string) bool {
	i := strings.IndexAny(q, "„«")
	if i < 0 {
		return false
	}
	f := strings.Fields(strings.Trim(q[i:], "„“«»?¿ "))
	return len(f) == 3 && (f[1] == "y" || f[1] == "und" || f[1] == "et" || f[1] == "e")
}

// bareNounDE reports a German term of one capitalised noun that needs an
// article in "Was ist ...?". The gender, and so the article, cannot be
// told from the word. Abstract and mass nouns (-heit, -keit, -ion,
// -ität, ...) read well without one ("Was ist Geschäftsfähigkeit?"), and
// so do terms with a modifier ("Was ist elektrischer Strom?"); -ung
// nouns name a process ("Zellatmung") as often as a thing
// ("Willenserklärung"), so they count as bare.
func bareNounDE(t string) bool {
	if strings.ContainsAny(t, " `\"«»„“") || !capitalised(t) || allCaps(t) || hasDigit(t) {
		return false
	}
	lt := strings.ToLower(t)
	for _, s := range germanAbstractSuffixes {
		if strings.HasSuffix(lt, s) && len(lt) > len(s)+2 {
			return false
		}
	}
	return true
}

// bareNounES reports a Spanish term that opens on a common noun with no
// article: written in lower case, or capitalised only at a line's start
// (the note writes it in lower case elsewhere). A name ("Bolivia") is
// capitalised everywhere.
func (g *gen) bareNounES(t string) bool {
	f := strings.Fields(t)
	if len(f) == 0 || strings.ContainsAny(t, "`\"«»„“") || termArticles[strings.ToLower(f[0])] {
		return false
	}
	w := f[0]
	if allCaps(w) || hasDigit(w) {
		return false
	}
	if !capitalised(w) || g.writtenLowerAnywhere(strings.ToLower(w)) {
		return true
	}
	// "Membrana plasmática", "Mitocondria": capitalised at the line's
	// start only, and the rest in lower case. A name ("Simón Bolívar",
	// "Bolivia") has every word capitalised or is capitalised inside a
	// sentence somewhere in the note.
	for _, x := range f[1:] {
		if capitalised(x) {
			return false
		}
	}
	return !g.capitalisedInSentence(w)
}

// capitalisedInSentence reports whether the note writes word, as
// capitalised, after a lower-case word or a comma: inside a sentence,
// where only names are capitalised in Spanish.
func (g *gen) capitalisedInSentence(word string) bool {
	s := g.src
	return anyOccurrence(s, word, func(j int) bool {
		after, _ := utf8.DecodeRune(s[j+len(word):])
		k := j
		for k > 0 && s[k-1] == ' ' {
			k--
		}
		before, _ := utf8.DecodeLastRune(s[:k])
		return k < j && (unicode.IsLower(before) || before == ',') && !unicode.IsLetter(after)
	})
}

// anyOccurrence reports whether ok holds for some place j where word
// occurs in s (never for an empty word).
func anyOccurrence(s []byte, word string, ok func(j int) bool) bool {
	w := []byte(word)
	if len(w) == 0 {
		return false
	}
	for i := 0; ; {
		j := bytes.Index(s[i:], w)
		if j < 0 {
			return false
		}
		if j += i; ok(j) {
			return true
		}
		i = j + len(w)
	}
}

// germanAbstractSuffixes end German (and English loan) nouns of
// abstractions, processes and masses, which take no article in a
// definition question.
var germanAbstractSuffixes = [...]string{"heit", "keit", "schaft", "ismus", "ität", "tät", "ion",
	"ik", "ie", "enz", "anz", "tum", "ur", "ity", "ness", "ence", "ance", "cy", "ing"}

// writtenLowerAnywhere reports whether the note writes word (lower case,
// any script) as a whole word somewhere: then a capitalised use of it is
// a common noun at a line's start, not a name.
func (g *gen) writtenLowerAnywhere(word string) bool {
	s := g.src
	return anyOccurrence(s, word, func(j int) bool {
		before, _ := utf8.DecodeLastRune(s[:j])
		after, _ := utf8.DecodeRune(s[j+len(word):])
		return (j == 0 || !unicode.IsLetter(before)) && (j+len(word) == len(s) || !unicode.IsLetter(after))
	})
}

func allCaps(s string) bool {
	n := 0
	for _, r := range s {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsUpper(r) {
			n++
		}
	}
	return n >= 2
}

// symbolicLaw reports a right side that is a law in symbols: a formula
// with no word of prose before an equivalence ("¬¬p ≡ p", "A ⇔ B"). Under "What is
// double negation?" it states what holds, not what the term is; the
// learner must already know the law's name is a rule.
func symbolicLaw(a string) bool {
	for _, sep := range [...]string{"≡", "⇔", "↔", "<=>"} {
		i := strings.Index(a, sep)
		if i < 0 {
			continue
		}
		return strings.TrimSpace(a[:i]) != "" && !hasWordOf(a[:i], 4)
	}
	return false
}

// hasWordOf reports a word of at least n letters: prose, not symbols.
func hasWordOf(s string, n int) bool {
	run := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			run++
			if run >= n {
				return true
			}
		} else {
			run = 0
		}
	}
	return false
}

// personTerm reports a term that is a person's name, which "What is X?"
// cannot ask about: "What is De Morgan?", "What is Van der Waals?". A
// name is two or more capitalised words, one of them a name particle
// (de, van, von, ...), or all of them names the note never writes in
// lower case.
func (g *gen) personTerm(t, a string) bool {
	if !capitalised(t) || !strings.Contains(t, " ") {
		return false
	}
	f := strings.Fields(t)
	if len(f) < 2 || len(f) > 4 {
		return false
	}
	particle, names := false, 0
	for _, w := range f {
		switch {
		case nameParticles[strings.ToLower(w)]:
			particle = true
		case capitalised(w) && !allCaps(w) && !hasDigit(w) && !strings.ContainsAny(w, "-`"):
			names++
		default:
			return false
		}
	}
	for _, w := range f { // last: the note's lower-case words are collected on first use
		if !nameParticles[strings.ToLower(w)] && g.writtenLower(strings.ToLower(w)) {
			return false
		}
	}
	// Two names with a definition ("Silicon Valley: a region of ...") name
	// a place or a thing; with a particle the words are a person's name,
	// and so are names credited with a dated work ("Ada Lovelace: first
	// published program 1843").
	return names >= 1 && (particle || names == len(f) && (g.eponym(f[0]) && g.eponym(f[len(f)-1]) || year.MatchString(a)) && !startsWithArticle(a))
}

// adjectiveTerm reports a one-word term with an adjective ending ("What
// is an idempotent?", "What is a bacteriostatic?") whose answer is a
// predicate ("stops growth") or a clause ("doing it twice ...") rather
// than a kind of thing: the note wrote "X = what it does", so X is a
// property, and "What is a/an X?" turns it into a noun no one uses.
// Nominalised adjectives that name a kind ("a fricative: narrow gap ...")
// answer with a noun.
func adjectiveTerm(t, a string) bool {
	if !isSingleWord(t) || capitalised(t) {
		return false
	}
	adj := false
	for _, s := range [...]string{"ic", "ent", "ive", "ous", "able", "ible", "ful", "less"} {
		if strings.HasSuffix(t, s) && len(t) > len(s)+3 {
			adj = true
		}
	}
	if !adj {
		return false
	}
	w := strings.ToLower(firstWord(stripEmphasis(a)))
	if strings.HasSuffix(w, "ing") {
		return true // "doing it twice", "making ..."
	}
	// "stops growth", "kills bacteria": a third-person verb, not a plural
	// noun (-ss, -us, -is).
	return len(w) > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "us") && !strings.HasSuffix(w, "is") || opensOnVerb(a)
}

// actionTerm reports a one-word term (lower case but for its first letter) defined by what one does
// ("persevere: keep the current strategy ...", "pivot: change course"):
// the answer opens on a bare verb, and the term has no noun ending, so it
// names an action ("What is a persevere?" asks for a noun no one uses).
// The tagger reads the answer's first words as an imperative.
func actionTerm(t, a string) bool {
	lt := strings.ToLower(t)
	if !isSingleWord(t) || len(t) < 3 || isPluralWord(t) || lowerFirst(lt) != lowerFirst(t) && t[1:] != lt[1:] {
		return false // "GraphQL": a name
	}
	for _, s := range nounEndings {
		if strings.HasSuffix(lt, s) && len(lt) > len(s)+2 {
			return false // "encapsulation: hide state": a noun for the action
		}
	}
	a = strings.TrimSpace(stripEmphasis(a))
	if r, _ := utf8.DecodeRuneInString(a); !unicode.IsLower(r) || determiners[firstWord(a)] {
		return false
	}
	aw := strings.Fields(a)
	if len(aw) < 2 || !allLetters(aw[1]) {
		return false // "stop + fricative": a noun's parts, not an action
	}
	nl, err := nlp()
	if err != nil {
		return false
	}
	tags := nl.tagger.Tag(aw[:min(len(aw), 6)])
	return len(tags) > 0 && tags[0].Tag == "VB"
}

// nounEndings end words that are nouns whatever their definition says.
var nounEndings = [...]string{"tion", "sion", "ment", "ness", "ity", "ism", "ist", "ance", "ence", "ing", "er",
	"or", "ure", "age", "ery", "sis", "ics", "ogy", "phy", "ship", "hood", "dom", "al", "ant", "ent", "cy"}

// adjectiveToTerm reports a term that is an adjective and its complement
// ("proportional to nodes", "similar to TCP"): a property cut at a colon,
// not a noun phrase to ask "What is ...?" of.
func adjectiveToTerm(term string) bool {
	f := strings.Fields(strings.ToLower(stripEmphasis(term)))
	if len(f) < 3 || f[1] != "to" && f[1] != "with" && f[1] != "than" {
		return false
	}
	w := f[0]
	if adjectivesBeforeTo[w] {
		return true
	}
	for _, suf := range [...]string{"al", "ar", "ive", "ous", "ible", "able", "ent", "ant"} {
		if strings.HasSuffix(w, suf) && len(w) > len(suf)+3 {
			return true
		}
	}
	return false
}

var adjectivesBeforeTo = setOf("equal", "close", "due", "prone", "subject", "next", "similar", "identical",
	"compatible", "better", "worse", "faster", "slower", "more", "less")

// numberedPart reports a term that is a common noun and a number ("group
// 1", "chapter 3", "the 13th"): one member of a series the note's topic
// sets up, meaningless in a question without it ("What is group 18?" of
// what?).
func (g *gen) numberedPart(t string) bool {
	if !hasDigit(t) {
		return false
	}
	f := strings.Fields(t)
	switch len(f) {
	case 1:
		return ordinal(f[0])
	case 2:
		if !(startsWithDigit(f[1]) || ordinal(f[1])) || allCaps(f[0]) || hasDigit(f[0]) {
			return false
		}
		w := strings.ToLower(f[0])
		return !capitalised(f[0]) || g.writtenLower(w) || genericTerms[w] // "Stage 3": a common noun at a line's start
	}
	return false
}

// ordinal is "13th", "2nd", "1st", "3rd".
func ordinal(w string) bool {
	w = strings.ToLower(w)
	for _, s := range [...]string{"st", "nd", "rd", "th"} {
		if strings.HasSuffix(w, s) && len(w) > len(s) {
			n := w[:len(w)-len(s)]
			return strings.Trim(n, "0123456789") == ""
		}
	}
	return false
}

// bareWordArrow reports an equation or arrow card whose left side is one
// lower-case word with no article and no topic ("What is request equal
// to?", "orphan -> ?", "What is beta-lactams equal to?"): a note's
// shorthand under a heading the card drops, so the left side alone is not
// meaningful. bareAbstractTerm covers "What is identity?" as well.
func bareWordArrow(q string) bool {
	t := ""
	for _, arrow := range [...]string{" -> ?", " → ?", " => ?"} {
		if strings.HasSuffix(q, arrow) {
			t = strings.TrimSuffix(q, arrow)
		}
	}
	if t == "" {
		art, term, equal := definedTerm(q)
		if !equal || art != "" {
			return false
		}
		t = term
	}
	if t == "" || strings.ContainsAny(t, " `:") || !hasLetter(t) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(t)
	return unicode.IsLower(r)
}

// conditionTerm reports a "label: text" line whose label holds a
// subordinating conjunction ("skip unless time", "read if bored"): a
// plan or an instruction with its condition, not a noun phrase, so no
// term to ask about. The line makes no card.
func conditionTerm(term string) bool {
	low := strings.ToLower(term)
	found := false
	for c := range conditionConjunctions {
		if strings.Contains(low, " "+c) {
			found = true
			break
		}
	}
	if !found {
		return false
	}
	// "modus ponens (if p then q)": a gloss in parentheses is no part of the label
	f := strings.Fields(dropParens(stripEmphasis(low)))
	for i, w := range f {
		if i > 0 && conditionConjunctions[strings.Trim(w, wordPunct)] {
			return true
		}
	}
	return false
}

var conditionConjunctions = setOf("unless", "until", "if", "whenever", "otherwise", "sofern",
	"wenn", "si", "salvo", "hasta", "sauf")

// statusTerm reports a label that opens on a word placing it in the
// writer's time ("new booking rule", "updated deadline", "next meeting"):
// a notice of a change or a plan, not a concept. Its card stays a
// suggestion.
func statusTerm(term string) bool {
	first, rest, ok := strings.Cut(strings.TrimSpace(term), " ")
	return ok && strings.TrimSpace(rest) != "" && statusWords[strings.Trim(first, "*_")]
}

var statusWords = setOf("new", "old", "updated", "revised", "next", "previous", "upcoming", "tentative",
	"neue", "neuer", "neues", "nächste", "nächster", "nuevo", "nueva", "próximo", "próxima")

// genericBare reports a definite facet word alone ("What are the
// triggers?", "What is the mechanism?"): "the" points to a subject the
// question does not name.
func genericBare(q, article, t string) bool {
	return article == "the" && isGeneric(t) && !strings.Contains(q, " of ")
}

// bareGerund reports a term that is one lower-case -ing word with no
// article, answered by a name, code or a sentence of its own rather than
// a paraphrase ("What is mapping?" -> "Enum.map over a list gives a new
// list"): an activity of a field the question does not name, shown by an
// example. A paraphrase opens in lower case ("backtracking: trying
// choices and undoing them").
func bareGerund(article, t, a string) bool {
	if article != "" || !isSingleWord(t) || capitalised(t) || len(t) <= 5 || !strings.HasSuffix(t, "ing") {
		return false
	}
	r, _ := utf8.DecodeRuneInString(strings.TrimLeft(stripEmphasis(a), " `"))
	return !unicode.IsLower(r)
}

// exampleAnswer reports a definition's right side that opens on an
// example ("e.g. a shop window", "such as ..."): an instance, not what
// the term is.
func exampleAnswer(a string) bool {
	l := strings.ToLower(strings.TrimSpace(stripEmphasis(a)))
	for _, p := range [...]string{"e.g.", "e.g ", "eg ", "eg.", "for example", "for instance", "such as ", "like ",
		"z.b.", "z. b.", "zum beispiel", "p. ej.", "p.ej.", "por ejemplo", "par ex", "par exemple"} {
		if strings.HasPrefix(l, p) {
			return true
		}
	}
	return false
}

// clauseArrow reports an arrow card whose right side is a sentence with
// its own subject and copula ("MRSA -> vancomycin is the usual drug of
// choice"): the arrow stands for "so" or "see", and the question "MRSA
// -> ?" does not say what is asked.
func clauseArrow(a string) bool {
	f := strings.Fields(strings.ToLower(stripEmphasis(a)))
	for i := 1; i < len(f) && i <= 4; i++ {
		switch strings.Trim(f[i], wordPunct) {
		case "is", "are", "was", "were", "ist", "sind", "es", "son":
			return !conditionWords[strings.Trim(f[0], wordPunct)]
		}
	}
	return false
}

// acronymTopic adds the parent acronym to a question about one word that
// spells a letter of it: under "ACID", "Consistency" means something else
// than under "CAP", so "What is consistency?" alone is not answerable
// ("Was ist Consistency (ACID)?").
func acronymTopic(q, term string, tp topic) string {
	p := strings.TrimRight(strings.TrimSpace(stripEmphasis(tp.text)), ":")
	if tp.kind != topicParent || !isAcronymWord(p) || !isSingleWord(term) {
		return q
	}
	r, _ := utf8.DecodeRuneInString(term)
	if !strings.ContainsRune(p, unicode.ToUpper(r)) {
		return q
	}
	end := "?"
	if strings.HasSuffix(q, " ?") {
		end = " ?" // French spacing
	}
	if !strings.HasSuffix(q, end) {
		return q
	}
	return strings.TrimSuffix(q, end) + " (" + p + ")" + end
}

// synonymParen keeps a one-word synonym the note gives in parentheses
// after a one-word term ("stop (plosive): complete closure, then
// release"): "What is a stop?" is a common word without its field, "What
// is a stop (plosive)?" is answerable. Abbreviations, asides ("(?)",
// "(funny)") and anything longer stay out.
func synonymParen(q, core, raw string) string {
	raw = strings.TrimSpace(stripEmphasis(raw))
	open := strings.LastIndexByte(raw, '(')
	if !isSingleWord(core) || open <= 0 || !strings.HasSuffix(raw, ")") || !strings.HasSuffix(q, "?") || strings.HasSuffix(q, " ?") {
		return q
	}
	inner := raw[open+1 : len(raw)-1]
	if !isSingleWord(inner) || capitalised(inner) || asideParen(inner) || strings.EqualFold(inner, core) {
		return q
	}
	for _, r := range inner {
		if !unicode.IsLetter(r) {
			return q
		}
	}
	return strings.TrimSuffix(q, "?") + " (" + inner + ")?"
}

// anaphoricEvent reports a "When ...?" question whose only participant is
// "the" and one common noun, with no name, number or capital anywhere
// ("When was the king executed?", "When did the war end?"): "the king"
// points back to a king the note named before, and the card alone does
// not say which.
func anaphoricEvent(q string) bool {
	f := strings.Fields(strings.TrimSuffix(q, "?"))
	if len(f) < 4 || len(f) > 6 || f[0] != "When" || f[2] != "the" {
		return false
	}
	switch f[1] {
	case "was", "were", "did", "is", "are":
	default:
		return false
	}
	for _, w := range f[3:] {
		if capitalised(w) || hasDigit(w) || !hasLetter(w) {
			return false
		}
	}
	return true
}

// predicateAnswer reports an English "What is X?" whose answer is a
// predicate of X ("What is a catalyst?" -> "lowers the activation
// energy", "What is a counter-offer?" -> "rejects the original offer"):
// it says what X does, not what X is. The tagger reads the term and the
// answer as one sentence, so the answer's first word is tagged as X's
// verb (VBZ; VBP after a plural term) when it is one. Only an answer that
// opens on a lower-case word is tagged.
func predicateAnswer(q, a string) bool {
	_, t, equal := definedTerm(q)
	if t == "" || equal || !strings.HasPrefix(q, "What ") || lawWords.MatchString(q) || strings.ContainsAny(a, "=≡") {
		return false // "What are the two laws of Functor?" -> "fmap id = id": a formula, not a predicate
	}
	a = strings.TrimSpace(stripEmphasis(a))
	first, _, ok := strings.Cut(a, " ")
	if !ok {
		return false
	}
	if r, _ := utf8.DecodeRuneInString(first); !unicode.IsLower(r) {
		return false
	}
	// A verb after a singular term ends in -s ("lowers"); after a plural
	// one it is the bare form ("make"). Anything else is not tagged.
	third := strings.HasSuffix(first, "s") && !strings.HasSuffix(first, "ss")
	if third == strings.HasPrefix(q, "What are ") {
		return false
	}
	aw := strings.Fields(a)
	nl, err := nlp()
	if err != nil {
		return false
	}
	tw := strings.Fields(t)
	words := append(tw[:len(tw):len(tw)], aw[:min(len(aw), 6)]...)
	tags := nl.tagger.Tag(words)
	if len(tags) <= len(tw) {
		return false
	}
	switch tags[len(tw)].Tag {
	case "VBZ":
		return true
	case "VBP":
		return strings.HasPrefix(q, "What are ")
	}
	return false
}

// participleTerm reports a one-word term that is a past participle
// ("What is an inactivated?", "What is a denatured?"): an adjective that
// names a kind of its parent ("inactivated vaccine") only with the parent
// the question leaves out.
func participleTerm(t string) bool {
	return isSingleWord(t) && !capitalised(t) && len(t) > 5 && strings.HasSuffix(t, "ed") && !strings.HasSuffix(t, "eed")
}

// bareListLabel reports a list card asking for "the" and one lower-case
// word ("What are the barriers?", "What are the callbacks?"): a facet
// of the heading or parent the question does not name.
func bareListLabel(origin, q, article, t string) bool {
	return listRule(origin) && article == "the" && isSingleWord(t) && !capitalised(t) && !strings.Contains(q, " of ")
}

// expansionAnswer reports "What is IPA?" answered by the acronym's
// expansion ("International Phonetic Alphabet, one symbol per sound"):
// the rules also ask "What does IPA stand for?" from the same words, so
// the card repeats it.
func expansionAnswer(t, a string) bool {
	if !isAcronymWord(t) {
		return false
	}
	head := a
	if i := strings.IndexAny(a, ",;("); i > 0 {
		head = a[:i]
	}
	return isAbbreviationOf(t, splitCamel(strings.TrimSpace(head)))
}

// symbolicAnswer reports an answer that is an arrow between symbols and
// short words ("P ↑ -> TR ↓"): fewer than three words of three or more
// letters beside an arrow.
func symbolicAnswer(a string) bool {
	if firstArrow(a) < 0 {
		return false
	}
	words := 0
	for _, w := range strings.Fields(a) {
		n := 0
		for _, r := range w {
			if unicode.IsLetter(r) {
				n++
			}
		}
		if n >= 3 {
			words++
		}
	}
	return words < 3
}

// allLetters reports a word of letters only (an apostrophe or hyphen inside
// allowed).
func allLetters(w string) bool {
	if w == "" {
		return false
	}
	for _, r := range w {
		if !unicode.IsLetter(r) && r != '\'' && r != '-' && r != '’' {
			return false
		}
	}
	return true
}

// adverbTerm reports a one-word term that is an adverb ("Geometrically:
// the area scaling factor", "Numerically: ..."): a way of looking at the
// topic above, not a thing to define.
func adverbTerm(t string) bool {
	if !isSingleWord(t) {
		return false
	}
	lt := strings.ToLower(t)
	for _, suf := range [...]string{"ically", "ally", "ively", "ously", "fully", "ently", "antly", "arly", "ably", "ibly"} {
		if strings.HasSuffix(lt, suf) && len(lt) > len(suf)+2 {
			return true
		}
	}
	return false
}

// partLabel reports a label that numbers a part of a text ("Segunda parte",
// "Erster Teil", "Chapter 3", "Première partie"): structure, not a term.
func partLabel(t string) bool {
	// Called for every topic a card may name: no allocation. The number
	// comes first or last ("Segunda parte", "Lecture 20"), so two words
	// are read before the whole label is.
	t = strings.Trim(t, " *_:")
	sp, lsp := strings.IndexByte(t, ' '), strings.LastIndexByte(t, ' ')
	if sp < 0 || strings.Count(t[sp+1:lsp+1], " ") > 1 {
		return false // one word, or more than three
	}
	first, last := t[:sp], t[lsp+1:]
	var buf [32]byte
	switch {
	case numberWord(buf[:0], first):
		return partNouns[string(lowerBytes(buf[:0], strings.Trim(last, asciiPunct)))]
	case numberWord(buf[:0], last):
		return partNouns[string(lowerBytes(buf[:0], strings.Trim(first, asciiPunct)))]
	}
	return false
}

// numberWord reports a word that numbers a part: digits, an ordinal
// ("segunda", "erster") or a Roman numeral.
func numberWord(buf []byte, w string) bool {
	w = strings.Trim(w, asciiPunct)
	if startsWithDigit(w) {
		return true
	}
	lw := lowerBytes(buf, w)
	if ordinalWords[string(lw)] {
		return true
	}
	if len(lw) == 0 || len(lw) > 5 {
		return false
	}
	for _, c := range lw {
		if c != 'i' && c != 'v' && c != 'x' && c != 'l' {
			return false
		}
	}
	return true
}

// asciiPunct is the ASCII part of wordPunct with emphasis marks: a cutset
// strings.Trim reads without decoding runes.
const asciiPunct = ".,;:!?()[]{}\"'*_-"

var partNouns = setOf("part", "chapter", "section", "unit", "lesson", "parte", "capítulo", "capitulo", "sección",
	"seccion", "título", "titulo", "tema", "lección", "leccion", "teil", "kapitel", "abschnitt", "lektion",
	"partie", "chapitre", "leçon",
	// and of a course ("Lecture 20", "Woche 3", "Clase 4")
	"lecture", "week", "class", "session", "module", "tutorial", "lab", "vorlesung", "woche", "übung", "clase",
	"semana", "sesión", "cours", "séance", "semaine")

var ordinalWords = setOf("first", "second", "third", "fourth", "fifth", "primera", "primero", "segunda", "segundo",
	"tercera", "tercero", "cuarta", "cuarto", "quinta", "erster", "erste", "zweiter", "zweite", "dritter", "dritte",
	"vierter", "vierte", "première", "premier", "deuxième", "seconde", "troisième", "quatrième")

// onlyLink reports a text that is nothing but a link ("[[Bestimmte
// Artikel]]", "[notes](x.md)"): a pointer, not a definition.
func onlyLink(s string) bool {
	s = strings.TrimSpace(stripEmphasis(s))
	if strings.HasPrefix(s, "[[") && strings.HasSuffix(s, "]]") && strings.Count(s, "[[") == 1 {
		return true
	}
	return strings.HasPrefix(s, "[") && strings.HasSuffix(s, ")") && strings.Count(s, "](") == 1 && strings.Count(s, "[") == 1
}

package generate

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// doubtfulTerm reports a "term: text" line whose left side is probably not
// a concept the right side defines, so its card stays a suggestion: a
// wiki-link label ("Connects to [[X]]"), a verb or adverb phrase
// ("establishes judicial review", "politically clever"), a person or work
// whose right side is a title or what they did ("Antonio Machado: *Campos
// de Castilla*"), a name in a status update ("Ana: reran the tests"), or
// a notice of a change ("new booking rule", statusTerm).
func doubtfulTerm(term, right string) bool {
	return strings.Contains(term, "[[") || verbTerm(term) || personOrWork(term, right) ||
		statusUpdate(term, right) || someonesTip(term) || statusTerm(term)
}

// someonesTip reports "Dr K's tip" or "Lena's trick": advice from
// someone, where "root tip" is a term.
func someonesTip(term string) bool {
	f := strings.Fields(strings.ToLower(stripEmphasis(term)))
	if len(f) < 2 || !adviceWords[f[len(f)-1]] {
		return false
	}
	p := f[len(f)-2]
	return strings.HasSuffix(p, "'s") || strings.HasSuffix(p, "’s")
}

var adviceWords = setOf("tip", "trick", "hint", "advice", "tipp", "truco", "astuce", "conseil")

// verbTerm reports a term that opens on a verb form or an adverb
// ("establishes judicial review", "politically clever"): a clause cut at
// a colon, not a noun.
func verbTerm(term string) bool {
	f := strings.Fields(strings.ToLower(stripEmphasis(term)))
	if len(f) < 2 {
		return false
	}
	if opensOnVerb(term) {
		return true
	}
	for _, suf := range [...]string{"ishes", "izes", "ises", "ifies"} {
		if strings.HasSuffix(f[0], suf) {
			return true
		}
	}
	if strings.HasSuffix(f[0], "s") && !strings.HasSuffix(f[0], "ss") && determiners[f[1]] {
		return true // "introduces the term": a verb and its object
	}
	for _, suf := range [...]string{"ally", "ively", "ously", "fully", "ently", "antly", "ingly", "edly"} {
		if len(f[0]) > len(suf)+2 && strings.HasSuffix(f[0], suf) {
			return true
		}
	}
	return false
}

// personOrWork reports a term of one to three capitalised words (a name,
// "del" and "von" aside) whose right side is a title in emphasis or opens
// on what someone did ("inventó el esperpento", "fue quien ...", "wrote
// ..."), or an italic title with its year ("*Niebla* (1914)"): "What is
// <name>?" is the wrong question for it.
func personOrWork(term, right string) bool {
	if !capitalisedName(strings.TrimSpace(stripEmphasis(dropParens(term)))) {
		return false
	}
	right = strings.TrimSpace(right)
	if italic(term) && datedParen.MatchString(term) {
		return true // "*Niebla* (1914): ...": a work and its year
	}
	if strings.HasPrefix(right, "*") || strings.HasPrefix(right, "_") {
		return true
	}
	r, _ := utf8.DecodeRuneInString(right)
	if !unicode.IsLower(r) {
		return false
	}
	return opensOnVerb(right) || pastVerb(firstWord(right))
}

// datedParen is a year or a span of years in parentheses.
var datedParen = regexp.MustCompile(`\(\s*\d{3,4}(\s*[-–]\s*\d{2,4})?\s*\)`)

// italic reports a term in single emphasis, as titles of works are
// written; bold marks a defined term.
func italic(term string) bool {
	t := strings.TrimSpace(term)
	return (strings.HasPrefix(t, "*") || strings.HasPrefix(t, "_")) &&
		!strings.HasPrefix(t, "**") && !strings.HasPrefix(t, "__")
}

// capitalisedName reports one to three words, each capitalised except
// name particles.
func capitalisedName(s string) bool {
	f := strings.Fields(s)
	if len(f) == 0 || len(f) > 3 {
		return false
	}
	for _, w := range f {
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(r) && !nameParticles[w] {
			return false
		}
	}
	return true
}

// statusUpdate reports "Name: reran the baseline" or "Name: form approved,
// starts week 49": one capitalised word followed by a lower-case report
// of what was done (a past tense in its first words) or admin text.
func statusUpdate(term, right string) bool {
	term = stripEmphasis(term)
	r, _ := utf8.DecodeRuneInString(term)
	if !isSingleWord(term) || !unicode.IsUpper(r) || strings.ToUpper(term) == term {
		return false
	}
	right = strings.TrimSpace(right)
	if r, _ := utf8.DecodeRuneInString(right); !unicode.IsLower(r) || determiners[firstWord(right)] {
		return false // "Variance: the average squared deviation" defines
	}
	if scanMeta(right).admin {
		return true
	}
	f := strings.Fields(strings.ToLower(right))
	for i := 0; i < len(f) && i < 4; i++ {
		if pastVerb(strings.Trim(f[i], ".,;:()")) && (i+1 == len(f) || !participleHeads[f[i+1]]) {
			return true
		}
	}
	return false
}

// participleHeads follow a participle that describes a noun ("process
// used by plants"), not a report of what was done.
var participleHeads = setOf("by", "to", "in", "for", "as", "on", "from", "with", "into", "at", "of")

// pastVerb guesses a past-tense verb: English -ed (not -eed), a common
// irregular one, or a Spanish preterite ("inventó", "fue").
func pastVerb(w string) bool {
	switch {
	case irregularPast[w] != "" || moreIrregularPast[w]:
		return true
	case len(w) > 4 && strings.HasSuffix(w, "ed") && !strings.HasSuffix(w, "eed"):
		return true
	case len(w) > 3 && strings.HasSuffix(w, "ó"):
		return true
	}
	return false
}

var moreIrregularPast = setOf("reran", "rewrote", "got", "redid", "fue", "escribió", "hizo", "dijo")

// asideDefinition reports a right side that is the writer talking ("no me
// entero", "I think ..."), a task or a hedge, or shouts ("!!"): an aside,
// not a definition. Study-admin words alone do not count: "un año" or
// "per week" belong in definitions too.
func asideDefinition(right string) bool {
	if strings.Contains(right, "!!") || strings.Contains(right, "??") {
		return true
	}
	m := scanMeta(right)
	return m.writer || m.task || m.hedge
}

package generate

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
)

// German, Spanish and French notes define with the copula as English ones do:
// "Ein Markt ist der Ort, an dem Angebot und Nachfrage zusammentreffen.",
// "La fotosíntesis es el proceso por el que ...". The tagger is English
// only, so these rules read the sentence's shape instead: a short subject
// (an article, adjectives, and a noun; a German noun is capitalised), the
// copula, and a predicate that opens with an article, which is what makes
// it a definition rather than a property ("ist wichtig", "es rojo").

// copulaLang holds one language's copula, articles and question.
type copulaLang struct {
	singular, plural string
	articles         map[string]bool
	pronouns         map[string]bool
	question         func(subject string, plural bool) string
	capitalNouns     bool
}

var copulaDE = copulaLang{
	singular: "ist", plural: "sind",
	articles:     setOf("der", "die", "das", "ein", "eine", "einer", "eines", "kein", "keine"),
	pronouns:     setOf("es", "er", "sie", "das", "dies", "dieses", "diese", "dieser", "man", "was", "wer", "hier", "da", "dort", "jetzt", "heute", "wichtig", "beispiel"),
	capitalNouns: true,
	question: func(s string, plural bool) string {
		if plural {
			return "Was sind " + s + "?"
		}
		if bareNounDE(s) {
			return "Was bedeutet „" + s + "“?" // "Was ist Strom?" lacks the article
		}
		return "Was ist " + s + "?"
	},
}

var copulaES = copulaLang{
	singular: "es", plural: "son",
	articles: setOf("el", "la", "los", "las", "un", "una", "unos", "unas"),
	pronouns: setOf("esto", "eso", "este", "esta", "ese", "esa", "ello", "lo", "que", "quien", "hoy", "aquí", "ahí", "también", "no", "se"),
	question: func(s string, plural bool) string {
		if plural {
			return "¿Qué son " + s + "?"
		}
		return "¿Qué es " + s + "?"
	},
}

var copulaFR = copulaLang{
	singular: "est", plural: "sont",
	articles: setOf("le", "la", "les", "l'", "un", "une", "des"),
	pronouns: setOf("il", "elle", "ils", "elles", "ce", "c'", "cela", "ça", "ceci", "on", "qui", "que", "il y a", "tout", "rien"),
	question: func(s string, plural bool) string {
		if r, _ := utf8.DecodeRuneInString(s); strings.ContainsRune("aeiouhâéèêîôûAEIOUH", r) {
			return "Qu'est-ce qu'" + s + " ?"
		}
		return "Qu'est-ce que " + s + " ?"
	},
}

// copulaSentences makes "Was ist X?" / "¿Qué es X?" cards from the
// defining sentences of a German or Spanish block. It reports whether it
// made any.
func (g *gen) copulaSentences(n ast.Node) bool {
	var cl *copulaLang
	switch g.lang {
	case langGerman:
		cl = &copulaDE
	case langSpanish:
		cl = &copulaES
	case langFrench:
		cl = &copulaFR
	default:
		return false
	}
	pt := g.plain(n)
	if len(pt.text) < 20 {
		return false
	}
	made := false
	_, sents := g.sentencesOf(n)
	for _, ps := range sents {
		sp, sent := ps.span, strings.TrimSpace(ps.text)
		subj, pred, plural, ok := cl.split(sent)
		if !ok || noisy(sent) || subjectPrepositions[strings.ToLower(firstWord(subj))] {
			continue // "Bei einigen Ausnahmen ist ...": an adverbial before the verb, not a subject
		}
		first := g.doc.LineOf(pt.srcOffset(sp.start))
		last := g.doc.LineOf(pt.srcOffset(max(sp.start, sp.end-1)))
		g.add(OriginSentence, cl.question(subj, plural), capFirst(endSentence(pred)), first, last, n, 0.75)
		made = true
	}
	return made
}

// split reads "Subject copula article ..." and returns the subject (its
// article lower-cased), the predicate and whether the copula is plural.
func (cl *copulaLang) split(sent string) (subj, pred string, plural, ok bool) {
	words := strings.Fields(sent)
	k := -1
	for i := 1; i < len(words) && i <= 5; i++ {
		w := words[i]
		if w == cl.singular || w == cl.plural {
			k = i
			break
		}
	}
	if k < 0 || k+2 >= len(words) || !cl.articles[strings.ToLower(words[k+1])] {
		return "", "", false, false
	}
	sw := words[:k]
	lead := strings.ToLower(sw[0])
	if cl.pronouns[lead] || len(sw) == 1 && cl.articles[lead] {
		return "", "", false, false
	}
	for _, w := range sw {
		if strings.ContainsAny(w, ",;:()\"'/=<>→") || startsWithDigit(w) || !hasLetter(w) {
			return "", "", false, false // a clause, a formula or a label, not a noun phrase
		}
	}
	body := sw
	if cl.articles[lead] {
		body = sw[1:]
	}
	if cl.capitalNouns {
		// A German subject ends on its noun, and nothing after the
		// article but adjectives (lower case) comes before it.
		r, _ := utf8.DecodeRuneInString(body[len(body)-1])
		if !unicode.IsUpper(r) {
			return "", "", false, false
		}
		for _, w := range body[:len(body)-1] {
			if r, _ := utf8.DecodeRuneInString(w); unicode.IsUpper(r) && w != body[0] {
				return "", "", false, false
			}
		}
	} else if len(body) > 4 {
		return "", "", false, false
	}
	pred = strings.TrimSpace(strings.Join(words[k+1:], " "))
	if n := countWords(pred); n < 3 || n > 30 || strings.HasSuffix(pred, "?") {
		return "", "", false, false
	}
	if cl.articles[lead] || cl.capitalNouns && len(sw) > 1 {
		// "Ein Markt" -> "ein Markt"; "Elektrischer Strom" -> "elektrischer
		// Strom": only the noun keeps its capital.
		sw = append([]string{strings.ToLower(sw[0])}, sw[1:]...)
	} else if !cl.capitalNouns {
		sw = append([]string{lowerTitleWord(sw[0])}, sw[1:]...)
	}
	return strings.Join(sw, " "), pred, words[k] == cl.plural, true
}

// subjectPrepositions open an adverbial phrase that German, Spanish and
// French put before the verb in place of the subject.
var subjectPrepositions = setOf("bei", "mit", "nach", "seit", "von", "zu", "in", "im", "an", "am", "auf", "aus",
	"für", "durch", "über", "unter", "vor", "während", "en", "con", "por", "para", "desde", "sin", "sobre",
	"dans", "avec", "pour", "par", "sans", "chez", "après", "avant", "pendant")

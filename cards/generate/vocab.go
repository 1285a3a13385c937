package generate

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
)

// Vocabulary cards: a note about learning a language pairs a word or a
// phrase with its meaning ("gern: gladly; happily", "出る - to leave").
// The card asks what the word means; "What is a gern?" would read the
// word as English.

// foreignPhrase makes the card of a line "phrase in another script -
// meaning" in an English note. vocab reports whether the line has that
// shape (then made says whether it gave a card).
func (g *gen) foreignPhrase(left, right string, first, last int, n ast.Node) (made, vocab bool) {
	if g.lang != langEnglish || !foreignScript(left) || foreignScript(right) {
		return false, false
	}
	phrase := strings.TrimSpace(strings.ReplaceAll(stripEmphasis(left), "`", ""))
	if countWords(right) > 20 || !hasLetter(right) || hasLatinLetter(phrase) {
		return false, true // "implies 吹かせる": a note about the word, not the word
	}
	conf := 0.75
	if utf8.RuneCountInString(phrase) > 6 || strings.ContainsAny(phrase, "。！？.!? ") {
		conf = 0.6 // a sentence: often an example of the grammar, not a phrase to learn
	}
	g.add(OriginDefinition, "What does “"+phrase+"” mean?", right, first, last, n, conf)
	return true, true
}

// oneWordTranslation makes the card of "weg: gone" under a heading about
// a language: a one-word meaning, which no definition rule accepts
// elsewhere, is a whole vocabulary card here.
func (g *gen) oneWordTranslation(term, right string, first, last int, n ast.Node) bool {
	if g.lang != langEnglish || countWords(right) != 1 || !hasLetter(right) || strings.ContainsAny(right, "[]():") ||
		strings.Contains(term, "(") || !g.languageNote(n) {
		return false
	}
	g.add(OriginDefinition, "What does “"+term+"” mean?", right, first, last, n, 0.8)
	return true
}

// foreignScript reports text with letters of a script other than Latin,
// Greek or Cyrillic (Japanese, Chinese, Korean, Arabic, ...): in an
// English note, a phrase being learnt rather than a term of the subject.
func foreignScript(s string) bool {
	for _, r := range s {
		if r >= 0x0590 && unicode.IsLetter(r) && !unicode.Is(unicode.Latin, r) {
			return true
		}
	}
	return false
}

// hasLatinLetter reports a letter of the Latin script.
func hasLatinLetter(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Latin, r) {
			return true
		}
	}
	return false
}

// glossAnswer reports a definition that is a translation gloss: an
// infinitive ("to speak with someone") or synonyms split by ";" ("gladly;
// happily").
func glossAnswer(a string) bool {
	a = strings.TrimSpace(stripEmphasis(a))
	if n := countWords(a); n == 0 || n > 6 {
		return false
	}
	if strings.HasPrefix(a, "to ") {
		return true
	}
	parts := strings.Split(a, ";")
	if len(parts) < 2 {
		return false
	}
	for _, p := range parts {
		if n := countWords(p); n == 0 || n > 3 {
			return false
		}
	}
	return true
}

// languageNote reports a block under a heading about learning a language
// ("Learning German", "Spanish vocab"): its "word: meaning" lines are
// vocabulary.
func (g *gen) languageNote(n ast.Node) bool {
	for _, h := range g.context(n) {
		for _, w := range strings.Fields(strings.ToLower(stripEmphasis(h))) {
			if languageWords[strings.Trim(w, wordPunct)] {
				return true
			}
		}
	}
	return false
}

var languageWords = setOf("german", "spanish", "french", "italian", "japanese", "chinese", "korean", "russian",
	"portuguese", "dutch", "latin", "vocab", "vocabulary", "vokabeln", "wortschatz", "vocabulario", "vocabulaire",
	"phrases", "deutsch", "español", "français")

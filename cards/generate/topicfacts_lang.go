package generate

import (
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
)

// German and Spanish items under a topic. German keeps the finite verb
// second, so "liefert den Großteil" under "Atmungskette" asks "Was liefert
// die Atmungskette?" with the verb as written; a place asks "Wo findet ...
// statt?". Spanish history notes list what a person did under their name:
// "Simón Bolívar" over "liberó Venezuela, Colombia" asks "¿Qué liberó
// Simón Bolívar?".

// topicFactDE is topicFact for German notes.
func (g *gen) topicFactDE(words []string, first, last int, n ast.Node, tp topic) bool {
	if q, a, ok := codeVerbDE(words); ok {
		g.add(OriginTopicFact, q, a, first, last, n, 0.72)
		return true
	}
	subj, ok := g.topicDE(tp)
	if !ok {
		return false
	}
	w0 := strings.ToLower(words[0])
	switch {
	case placePrepsDE[w0] && len(words) >= 2 && len(words) <= 7:
		obj := objectText(words)
		if obj == "" || strings.ContainsAny(obj, ",;:") || startsWithDigit(words[1]) {
			return false
		}
		q := "Wo befindet sich " + subj + "?"
		if processNounDE(subj) {
			q = "Wo findet " + subj + " statt?"
		}
		g.add(OriginTopicFact, q, capFirst(obj), first, last, n, 0.72)
		return true
	case factVerbsDE[w0]:
		obj := objectText(words[1:])
		o0 := strings.ToLower(firstWord(obj))
		if obj == "" || strings.HasPrefix(o0, "kein") || o0 == "nicht" || o0 == "nur" {
			return false // a negation: the question would ask the wrong way round
		}
		g.add(OriginTopicFact, "Was "+w0+" "+subj+"?", capFirst(obj), first, last, n, 0.72)
		return true
	}
	return false
}

var placePrepsDE = setOf("in", "im", "an", "am", "auf", "innerhalb")

// factVerbsDE are third-person verbs a German item may start with.
var factVerbsDE = setOf("liefert", "bildet", "enthält", "erzeugt", "produziert", "speichert",
	"transportiert", "hemmt", "fördert", "bindet", "steuert", "regelt", "benötigt", "verbraucht",
	"spaltet", "katalysiert", "schützt", "ermöglicht", "verhindert", "beschreibt", "misst",
	"regelt", "überträgt", "erhöht", "senkt", "verursacht", "gewinnt", "nutzt", "verwendet",
	"braucht", "hat", "umfasst", "definiert", "bestimmt", "ersetzt", "entfernt")

// processNounDE reports a German noun that names a process ("Glykolyse",
// "Decarboxylierung", "Citratzyklus", "Atmungskette").
func processNounDE(np string) bool {
	w := strings.ToLower(lastWord(np))
	for _, suf := range [...]string{"ung", "yse", "ese", "zyklus", "kette", "ation", "prozess", "reaktion", "gärung"} {
		if strings.HasSuffix(w, suf) {
			return true
		}
	}
	return false
}

// topicDE is the topic of a German item as a subject with its article:
// "die Atmungskette", "der Citratzyklus", "die oxidative
// Decarboxylierung". The article comes from the noun's ending; a noun
// whose ending does not tell gives no subject.
func (g *gen) topicDE(tp topic) (string, bool) {
	g.resolve(&tp)
	if tp.kind == topicNone {
		return "", false
	}
	raw := strings.TrimRight(strings.TrimSpace(stripEmphasis(tp.text)), ":")
	if tp.kind == topicHeading {
		raw = stripEnumeration(raw)
	}
	raw = strings.TrimSpace(dropParens(stripEnumeration(raw)))
	words := strings.Fields(raw)
	if len(words) == 0 || len(words) > 3 || excludedTopic(raw) || strings.ContainsAny(raw, "=>→?:;,") {
		return "", false
	}
	head := words[len(words)-1]
	if r, _ := utf8.DecodeRuneInString(head); !(r >= 'A' && r <= 'Z' || r == 'Ä' || r == 'Ö' || r == 'Ü') {
		return "", false
	}
	for _, w := range words[:len(words)-1] {
		if capitalised(w) {
			return "", false // a name or a title, not a noun with its adjectives
		}
	}
	art := articleDE(head)
	if art == "" {
		return "", false
	}
	return art + " " + raw, true
}

// articleDE is the nominative article of a German noun, by its ending, or
// "" when the ending does not tell.
func articleDE(noun string) string {
	w := strings.ToLower(noun)
	for _, suf := range [...]string{"ung", "heit", "keit", "schaft", "ion", "tät", "ie", "ik", "yse", "ase", "ose", "kette", "ei", "ur"} {
		if strings.HasSuffix(w, suf) {
			return "die"
		}
	}
	for _, suf := range [...]string{"zyklus", "ismus", "us", "ling", "or"} {
		if strings.HasSuffix(w, suf) {
			return "der"
		}
	}
	for _, suf := range [...]string{"um", "ment", "chen", "lein"} {
		if strings.HasSuffix(w, suf) {
			return "das"
		}
	}
	return ""
}

// topicFactES is topicFact for Spanish notes: a preterite under a person.
func (g *gen) topicFactES(words []string, first, last int, n ast.Node, tp topic) bool {
	if tp.kind != topicParent || !nameLike(strings.TrimSpace(stripEmphasis(tp.text))) {
		return false
	}
	verb := strings.ToLower(words[0])
	if !preteriteES(verb) {
		return false
	}
	obj := objectText(words[1:])
	if obj == "" || countWords(obj) > 14 {
		return false
	}
	g.add(OriginTopicFact, "¿Qué "+verb+" "+strings.TrimSpace(stripEmphasis(tp.text))+"?", capFirst(obj), first, last, n, 0.72)
	return true
}

// preteriteES reports a Spanish third-person preterite: "liberó",
// "fundó", "escribió".
func preteriteES(w string) bool {
	return utf8.RuneCountInString(w) >= 4 && strings.HasSuffix(w, "ó") && !strings.HasSuffix(w, "ción") && !strings.HasSuffix(w, "sión")
}

// codeVerbDE reads "WHERE filtert Zeilen vor der Gruppierung": a keyword
// in capitals, then a verb (German nouns are capitalised, so a lower-case
// word ending in -t after the keyword is its verb). A separable prefix at
// the end goes back to the verb in the question ("Was nimmt ROLLBACK
// zurück?").
func codeVerbDE(words []string) (q, a string, ok bool) {
	k := 0
	for k < len(words) && k < 3 && upperWord(words[k]) {
		k++
	}
	if k == 0 || k+1 >= len(words) {
		return "", "", false
	}
	verb := words[k]
	if verb != strings.ToLower(verb) || !strings.HasSuffix(verb, "t") || utf8.RuneCountInString(verb) < 4 {
		return "", "", false
	}
	rest := words[k+1:]
	prefix := ""
	if len(rest) > 1 && separablePrefixes[rest[len(rest)-1]] {
		prefix, rest = " "+rest[len(rest)-1], rest[:len(rest)-1]
	}
	obj := objectText(rest)
	if obj == "" || strings.ContainsAny(obj, ":;") || countWords(obj) > 12 {
		return "", "", false
	}
	return "Was " + verb + " " + strings.Join(words[:k], " ") + prefix + "?", capFirst(obj), true
}

// upperWord is a keyword in capitals: "WHERE", "GROUP", "NULL".
func upperWord(w string) bool {
	letters := 0
	for _, r := range w {
		switch {
		case r >= 'A' && r <= 'Z':
			letters++
		case r == '_' || r >= '0' && r <= '9':
		default:
			return false
		}
	}
	return letters >= 2
}

var separablePrefixes = setOf("an", "ab", "auf", "aus", "ein", "fest", "zurück", "vor", "mit", "zu", "dar", "her", "hin", "weg")

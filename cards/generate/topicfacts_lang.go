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

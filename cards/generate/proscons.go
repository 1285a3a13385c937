package generate

import (
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
)

// The pros-and-cons rule: a label that says advantages or disadvantages
// ("Pros: fast reads, predictable latency", "Disadvantages:" over a list)
// under the thing it judges (a parent item, a short line before the list,
// or a heading) gives one card with the items as its answer: "What are
// the advantages of an LSM tree?". Without that subject the label's items
// say nothing a learner can be asked about, so there is no card.

// prosConsWords maps a label word to whether it names advantages (true)
// or disadvantages (false), with the noun the question uses.
var prosConsWords = map[string]struct {
	pro  bool
	noun string // the question's noun, plural; "" keeps the label's own word
	lang string // the label's language, which the question takes
}{
	"pro": {true, "advantages", langEnglish}, "pros": {true, "advantages", langEnglish}, "advantage": {true, "", langEnglish}, "advantages": {true, "", langEnglish},
	"benefit": {true, "", langEnglish}, "benefits": {true, "", langEnglish}, "upside": {true, "", langEnglish}, "upsides": {true, "", langEnglish},
	"strength": {true, "", langEnglish}, "strengths": {true, "", langEnglish},
	"con": {false, "disadvantages", langEnglish}, "cons": {false, "disadvantages", langEnglish}, "disadvantage": {false, "", langEnglish},
	"disadvantages": {false, "", langEnglish}, "drawback": {false, "", langEnglish}, "drawbacks": {false, "", langEnglish}, "downside": {false, "", langEnglish},
	"downsides": {false, "", langEnglish}, "weakness": {false, "", langEnglish}, "weaknesses": {false, "", langEnglish}, "limitation": {false, "", langEnglish},
	"limitations": {false, "", langEnglish},
	"vorteil":     {true, "Vorteile", langGerman}, "vorteile": {true, "Vorteile", langGerman}, "nachteil": {false, "Nachteile", langGerman}, "nachteile": {false, "Nachteile", langGerman},
	"ventaja": {true, "ventajas", langSpanish}, "ventajas": {true, "ventajas", langSpanish}, "desventaja": {false, "desventajas", langSpanish},
	"desventajas": {false, "desventajas", langSpanish}, "inconveniente": {false, "inconvenientes", langSpanish}, "inconvenientes": {false, "inconvenientes", langSpanish},
	"avantage": {true, "avantages", langFrench}, "avantages": {true, "avantages", langFrench}, "inconvénient": {false, "inconvénients", langFrench},
	"inconvénients": {false, "inconvénients", langFrench},
}

// prosConsLabel reads "Pros: a, b" or "Disadvantages:" (with nothing after
// the colon): the label's noun for the question and the inline rest.
func prosConsLabel(s string) (noun, rest, lang string, ok bool) {
	label, rest, colon := strings.Cut(strings.TrimSpace(s), ":")
	if !colon {
		rest = "" // "Advantages" alone over its list
	}
	// Most lines fail here, before any allocation: a label is one short
	// word, maybe in bold ("**Pros:** a, b").
	label = strings.Trim(label, "*_ ")
	if len(label) < 3 || len(label) > 15 {
		return "", "", "", false
	}
	w, found := prosConsWords[label]
	if !found {
		w, found = prosConsWords[strings.ToLower(label)]
	}
	if !found {
		return "", "", "", false
	}
	noun = w.noun
	if noun == "" {
		noun = strings.ToLower(label)
	}
	return noun, strings.TrimSpace(strings.TrimLeft(rest, "*_ ")), w.lang, true
}

// prosConsItems splits an inline list of pros or cons at commas and
// semicolons (outside parentheses).
func prosConsItems(rest string) []string {
	rest = strings.TrimSuffix(strings.TrimSpace(rest), ".")
	if rest == "" {
		return nil
	}
	var items []string
	depth, start := 0, 0
	for i, r := range rest {
		switch r {
		case '(':
			depth++
		case ')':
			depth--
		case ',', ';':
			if depth == 0 {
				items = append(items, rest[start:i])
				start = i + 1
			}
		}
	}
	items = append(items, rest[start:])
	out := items[:0]
	for _, it := range items {
		if it = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(it), "and ")); it != "" {
			out = append(out, it)
		}
	}
	return out
}

// prosConsSubject is the thing a pros-or-cons label judges, as a question
// names it: the term of the parent item ("LSM tree: memtable plus ..."
// gives "LSM tree"), or the short line before the list.
func prosConsSubject(s string) (string, bool) {
	s = strings.TrimSpace(stripEmphasis(s))
	for _, cut := range [...]string{": ", " - ", " – ", " — ", " = ", " (", " -> ", " → "} {
		if i := strings.Index(s, cut); i > 0 {
			s = s[:i]
		}
	}
	s = strings.TrimRight(strings.TrimSpace(s), ":.")
	n := countWords(s)
	if n == 0 || n > 6 || !hasLetter(s) || strings.ContainsAny(s, "?!`[]") {
		return "", false
	}
	if _, own := prosConsWords[strings.ToLower(s)]; own {
		return "", false
	}
	return s, true
}

// prosCons makes the card of one pros-or-cons label. text is the label
// line; children are the texts of the list under it (nil when the items
// are inline); subject is the raw text of what the label judges.
func (g *gen) prosCons(text string, children []string, subject string, first, last int, n ast.Node) bool {
	if g.lang == langOther {
		return false
	}
	noun, rest, lang, ok := prosConsLabel(text)
	if !ok {
		return false
	}
	items := children
	if rest != "" {
		if len(children) > 0 {
			return false // "Pros: see below" over a list: which is the answer?
		}
		items = prosConsItems(rest)
	}
	if len(items) == 0 || len(items) > 8 {
		return false
	}
	for i, it := range items {
		it = strings.TrimSpace(stripEmphasis(it))
		if countWords(it) > 20 || !hasLetter(it) {
			return false
		}
		items[i] = it
	}
	term, ok := prosConsSubject(subject)
	if !ok {
		return false
	}
	q := g.prosConsQuestion(lang, noun, term, len(items) == 1)
	g.add(OriginProsCons, q, strings.Join(items, "; "), first, last, n, 0.8)
	return true
}

// prosConsQuestion asks for the advantages or disadvantages of term in the
// label's language; one item is "the advantage", several "the advantages".
func (g *gen) prosConsQuestion(lang, noun, term string, one bool) string {
	switch lang {
	case langGerman:
		if one {
			return "Was ist der " + singularDE(noun) + " von " + term + "?"
		}
		return "Was sind die " + noun + " von " + term + "?"
	case langSpanish:
		if one {
			return "¿Cuál es la " + strings.TrimSuffix(noun, "s") + " de " + term + "?"
		}
		return "¿Cuáles son las " + noun + " de " + term + "?"
	case langFrench:
		if one {
			return "Quel est l'" + strings.TrimSuffix(noun, "s") + " de " + term + " ?"
		}
		return "Quels sont les " + noun + " de " + term + " ?"
	}
	phrase, _ := g.nounPhrase(term)
	if one {
		if isPluralWord(noun) {
			noun = singular(noun)
		}
		return "What is the " + noun + " of " + phrase + "?"
	}
	if !isPluralWord(noun) {
		noun = pluralOf(noun)
	}
	return "What are the " + noun + " of " + phrase + "?"
}

// singularDE is Vorteil for Vorteile, Nachteil for Nachteile.
func singularDE(noun string) string {
	if r, _ := utf8.DecodeLastRuneInString(noun); r == 'e' {
		return noun[:len(noun)-1]
	}
	return noun
}

// pluralOf is the plural of a pros-or-cons noun given in the singular.
func pluralOf(noun string) string {
	if strings.HasSuffix(noun, "ss") {
		return noun + "es" // weakness
	}
	return noun + "s"
}

// prosConsTopic is the raw text a pros-or-cons label in block n judges:
// its parent item or label, else a one-line paragraph right before its
// list ("Single-leader replication" over "- pro: simple"), else the
// nearest heading.
func (g *gen) prosConsTopic(tp topic, n ast.Node) string {
	switch tp.kind {
	case topicParent, topicLabel:
		return tp.text
	}
	if item, ok := n.Parent().(*ast.ListItem); ok {
		if p, ok := item.Parent().PreviousSibling().(*ast.Paragraph); ok {
			if ls := g.rawLines(p); len(ls) == 1 && !strings.HasSuffix(ls[0].text, ":") {
				return ls[0].text
			}
		}
	}
	g.resolve(&tp)
	return cleanTopic(tp.text)
}

// prosConsLine makes the card of a pros-or-cons label on a line of a
// paragraph: the subject is the line before it in the paragraph, or the
// topic when it is the first.
func (g *gen) prosConsLine(ls []rawLine, i int, children []string, n ast.Node, tp topic) bool {
	l := ls[i]
	if _, _, _, ok := prosConsLabel(l.text); !ok {
		return false
	}
	subject := ""
	for j := i - 1; j >= 0; j-- {
		if _, _, _, label := prosConsLabel(ls[j].text); !label {
			subject = ls[j].text
			break
		}
	}
	if subject == "" {
		subject = g.prosConsTopic(tp, n)
	}
	return g.prosCons(l.text, children, subject, l.num, l.num, n)
}

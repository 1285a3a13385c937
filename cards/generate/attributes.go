package generate

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
)

// An attribute list names a property in its label and gives its value for
// several things, one per item: "Intrinsic rates:" over "SA node
// 60–100/min", "AV node 40–60/min"; "colours at room temp" over
// "chlorine: pale green gas". Each item is then its own fact ("What is the
// intrinsic rate of the SA node?"), and none is a definition of its thing
// ("What is chlorine?" -> "pale green gas" would be wrong).

// attrItem is one item of an attribute list: the thing and its value.
type attrItem struct {
	name, value string
	line        int
}

// attributeCards makes one card per item when label names a property and
// every item reads "name value" or "name: value". It reports whether the
// list was one (and its cards made).
func (g *gen) attributeCards(label string, items []attrItem, n ast.Node) bool {
	if g.lang != langEnglish || len(items) < 2 || len(items) > 12 {
		return false
	}
	pre, head, post, ok := attributeLabel(label)
	if !ok {
		return false
	}
	for _, it := range items {
		if it.name == "" {
			return false
		}
	}
	for _, it := range items {
		q := "What is the " + strings.TrimSpace(pre+" "+head) + " of " + attrName(it.name)
		if post != "" {
			q += " " + post
		}
		conf := 0.75
		if !hasDigit(it.value) {
			// "chlorine: pale green gas" under "colours at room temp": the
			// label may be a heading of sorts rather than the property
			// each value gives; a measured value leaves no such doubt.
			conf = 0.65
		}
		g.add(OriginAttribute, q+"?", it.value, it.line, it.line, n, conf)
	}
	return true
}

// attributeLabel splits a label into the words before its plural head
// noun, the head in the singular and the words after it: "Intrinsic rates
// (good exam q):" -> "intrinsic", "rate", ""; "colours at room temp" ->
// "", "colour", "at room temp". The head must be plural and name a
// property, not a group of things ("types", "causes", "examples").
func attributeLabel(label string) (pre, head, post string, ok bool) {
	l := strings.TrimRight(strings.TrimSpace(stripEmphasis(dropParens(label))), ": ")
	if l == "" || excludedTopic(l) || strings.ContainsAny(l, "?!=→>`[") {
		return "", "", "", false
	}
	words := strings.Fields(strings.ToLower(l))
	if len(words) > 5 {
		return "", "", "", false
	}
	for i, w := range words {
		if i > 2 || numberWords[w] || startsWithDigit(w) {
			return "", "", "", false
		}
		if !isPluralWord(w) {
			continue
		}
		if groupNouns[w] || genericTerms[w] || i > 0 && !adjectiveLike(words[:i]) {
			return "", "", "", false
		}
		return strings.Join(words[:i], " "), singular(w), strings.Join(words[i+1:], " "), true
	}
	return "", "", "", false
}

// adjectiveLike reports words that may stand before a head noun in a
// property label ("intrinsic", "normal", "boiling"): no function words.
func adjectiveLike(ws []string) bool {
	for _, w := range ws {
		if stopWords[w] || pronouns[w] {
			return false
		}
	}
	return true
}

// attrName is how a question names a thing of the list: "the SA node",
// "the ventricles", "chlorine", "Mercury".
func attrName(name string) string {
	w := strings.Fields(name)
	r, _ := utf8.DecodeRuneInString(name)
	if len(w) > 1 || isPluralWord(w[0]) && !unicode.IsUpper(r) {
		return "the " + name
	}
	return name
}

// splitAttrItem reads one item as a thing and its value: "SA node
// 60–100/min" (the value starts at the first number) or "chlorine: pale
// green gas". It returns ok false for any other shape.
func splitAttrItem(s string) (name, value string, ok bool) {
	s = strings.TrimRight(strings.TrimSpace(stripEmphasis(s)), ".;,")
	if len(scanLine(s).links) > 0 || strings.ContainsAny(s, "?`") {
		return "", "", false
	}
	if i := strings.Index(s, ": "); i > 0 {
		name, value = strings.TrimSpace(s[:i]), strings.TrimSpace(s[i+2:])
		if countWords(value) > 6 {
			return "", "", false
		}
	} else {
		w := strings.Fields(s)
		at := -1
		for i, x := range w {
			if startsWithDigit(strings.TrimLeft(x, "<>≈~≤≥+-")) && hasDigit(x) {
				at = i
				break
			}
		}
		if at < 1 || len(w)-at > 4 {
			return "", "", false
		}
		name, value = strings.Join(w[:at], " "), strings.Join(w[at:], " ")
	}
	if n := countWords(name); n == 0 || n > 4 || !hasLetter(name) || startsWithDigit(name) || value == "" {
		return "", "", false
	}
	if f := strings.ToLower(firstWord(name)); pronouns[f] || termStartStop[f] || clauseStarts[f] {
		return "", "", false
	}
	return name, value, true
}

func hasDigit(s string) bool {
	return strings.IndexFunc(s, unicode.IsDigit) >= 0
}

// listAttributes is attributeCards over a Markdown list of one-line items.
func (g *gen) listAttributes(label string, list *ast.List, n ast.Node) bool {
	var items []attrItem
	var blocks []ast.Node
	for it := list.FirstChild(); it != nil; it = it.NextSibling() {
		if it.ChildCount() != 1 {
			return false
		}
		ls := g.rawLines(it.FirstChild())
		if len(ls) != 1 {
			return false
		}
		name, value, ok := splitAttrItem(ls[0].text)
		if !ok {
			return false
		}
		items = append(items, attrItem{name, value, ls[0].num})
		blocks = append(blocks, it.FirstChild())
	}
	if !g.attributeCards(label, items, n) {
		return false
	}
	for _, b := range blocks {
		g.markUsed(b)
	}
	return true
}

// outlineAttributes is attributeCards over the child lines of an
// indented outline.
func (g *gen) outlineAttributes(label string, lines []outlineLine, kids []int, n ast.Node) bool {
	items := make([]attrItem, 0, len(kids))
	for _, k := range kids {
		name, value, ok := splitAttrItem(lines[k].text)
		if !ok {
			return false
		}
		items = append(items, attrItem{name, value, lines[k].num})
	}
	return g.attributeCards(label, items, n)
}

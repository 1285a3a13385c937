package generate

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
)

// A parent that names a set, with the set's members as its first child,
// lists them on one line: "Noble gases" over "He, Ne, Ar, Kr, Xe", "Group
// 1 - alkali metals" over "Li, Na, K, Rb, Cs, Fr". The child answers
// "What are the noble gases?"; the parent's other children are facts
// about the set, which the other rules read.

// memberList makes the member card from a list item's first child.
func (g *gen) memberList(parent string, first int, list *ast.List, n ast.Node, tp topic) {
	it := list.FirstChild()
	if it == nil || it.ChildCount() != 1 {
		return
	}
	tb := it.FirstChild()
	ls := g.rawLines(tb)
	if len(ls) != 1 || g.used[tb] {
		return
	}
	if g.memberCard(parent, ls[0].text, first, ls[0].num, n, tp) {
		g.markUsed(tb)
	}
}

// memberCard adds "What are the <set>?" -> the members when parent names a
// set (a plural noun phrase) and child is a comma list of three or more
// names. Members that are not names ("small, round, nucleated") may be
// properties of the parent instead: those cards are only suggested.
func (g *gen) memberCard(parent, child string, first, last int, n ast.Node, tp topic) bool {
	if g.lang != langEnglish || !strings.Contains(child, ",") {
		return false
	}
	name, ok := setName(parent)
	if !ok || excludedTopic(name) || excludedTopic(parent) {
		return false
	}
	items, ok := commaItems(child)
	if !ok {
		items, ok = symbolItems(child) // "F, Cl, Br, I, At": "I" is no pronoun here
	}
	if !ok || len(items) < 3 {
		return false
	}
	names := 0
	for _, m := range items {
		if countWords(m) > 3 || hasOwnVerb(strings.Fields(m)) {
			return false
		}
		if nameLikeMember(m) {
			names++
		}
	}
	q, ok := g.labelQuestion(name, tp)
	if !ok {
		return false
	}
	conf := 0.75
	if 2*names < len(items) {
		conf = 0.65
	}
	g.add(OriginMemberList, q, strings.Join(items, "; "), first, last, n, conf)
	return true
}

// setName reads the set a parent names: "Noble gases", or the name after
// a dash in "Group 1 - alkali metals". It must be a short plural noun
// phrase with no verb, colon text or parenthesis.
func setName(parent string) (string, bool) {
	s := strings.TrimSpace(stripEmphasis(parent))
	if i := strings.Index(s, " - "); i > 0 && countWords(s[:i]) <= 3 {
		s = strings.TrimSpace(s[i+3:])
	}
	s = strings.TrimRight(s, ": ")
	label, ok := cleanLabel(s)
	if !ok || strings.ContainsAny(label, ":=()[]?!,;/<>→") {
		return "", false
	}
	words := strings.Fields(label)
	if len(words) == 0 || len(words) > 4 || hasOwnVerb(words) {
		return "", false
	}
	last := strings.ToLower(words[len(words)-1])
	if !strings.HasSuffix(last, "s") || strings.HasSuffix(last, "ss") || strings.HasSuffix(last, "us") || strings.HasSuffix(last, "is") {
		return "", false // "Group 1", "Process", "Analysis": not a plural set
	}
	if w := strings.ToLower(words[0]); pronouns[w] || clauseOpeners[w] || termStartStop[w] {
		return "", false
	}
	return label, true
}

// nameLikeMember reports a member that reads as a name or symbol: it
// starts with a capital letter or a digit ("Na", "IO", "Maybe", "3NF").
func nameLikeMember(m string) bool {
	r, _ := utf8.DecodeRuneInString(strings.Trim(m, "`*_\"'"))
	return unicode.IsUpper(r) || unicode.IsDigit(r)
}

// symbolItems splits a comma list of one-word names ("He, Ne, Ar"), which
// commaItems refuses when a name reads as a pronoun.
func symbolItems(s string) ([]string, bool) {
	parts := strings.Split(strings.TrimSuffix(strings.TrimSpace(s), "."), ",")
	if len(parts) < 3 || len(parts) > 12 {
		return nil, false
	}
	items := make([]string, 0, len(parts))
	for _, p := range parts {
		p = strings.TrimSpace(p)
		if p == "" || strings.ContainsRune(p, ' ') || !nameLikeMember(p) {
			return nil, false
		}
		for _, r := range p {
			if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
				return nil, false
			}
		}
		items = append(items, p)
	}
	return items, true
}

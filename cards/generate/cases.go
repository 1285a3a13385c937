package generate

import (
	"strings"

	"github.com/yuin/goldmark/ast"
)

// Law notes cite cases by name, "Carlill v Carbolic Smoke Ball Co (1893)",
// in two ways: a case and what it held ("Fisher v Bell (1961): a knife in
// a shop window is an invitation to treat"), or a rule and the case that
// is its authority ("**Postal rule:** acceptance is effective when posted
// (Adams v Lindsell, 1818)"). Both are cards a law student writes.

// caseHolding makes "What did X v Y (year) establish?" -> the holding. It
// reports whether it made the card.
func (g *gen) caseHolding(text string, first, last int, n ast.Node) bool {
	if g.lang != langEnglish || !strings.Contains(text, " v ") {
		return false
	}
	s := strings.TrimSpace(stripEmphasis(text))
	name, holding, ok := strings.Cut(s, ":")
	if !ok {
		return false
	}
	name, holding = strings.TrimSpace(name), strings.TrimSpace(holding)
	if !caseName(name) || countWords(holding) < 3 || countWords(holding) > MaxAnswerWords {
		return false
	}
	g.add(OriginCase, "What did "+name+" establish?", capFirst(holding), first, last, n, 0.75)
	return true
}

// caseCitation makes "Which case established the postal rule?" -> "Adams
// v Lindsell (1818)" from a definition line that ends by citing its case.
// It adds the card beside the definition the line also gives.
func (g *gen) caseCitation(text string, first, last int, n ast.Node) {
	if g.lang != langEnglish || !strings.Contains(text, " v ") {
		return
	}
	s := strings.TrimRight(strings.TrimSpace(boldColon(text)), ".")
	term, rest, ok := strings.Cut(s, ":")
	if !ok || !strings.HasSuffix(rest, ")") {
		return
	}
	open := strings.LastIndex(rest, "(")
	if open < 0 {
		return
	}
	cite := strings.TrimSpace(rest[open+1 : len(rest)-1])
	name, year, hasYear := strings.Cut(cite, ",")
	name, year = strings.TrimSpace(name), strings.TrimSpace(year)
	if hasYear && !fourDigitYear(year) || !caseName(name) {
		return
	}
	if hasYear {
		name += " (" + year + ")"
	}
	t, _, ok := cleanTerm(strings.TrimSpace(term))
	if !ok || countWords(t) > 4 || countWords(strings.TrimSpace(rest[:open])) < 3 || !ruleHeads[strings.ToLower(lastWord(t))] {
		return // "Silence: ... (Felthouse v Bindley)": a case cited, not the rule it made
	}
	g.add(OriginCase, "Which case established the "+strings.ToLower(t)+"?", name, first, last, n, 0.72)
}

// caseName reports "Fisher v Bell", "Carlill v Carbolic Smoke Ball Co
// (1893)": capitalised parties on both sides of " v ".
func caseName(s string) bool {
	s = strings.TrimSpace(s)
	if i := strings.LastIndex(s, " ("); i > 0 && strings.HasSuffix(s, ")") {
		if !fourDigitYear(s[i+2 : len(s)-1]) {
			return false
		}
		s = s[:i]
	}
	a, b, ok := strings.Cut(s, " v ")
	if !ok || countWords(a) > 4 || countWords(b) > 5 || countWords(a) == 0 || countWords(b) == 0 {
		return false
	}
	for _, w := range strings.Fields(a + " " + b) {
		if !capitalised(w) && w != "of" && w != "and" && w != "&" {
			return false
		}
	}
	return true
}

// ruleHeads end the names of rules a case establishes.
var ruleHeads = setOf("rule", "principle", "doctrine", "test", "defence", "defense", "exception", "presumption")

package generate

import (
	"strings"

	"github.com/yuin/goldmark/ast"
)

// A glossary of codes lists each code and what it means with no separator
// but a space: "1xx informational", "2xx success (200 OK)", "SIGINT
// interrupt from the keyboard". One such line alone may be anything; three
// or more siblings of that shape under one topic are a glossary, and each
// asks "What do 2xx status codes mean?".

// codeGloss makes the card of one glossary line, given the texts of its
// siblings (itself included).
func (g *gen) codeGloss(text string, siblings []string, first, last int, n ast.Node, tp topic) bool {
	if !codeGlossLine(text) || !g.glossary(siblings) {
		return false
	}
	code, meaning, _ := strings.Cut(strings.TrimSpace(stripEmphasis(text)), " ")
	q := "What does " + code + " mean?"
	g.resolve(&tp)
	if _, verb := factVerbs[strings.ToLower(firstWord(meaning))]; verb {
		q = "What does " + code + " do?" // "MX names the mail server of a domain"
	} else if tp.kind != topicNone {
		if t := strings.ToLower(strings.TrimRight(strings.TrimSpace(stripEmphasis(tp.text)), ":")); countWords(t) <= 3 &&
			isPluralWord(lastWord(t)) && !excludedTopic(t) && !strings.ContainsAny(t, "()=:-") {
			q = "What do " + code + " " + t + " mean?"
		}
	}
	g.add(OriginCodeGloss, q, capFirst(strings.TrimSpace(meaning)), first, last, n, 0.72)
	return true
}

// glossary reports whether lines are a glossary of codes: three or more,
// and two thirds of them "CODE meaning".
func (g *gen) glossary(lines []string) bool {
	if g.lang != langEnglish || len(lines) < 3 {
		return false
	}
	same := 0
	for _, s := range lines {
		if codeGlossLine(s) {
			same++
		}
	}
	return same >= 3 && same*3 >= len(lines)*2
}

// codeGlossLine reports "CODE meaning": a first word with a digit or in
// capitals, then lower-case words, and no separator of another rule.
func codeGlossLine(s string) bool {
	s = strings.TrimSpace(stripEmphasis(s))
	code, meaning, ok := strings.Cut(s, " ")
	if !ok || strings.ContainsAny(code, ":=()") || !hasLetter(meaning) || countWords(meaning) > 12 {
		return false
	}
	if !(upperWord(code) || isNumberText(code) && hasLetter(code) && len(code) <= 6) {
		return false // a bare number counts things ("2 tents") more often than it names them
	}
	if strings.Contains(meaning, "->") || strings.Contains(meaning, "=>") || strings.HasPrefix(meaning, "=") ||
		strings.HasPrefix(meaning, ":") || strings.HasPrefix(meaning, "-") {
		return false
	}
	w := firstWord(meaning)
	return w == strings.ToLower(w) && !upperWord(strings.Fields(meaning)[0])
}

// itemTexts are the texts of the items of a list.
func (g *gen) itemTexts(list ast.Node) []string {
	var out []string
	for it := list.FirstChild(); it != nil; it = it.NextSibling() {
		if tb := itemText(it); tb != nil {
			out = append(out, joined(g.rawLines(tb)))
		}
	}
	return out
}

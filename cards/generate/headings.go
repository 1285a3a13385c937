package generate

import (
	"strings"

	"github.com/yuin/goldmark/ast"
)

// heading runs the heading rules: a labelled comma list written as a
// heading ("d. best models ... : a, b, and c"), a heading label over a
// list ("## Process states:"), and the question-heading rule.
func (g *gen) heading(h *ast.Heading) {
	ls := g.rawLines(h)
	if len(ls) == 0 {
		return
	}
	raw := joined(ls)
	num := ls[0].num
	ln := scanLine(raw)
	if ln.hasExplicitMarkup() {
		return
	}
	g.headingAbbreviation(raw, num, h)
	tp := g.topicOf(h)
	if sp, ok := ln.findSep(); ok && sp.width == 1 {
		if label, ok := cleanLabel(raw[:sp.at]); ok {
			if items, ok := commaItems(raw[sp.at+1:]); ok {
				if q, ok := g.labelQuestion(label, tp); ok {
					g.add(OriginLabelledList, q, strings.Join(items, "; "), num, num, h, 0.8)
					return
				}
			}
		}
	}
	if list, ok := h.NextSibling().(*ast.List); ok {
		if strings.HasSuffix(raw, ":") {
			if g.labelledList(raw, num, list, h, tp) {
				return
			}
		} else if g.headingList(h, num, list, tp) {
			return
		}
	}
	q, ok := g.questionHeading(h)
	if !ok {
		return
	}
	a, last, ok := g.sectionAnswer(h)
	if !ok {
		return
	}
	a = stripSubject(q, a)
	g.add(OriginQuestionHeading, q, a, num, last, h, 0.8)
}

// headingList makes a topic -> children card from a heading that names a
// group ("Process states", "Symptoms" under "Asthma") and the short list
// right under it. Without the colon of a label this is less certain.
func (g *gen) headingList(h *ast.Heading, num int, list *ast.List, tp topic) bool {
	text := g.headingText(h)
	label, ok := cleanLabel(text)
	if !ok || excludedTopic(label) || questionStarts[firstWord(label)] || documentWords[strings.ToLower(lastWord(label))] {
		return false
	}
	return g.childrenCard(label, list, num, h, tp, 0.72, true)
}

// documentWords end headings that name a part of the note, not a group:
// "Python notes", "Week 3 summary".
var documentWords = setOf("notes", "summary", "overview", "recap", "review", "misc", "basics", "intro",
	"introduction", "takeaways", "highlights", "stuff")

// questionHeading returns a heading's text as a question when it is one:
// it ends in "?" or starts with What/Why/How/When/Which/Who. Trailing
// links ("[Link](...)"), images, " | DL7"-style suffixes and outline
// numbering ("a. ") are dropped.
func (g *gen) questionHeading(h *ast.Heading) (string, bool) {
	type piece struct {
		text string
		link bool
	}
	var buf [4]piece // most headings have a few inlines: no allocation
	pieces := buf[:0]
	linked := false
	for c := h.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Link, *ast.AutoLink:
			linked = true
			pieces = append(pieces, piece{buildPlain(c, g.src).text, true})
		case *ast.Image, *ast.RawHTML:
		case *ast.CodeSpan:
			pieces = append(pieces, piece{"`" + buildPlain(c, g.src).text + "`", false})
		default:
			pieces = append(pieces, piece{buildPlain(c, g.src).text, false})
		}
	}
	for len(pieces) > 0 {
		p := pieces[len(pieces)-1]
		if !p.link && strings.TrimSpace(p.text) != "" {
			break
		}
		pieces = pieces[:len(pieces)-1]
	}
	var b strings.Builder
	for _, p := range pieces {
		b.WriteString(p.text)
	}
	t := strings.TrimSpace(b.String())
	// "[coursera]"-style bracket tags left as text.
	for strings.HasSuffix(t, "]") {
		i := strings.LastIndexByte(t, '[')
		if i < 0 {
			break
		}
		t = strings.TrimSpace(t[:i])
	}
	if i := strings.LastIndex(t, "|"); i > 0 && countWords(t[i+1:]) <= 3 {
		t = strings.TrimSpace(t[:i])
	}
	t = strings.TrimRight(t, " :-–—")
	t = stripEnumeration(t)
	n := countWords(t)
	if n < 2 || n > 16 {
		return "", false
	}
	if !strings.HasSuffix(t, "?") {
		if !questionStarts[firstWord(t)] || linked || writerClause(t) {
			// "How might LLMs store facts | DL7 [Link](...)" titles a linked
			// video or talk: what follows describes it, it does not answer.
			// "What I'll do differently", "How we got here": a title.
			return "", false
		}
		t += "?"
	}
	return capFirst(t), true
}

var questionStarts = setOf("what", "why", "how", "when", "which", "who")

// sectionAnswer is the section's first paragraph, list or short code block
// under heading h, shortened; nothing when the section is empty or starts
// with a sub-heading, or its first content is only links or images.
func (g *gen) sectionAnswer(h *ast.Heading) (answer string, last int, ok bool) {
	for n := h.NextSibling(); n != nil; n = n.NextSibling() {
		switch b := n.(type) {
		case *ast.Heading, *ast.ThematicBreak:
			return "", 0, false
		case *ast.HTMLBlock:
			continue
		case *ast.Paragraph:
			ls := g.rawLines(b)
			text := joined(ls)
			ln := scanLine(text)
			if !hasLetter(ln.bareText()) {
				continue // "=====" under an ATX heading, or only images
			}
			if strings.HasSuffix(text, ":") {
				// "Run this once per backup target:" introduces the answer.
				if a, l, ok := g.blockAnswer(b.NextSibling()); ok {
					return a, l, true
				}
			}
			if ln.proseWords() < 2 || ln.hasTracking() {
				return "", 0, false
			}
			g.markUsed(b)
			return shorten(text), ls[len(ls)-1].num, true
		case *ast.Blockquote:
			if p, ok := b.FirstChild().(*ast.Paragraph); ok {
				ls := g.rawLines(p)
				if len(ls) == 0 {
					return "", 0, false
				}
				return shorten(joined(ls)), ls[len(ls)-1].num, true
			}
			return "", 0, false
		default:
			return g.blockAnswer(n)
		}
	}
	return "", 0, false
}

// blockAnswer turns a list or a short code block into an answer.
func (g *gen) blockAnswer(n ast.Node) (string, int, bool) {
	switch b := n.(type) {
	case *ast.List:
		var items []string
		last := 0
		for it := b.FirstChild(); it != nil; it = it.NextSibling() {
			if it.ChildCount() != 1 {
				return "", 0, false
			}
			ls := g.rawLines(it.FirstChild())
			if len(ls) == 0 {
				return "", 0, false
			}
			text := joined(ls)
			ln := scanLine(text)
			if ln.proseWords() == 0 || ln.hasTracking() {
				return "", 0, false
			}
			items = append(items, strings.TrimRight(text, ".;"))
			last = ls[len(ls)-1].num
		}
		if len(items) == 0 || len(items) > 8 {
			return "", 0, false
		}
		g.markChildren(b)
		return strings.Join(items, "; "), last, true
	case *ast.FencedCodeBlock, *ast.CodeBlock:
		ls := g.codeLines(b)
		if len(ls) == 0 || len(ls) > 3 {
			return "", 0, false
		}
		var body strings.Builder
		for i, l := range ls {
			if i > 0 {
				body.WriteByte('\n')
			}
			body.WriteString(l.text)
		}
		lang := ""
		if f, ok := b.(*ast.FencedCodeBlock); ok {
			lang = string(f.Language(g.src))
		}
		if len(ls) == 1 && !strings.Contains(ls[0].text, "`") {
			return "`" + strings.TrimSpace(ls[0].text) + "`", ls[0].num + 1, true
		}
		return "```" + lang + "\n" + body.String() + "\n```", ls[len(ls)-1].num + 1, true
	}
	return "", 0, false
}

// stripSubject drops the restated subject from an answer to "What is X?":
// "Restic is a fast backup program" → "A fast backup program".
func stripSubject(q, a string) string {
	lq := strings.ToLower(q)
	for _, p := range [...]string{"what is ", "what are "} {
		if !strings.HasPrefix(lq, p) {
			continue
		}
		subj := strings.TrimSuffix(strings.TrimSpace(q[len(p):]), "?")
		for _, v := range [...]string{" is ", " are "} {
			prefix := subj + v
			if len(a) > len(prefix) && strings.EqualFold(a[:len(prefix)], prefix) {
				return capFirst(strings.TrimSpace(a[len(prefix):]))
			}
		}
	}
	return a
}

// writerClause reports a wh-title whose second word is the writer ("What
// I'll do differently", "How we got here"): no inversion, so no question.
// "Why do we need a scheduler" inverts and stays a question.
func writerClause(t string) bool {
	f := strings.Fields(t)
	return len(f) > 1 && scanMeta(f[1]).writer
}

// headingAbbreviation makes the abbreviation card of a heading that spells
// one out: "### Process Control Block (PCB)" asks "What does PCB stand
// for?", as the same words in a line of text do.
func (g *gen) headingAbbreviation(raw string, num int, h *ast.Heading) {
	if g.lang == langOther || !strings.HasSuffix(raw, ")") {
		return
	}
	_, abbr, long := splitAbbreviation(strings.TrimSpace(stripEmphasis(stripEnumeration(raw))))
	if abbr == "" || countWords(long) > 8 {
		return
	}
	g.add(OriginAbbreviation, g.standFor(abbr), capFirst(long), num, num, h, 0.85)
}

package generate

import (
	"strings"

	"github.com/yuin/goldmark/ast"
)

// Notes copied from outliners and word processors indent with tabs or
// spaces instead of list markers; Markdown reads such a block as code.
// When the "code" is prose, its lines are an outline: each line's parent
// is the nearest line above it indented less.

// outlineLine is one line of an indented outline.
type outlineLine struct {
	text   string
	num    int
	depth  int
	parent int // index of the parent line, or -1
}

// indentedOutline runs the line rules and the topic -> children rule over
// an indented code block that is really a prose outline.
func (g *gen) indentedOutline(cb *ast.CodeBlock) {
	raw := g.codeLines(cb)
	if len(raw) < 2 {
		return
	}
	lines := outlineLines(raw)
	if !proseOutline(lines) {
		return
	}
	g.outline(lines, cb)
}

// outlineLines reads indented lines (indentation kept) into outline lines.
func outlineLines(raw []rawLine) []outlineLine {
	lines := make([]outlineLine, 0, len(raw))
	for _, l := range raw {
		t := strings.TrimSpace(l.text)
		if t == "" {
			continue
		}
		indent := l.text[:len(l.text)-len(strings.TrimLeft(l.text, " \t"))]
		depth := strings.Count(indent, "\t") + strings.Count(indent, " ")/2
		for _, m := range [...]string{"- ", "* ", "+ ", "• ", "◦ ", "▪ "} {
			t = strings.TrimPrefix(t, m)
		}
		lines = append(lines, outlineLine{text: t, num: l.num, depth: depth, parent: -1})
	}
	return lines
}

// indentedParagraph reads a paragraph whose later lines are indented
// deeper than its first ("HTTP" over "  stateless: ...") as an outline:
// Markdown joins such lines into one paragraph. It reports whether the
// paragraph was one.
func (g *gen) indentedParagraph(p ast.Node, ls []rawLine) bool {
	if len(ls) < 2 {
		return false
	}
	raw := make([]rawLine, len(ls))
	deeper := false
	for i, l := range ls {
		full := strings.TrimRight(string(g.doc.Line(l.num)), "\r\n")
		raw[i] = rawLine{text: full, num: l.num}
		if i > 0 && indentWidth(full) > indentWidth(raw[0].text) {
			deeper = true
		}
	}
	if !deeper {
		return false
	}
	lines := outlineLines(raw)
	if !proseOutline(lines) {
		return false
	}
	g.outline(lines, p)
	return true
}

// indentWidth is the width of a line's indentation, a tab counting 4.
func indentWidth(s string) int {
	w := 0
	for _, c := range s {
		switch c {
		case ' ':
			w++
		case '\t':
			w += 4
		default:
			return w
		}
	}
	return w
}

// outline runs the line rules and the topic -> children rule over the
// lines of an outline read from block n.
func (g *gen) outline(lines []outlineLine, cb ast.Node) {
	for i := range lines {
		for j := i - 1; j >= 0; j-- {
			if lines[j].depth < lines[i].depth {
				lines[i].parent = j
				break
			}
		}
	}
	used := make([]bool, len(lines))
	for i := range lines {
		if used[i] {
			continue
		}
		var kids []int
		for j := i + 1; j < len(lines) && lines[j].depth > lines[i].depth; j++ {
			if lines[j].parent == i {
				kids = append(kids, j)
			}
		}
		if len(kids) >= 2 {
			texts := make([]string, len(kids))
			for k, j := range kids {
				texts[k] = lines[j].text
			}
			g.acronymChildren(lines[i].text, texts, lines[i].num, lines[kids[len(kids)-1]].num, cb)
		}
		tp := g.outlineTopic(lines, i, cb)
		if len(kids) > 0 && g.memberCard(lines[i].text, lines[kids[0]].text, lines[i].num, lines[kids[0]].num, cb, tp) {
			used[kids[0]] = true
		}
		if len(kids) >= 2 && (g.outlineAttributes(lines[i].text, lines, kids, cb) || g.outlineChildren(lines, i, kids, cb, tp)) {
			for _, k := range kids {
				used[k] = true
			}
			continue
		}
		if tp.kind == topicParent && excludedTopic(tp.text) {
			continue
		}
		if p := lines[i].parent; p >= 0 && p == i-1 {
			g.parentExpansion(lines[p].text, lines[i].text, lines[i].num, lines[i].num, cb)
		}
		if g.datedItem(lines[i].text, lines[i].num, lines[i].num, cb) ||
			codeGlossLine(lines[i].text) && g.codeGloss(lines[i].text, siblingTexts(lines, i), lines[i].num, lines[i].num, cb, tp) {
			continue
		}
		if made, _ := g.lineRules(lines[i].text, lines[i].num, lines[i].num, cb, tp); !made &&
			!g.topicFact(lines[i].text, lines[i].num, lines[i].num, cb, tp) {
			g.datedLine(lines[i].text, lines[i].num, cb)
		}
	}
}

// siblingTexts are the texts of the lines that share line i's parent.
func siblingTexts(lines []outlineLine, i int) []string {
	var out []string
	for j := range lines {
		if lines[j].parent == lines[i].parent && lines[j].depth == lines[i].depth {
			out = append(out, lines[j].text)
		}
	}
	return out
}

// outlineTopic is the parent line of line i, or the heading above.
func (g *gen) outlineTopic(lines []outlineLine, i int, cb ast.Node) topic {

	ctx := g.context(cb)
	if p := lines[i].parent; p >= 0 {
		if excludedTopic(lines[p].text) {
			return topic{text: lines[p].text, kind: topicParent, headings: ctx}
		}
		// The outline's parent is the topic; a grandparent that excludes
		// ("Examples:") still excludes.
		for q := lines[p].parent; q >= 0; q = lines[q].parent {
			if excludedTopic(lines[q].text) {
				return topic{text: lines[q].text, kind: topicParent, headings: ctx}
			}
		}
		return topic{text: lines[p].text, kind: topicParent, headings: ctx}
	}
	if len(ctx) == 0 {
		return topic{}
	}
	return topic{text: ctx[len(ctx)-1], kind: topicHeading, headings: ctx}
}

// outlineChildren is topicChildren for an indented outline.
func (g *gen) outlineChildren(lines []outlineLine, i int, kids []int, cb ast.Node, tp topic) bool {
	text := lines[i].text
	colon := strings.HasSuffix(text, ":")
	label, ok := cleanLabel(text)
	if !ok || excludedTopic(label) || !(colon || groupLabel(label)) || len(kids) > 10 {
		return false
	}
	items := make([]string, 0, len(kids))
	for _, k := range kids {
		item, ok := listItem(lines[k].text)
		if !ok {
			return false
		}
		items = append(items, item)
	}
	q, ok := g.labelQuestion(label, tp)
	if !ok {
		return false
	}
	g.add(OriginTopicChildren, q, strings.Join(items, "; "), lines[i].num, lines[kids[len(kids)-1]].num, cb, 0.75)
	return true
}

// proseOutline reports whether the lines of a code block read as prose:
// most have two or more words, few carry code punctuation.
func proseOutline(lines []outlineLine) bool {
	prose, code := 0, 0
	for _, l := range lines {
		eq := strings.ReplaceAll(l.text, "=>", "") // an arrow, not an assignment
		if strings.ContainsAny(l.text, "{}$") || strings.HasSuffix(l.text, ";") || strings.HasPrefix(l.text, "#") ||
			strings.HasPrefix(l.text, "//") || strings.Contains(l.text, "()") || strings.Contains(l.text, "==") ||
			strings.Contains(eq, "=") && !strings.Contains(eq, " = ") {
			code++
			continue
		}
		if countWords(l.text) >= 2 && hasLetter(l.text) {
			prose++
		}
	}
	return code*5 <= len(lines) && prose*3 >= len(lines)*2
}

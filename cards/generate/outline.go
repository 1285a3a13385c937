package generate

import (
	"strings"

	"github.com/yuin/goldmark/ast"
)

// The outline of a note: headings contain blocks, a list item contains its
// own text and its child list, a label paragraph ("Causes:") introduces
// the list after it. Every block therefore has a topic: the parent item,
// the label, or the nearest heading, so a card made from a child can say
// what it is about ("What are the triggers of asthma?").

// topicKind says where a block's topic came from.
type topicKind int

const (
	topicNone    topicKind = iota
	topicHeading           // the nearest heading above
	topicLabel             // a paragraph ending in ":" right before the list
	topicParent            // the list item that holds the list
)

// topic is the subject a block is about.
type topic struct {
	text string // raw text (Markdown) of the heading, label or parent item
	kind topicKind
	// headings is the heading path above the block, for when text itself
	// does not make a usable topic ("Summary", "Notes"). It is computed on
	// first use from node (most blocks never need it).
	headings []string
	node     ast.Node
}

// resolve fills in the heading path (and, for a heading topic, the text).
func (g *gen) resolve(tp *topic) {
	if tp.node == nil {
		return
	}
	tp.headings = g.context(tp.node)
	tp.node = nil
	if tp.kind == topicHeading {
		if len(tp.headings) == 0 {
			tp.kind = topicNone
		} else {
			tp.text = tp.headings[len(tp.headings)-1]
		}
	}
}

// topicText is the topic as the "of ..." part of a question: the topic's
// own text if usable, else the nearest heading that is.
func (g *gen) topicText(tp topic) string {
	g.resolve(&tp)
	if t := g.topicPhrase(tp.text); t != "" {
		return t
	}
	for i := len(tp.headings) - 1; i >= 0; i-- {
		if t := g.topicPhrase(tp.headings[i]); t != "" {
			return t
		}
	}
	return ""
}

// topicOf returns the topic of block n (a paragraph or a list item's text).
func (g *gen) topicOf(n ast.Node) topic {
	if item, ok := n.Parent().(*ast.ListItem); ok {
		list := item.Parent()
		if parent, ok := list.Parent().(*ast.ListItem); ok {
			if t := parent.FirstChild(); t != nil && t != list {
				if ls := g.rawLines(t); len(ls) > 0 {
					return topic{text: joined(ls), kind: topicParent, node: n}
				}
			}
		}
		if p, ok := list.PreviousSibling().(*ast.Paragraph); ok {
			if ls := g.rawLines(p); len(ls) > 0 && strings.HasSuffix(ls[len(ls)-1].text, ":") {
				return topic{text: ls[len(ls)-1].text, kind: topicLabel, node: n}
			}
		}
	}
	return topic{kind: topicHeading, node: n}
}

// excludedTopic reports whether a topic introduces things that are not
// facts about themselves: examples, alternatives, analogies, comparisons
// with other fields ("Similar ideas in other languages:", "Two
// possibilities:"). Their items must not become definitions.
func excludedTopic(t string) bool {
	l := strings.ToLower(stripEmphasis(t))
	for _, w := range [...]string{"example", "e.g", "for instance", "such as", "similar", "alternative",
		"analog", "analogy", "possibilit", "option", "like in", "instead", "ideas", "brainstorm", "questions", "open question",
		"todo", "to do", "maybe", "could", "might", "quotes", "quote", "misc", "random", "thoughts",
		"links", "resources", "reading", "see also", "related", "references", "sources", "further",
		// the same in the other languages with templates
		"beispiel", "z.b", "zum beispiel", "ähnlich", "möglichkeit", "literatur", "quellen",
		"ejemplo", "p. ej", "por ejemplo", "posibilidad", "lecturas", "fuentes",
		"exemple", "par ex", "possibilit", "lectures", "liens", "analogie", "analogía"} {
		if strings.Contains(l, w) {
			return true
		}
	}
	return false
}

// itemText returns the text block of a list item, or nil.
func itemText(item ast.Node) ast.Node {
	switch t := item.FirstChild().(type) {
	case *ast.TextBlock, *ast.Paragraph:
		return t
	}
	return nil
}

// childList returns the nested list of a list item, or nil.
func childList(item ast.Node) *ast.List {
	for c := item.FirstChild(); c != nil; c = c.NextSibling() {
		if l, ok := c.(*ast.List); ok {
			return l
		}
	}
	return nil
}

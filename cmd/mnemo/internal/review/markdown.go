package review

import (
	"strconv"
	"strings"
	"sync"

	cmarkdown "github.com/mnemo-app/mnemo/cards/markdown"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"

	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// markdown parses card text for the plain mode: CommonMark with the same
// extensions the TUI renders (GFM and definition lists). Built on first
// use, not at every command's start.
var markdown = sync.OnceValue(func() goldmark.Markdown {
	return goldmark.New(goldmark.WithExtensions(extension.GFM, extension.DefinitionList))
})

// plainLines turns a card's Markdown into plain text for the line mode and
// screen readers: markup is dropped (emphasis, code spans, escapes), links
// become "text (url)", images "[image: alt]", list items keep a "- " or
// "N. " marker, quotes a "> " prefix, table cells are joined with " | ".
// A paragraph is one line (soft breaks become spaces, hard breaks start a
// new line); code blocks keep their lines. Empty lines are dropped and no
// line has leading or trailing blanks outside of code and nesting indents.
func plainLines(md string) []string {
	if cmarkdown.CheckNesting(md) != nil {
		// Too deep to parse in reasonable time (imported text): as it is.
		return strings.Split(md, "\n")
	}
	src := []byte(md)
	doc := markdown().Parser().Parse(text.NewReader(src))
	var p plainWriter
	p.src = src
	p.blocks(doc, "")
	return p.lines
}

type plainWriter struct {
	src   []byte
	lines []string
}

// add appends the lines of s, each after prefix (the first line after
// first), dropping empty ones.
func (p *plainWriter) add(first, prefix, s string) {
	for _, l := range strings.Split(s, "\n") {
		l = strings.TrimRight(l, " \t\r")
		if strings.TrimSpace(l) == "" {
			continue
		}
		p.lines = append(p.lines, first+l)
		first = prefix
	}
}

// blocks writes the block children of n, every line after indent.
func (p *plainWriter) blocks(n ast.Node, indent string) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		p.block(c, indent, indent)
	}
}

// block writes one block node; its first line goes after first and the
// others after indent.
func (p *plainWriter) block(n ast.Node, first, indent string) {
	start := len(p.lines)
	switch b := n.(type) {
	case *ast.Paragraph, *ast.TextBlock, *ast.Heading:
		p.add(first, indent, strings.TrimSpace(p.inline(b)))
	case *ast.ThematicBreak:
		p.add(first, indent, "---")
	case *ast.CodeBlock, *ast.FencedCodeBlock, *ast.HTMLBlock:
		p.add(first, indent, blockSource(b, p.src))
	case *ast.Blockquote:
		f := first + "> "
		for c := b.FirstChild(); c != nil; c = c.NextSibling() {
			p.block(c, f, indent+"> ")
			if len(p.lines) > start {
				f = indent + "> "
			}
		}
	case *ast.List:
		num := b.Start
		for item := b.FirstChild(); item != nil; item = item.NextSibling() {
			marker := "- "
			if b.IsOrdered() {
				marker = strconv.Itoa(num) + ". "
				num++
			}
			itemStart := len(p.lines)
			f := first + marker
			pad := indent + strings.Repeat(" ", len(marker))
			for c := item.FirstChild(); c != nil; c = c.NextSibling() {
				p.block(c, f, pad)
				if len(p.lines) > itemStart {
					f = pad
				}
			}
			if len(p.lines) > start {
				first = indent
			}
		}
	case *east.Table:
		for row := b.FirstChild(); row != nil; row = row.NextSibling() {
			var cells []string
			for cell := row.FirstChild(); cell != nil; cell = cell.NextSibling() {
				cells = append(cells, strings.TrimSpace(p.inline(cell)))
			}
			p.add(first, indent, strings.Join(cells, " | "))
			if len(p.lines) > start {
				first = indent
			}
		}
	case *east.DefinitionDescription:
		f := first + ": "
		for c := b.FirstChild(); c != nil; c = c.NextSibling() {
			p.block(c, f, indent+"  ")
			if len(p.lines) > start {
				f = indent + "  "
			}
		}
	default:
		if c := n.FirstChild(); c != nil && c.Type() == ast.TypeInline {
			p.add(first, indent, strings.TrimSpace(p.inline(n)))
			return
		}
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			p.block(c, first, indent)
			if len(p.lines) > start {
				first = indent
			}
		}
	}
}

// inline returns the plain text of n's inline children; hard line breaks
// are kept as newlines.
func (p *plainWriter) inline(n ast.Node) string {
	var sb strings.Builder
	p.inlineTo(&sb, n)
	return sb.String()
}

func (p *plainWriter) inlineTo(sb *strings.Builder, n ast.Node) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch t := c.(type) {
		case *ast.Text:
			v := t.Value(p.src)
			if !t.IsRaw() {
				v = util.UnescapePunctuations(util.ResolveNumericReferences(util.ResolveEntityNames(v)))
			}
			sb.Write(v)
			switch {
			case t.HardLineBreak():
				sb.WriteByte('\n')
			case t.SoftLineBreak():
				sb.WriteByte(' ')
			}
		case *ast.String:
			sb.Write(t.Value)
		case *ast.CodeSpan:
			for cc := t.FirstChild(); cc != nil; cc = cc.NextSibling() {
				if tt, ok := cc.(*ast.Text); ok {
					sb.Write(tt.Value(p.src))
				}
			}
		case *ast.AutoLink:
			sb.Write(t.URL(p.src))
		case *ast.Link:
			label := p.inline(t)
			sb.WriteString(label)
			if dest := string(t.Destination); dest != "" && dest != label {
				sb.WriteString(" (" + dest + ")")
			}
		case *ast.Image:
			sb.WriteString("[image")
			if alt := strings.TrimSpace(p.inline(t)); alt != "" {
				sb.WriteString(": " + alt)
			}
			sb.WriteString("]")
		case *ast.RawHTML:
			sb.Write(t.Segments.Value(p.src))
		case *east.TaskCheckBox:
			if t.IsChecked {
				sb.WriteString("[x] ")
			} else {
				sb.WriteString("[ ] ")
			}
		default:
			p.inlineTo(sb, c)
		}
	}
}

// fillCloze returns a cloze note's text (Anki syntax, {{cN::answer}} or
// {{cN::answer::hint}}, nested deletions allowed) as Markdown for the
// answer side of card ord: every deletion shows its answer, and those of
// ord are in bold, as Anki highlights them. ok is false when the text has
// no deletion numbered ord, so the caller can fall back to the card's
// question and answer.
func fillCloze(s string, ord int) (out string, ok bool) {
	var sb strings.Builder
	found := fillClozeTo(&sb, s, ord)
	return sb.String(), found
}

// fillClozeTo writes s with its deletions filled and reports whether a
// deletion numbered ord was seen. Unterminated markup is copied as is.
func fillClozeTo(sb *strings.Builder, s string, ord int) bool {
	found := false
	for {
		i := strings.Index(s, "{{c")
		if i < 0 {
			sb.WriteString(s)
			return found
		}
		n, body, rest, ok := parseCloze(s[i:])
		if !ok {
			sb.WriteString(s[:i+3])
			s = s[i+3:]
			continue
		}
		sb.WriteString(s[:i])
		answer := clozeAnswer(body)
		var inner strings.Builder
		if fillClozeTo(&inner, answer, ord) {
			found = true
		}
		if n == ord {
			found = true
			if a := strings.TrimSpace(inner.String()); a != "" {
				sb.WriteString("**" + inner.String() + "**")
			}
		} else {
			sb.WriteString(inner.String())
		}
		s = rest
	}
}

// parseCloze reads one deletion at the start of s ("{{cN::...}}"), with
// nested deletions balanced; it returns N, the text between "::" and the
// matching "}}", and what follows.
func parseCloze(s string) (n int, body, rest string, ok bool) {
	num, after, ok := clozeOpen(s)
	if !ok {
		return 0, "", "", false
	}
	depth := 0
	for j := 0; j < len(after); {
		switch {
		case strings.HasPrefix(after[j:], "{{c"):
			if _, a2, ok := clozeOpen(after[j:]); ok {
				depth++
				j = len(after) - len(a2)
				continue
			}
			j += 3
		case strings.HasPrefix(after[j:], "}}"):
			if depth == 0 {
				return num, after[:j], after[j+2:], true
			}
			depth--
			j += 2
		default:
			j++
		}
	}
	return 0, "", "", false
}

// clozeOpen reads "{{cN::" at the start of s.
func clozeOpen(s string) (n int, after string, ok bool) {
	if !strings.HasPrefix(s, "{{c") {
		return 0, "", false
	}
	j := 3
	for j < len(s) && j < 3+6 && s[j] >= '0' && s[j] <= '9' {
		j++
	}
	if j == 3 || !strings.HasPrefix(s[j:], "::") {
		return 0, "", false
	}
	n, err := strconv.Atoi(s[3:j])
	if err != nil {
		return 0, "", false
	}
	return n, s[j+2:], true
}

// clozeAnswer drops a deletion's hint: as in Anki, the text after the
// first "::" outside nested deletions.
func clozeAnswer(body string) string {
	depth := 0
	for j := 0; j < len(body); {
		switch {
		case strings.HasPrefix(body[j:], "{{c"):
			if _, a2, ok := clozeOpen(body[j:]); ok {
				depth++
				j = len(body) - len(a2)
				continue
			}
			j += 3
		case strings.HasPrefix(body[j:], "}}"):
			depth--
			j += 2
		case depth == 0 && strings.HasPrefix(body[j:], "::"):
			return body[:j]
		default:
			j++
		}
	}
	return body
}

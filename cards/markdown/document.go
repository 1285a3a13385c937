package markdown

import (
	"bytes"
	"sort"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/text"

	"github.com/mnemo-app/mnemo/cards"
)

// Document is one Markdown note parsed once and shared by the explicit-card
// reader and the generators, so a file is never parsed twice.
type Document struct {
	// Path is the note's path as stored in the collection.
	Path string
	// Src is the note's content. Front matter, if any, is blanked out (its
	// bytes replaced by spaces, newlines kept) so AST offsets and line
	// numbers still match the file.
	Src []byte
	// Root is the goldmark AST of Src.
	Root ast.Node
	// FrontMatter holds the simple "key: value" pairs of a leading YAML
	// front matter block (lists are joined with commas).
	FrontMatter map[string]string
	// Deck and Tags are the note's deck and tags once decided (see §2 of
	// docs: front matter, #flashcards tag, --deck flag, path).
	Deck string
	Tags []string
	// Explicit are the cards written with explicit markup, already read.
	Explicit []cards.Card

	lineStarts []int // byte offset of the start of each line
}

// markdown is the parser shared by every read: CommonMark plus the
// extensions notes use (tables, strikethrough, definition lists, autolinks).
var markdown = goldmark.New(goldmark.WithExtensions(
	extension.Table, extension.Strikethrough, extension.DefinitionList, extension.Linkify,
))

// ParseDocument parses src (which it may modify: front matter is blanked).
func ParseDocument(path string, src []byte) *Document {
	d := &Document{Path: path, Src: src}
	d.FrontMatter = blankFrontMatter(src)
	if bytes.HasPrefix(src, []byte("\xef\xbb\xbf")) {
		copy(src, "   ") // a byte-order mark is no text: "\ufeffQ::A" asks "Q"
	}
	d.lineStarts = append(d.lineStarts, 0)
	for i, b := range src {
		if b == '\n' {
			d.lineStarts = append(d.lineStarts, i+1)
		}
	}
	d.Root = markdown.Parser().Parse(text.NewReader(src))
	return d
}

// LineOf returns the 1-based line number of byte offset off in Src.
func (d *Document) LineOf(off int) int {
	return sort.Search(len(d.lineStarts), func(i int) bool { return d.lineStarts[i] > off })
}

// Line returns the text of 1-based line n without its newline.
func (d *Document) Line(n int) []byte {
	if n < 1 || n > len(d.lineStarts) {
		return nil
	}
	start := d.lineStarts[n-1]
	end := len(d.Src)
	if n < len(d.lineStarts) {
		end = d.lineStarts[n] - 1
	}
	return bytes.TrimSuffix(d.Src[start:end], []byte("\r"))
}

// LineCount is the number of lines in Src.
func (d *Document) LineCount() int { return len(d.lineStarts) }

// NodeLines returns the first and last 1-based lines of a block node, or
// 0, 0 for a node without lines of its own (e.g. a list: use its items).
func (d *Document) NodeLines(n ast.Node) (first, last int) {
	lines := n.Lines()
	if lines != nil && lines.Len() > 0 {
		first = d.LineOf(lines.At(0).Start)
		stop := lines.At(lines.Len() - 1).Stop
		if stop > 0 {
			stop--
		}
		last = d.LineOf(stop)
		return first, last
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if c.Type() != ast.TypeBlock {
			continue
		}
		f, l := d.NodeLines(c)
		if f == 0 {
			continue
		}
		if first == 0 || f < first {
			first = f
		}
		if l > last {
			last = l
		}
	}
	return first, last
}

// HeadingText returns a heading's plain text (inline markup dropped). Links
// and images are left out when the heading has words of its own, so
// "Attention explained [Link](https://…)" reads "Attention explained".
func (d *Document) HeadingText(h *ast.Heading) string {
	var own bytes.Buffer
	for c := h.FirstChild(); c != nil; c = c.NextSibling() {
		switch c.Kind() {
		case ast.KindLink, ast.KindImage, ast.KindAutoLink:
			continue
		}
		own.Write(plainText(c, d.Src))
	}
	if t := bytes.Trim(own.Bytes(), " \t|-–—:"); len(t) > 0 {
		return string(t)
	}
	return string(bytes.TrimSpace(plainText(h, d.Src)))
}

// Context returns the heading path above block node n (outermost first):
// every heading before n at the top level of the document, keeping only the
// nearest heading of each shallower level.
func (d *Document) Context(n ast.Node) []string {
	for n.Parent() != nil && n.Parent() != d.Root {
		n = n.Parent()
	}
	var stack []*ast.Heading
	for c := d.Root.FirstChild(); c != nil && c != n; c = c.NextSibling() {
		h, ok := c.(*ast.Heading)
		if !ok {
			continue
		}
		for len(stack) > 0 && stack[len(stack)-1].Level >= h.Level {
			stack = stack[:len(stack)-1]
		}
		stack = append(stack, h)
	}
	if h, ok := n.(*ast.Heading); ok {
		// A heading's own path holds only the shallower headings above it.
		for len(stack) > 0 && stack[len(stack)-1].Level >= h.Level {
			stack = stack[:len(stack)-1]
		}
	}
	path := make([]string, 0, len(stack))
	for _, h := range stack {
		if t := d.HeadingText(h); t != "" {
			path = append(path, t)
		}
	}
	return path
}

// plainText concatenates the text segments below n.
func plainText(n ast.Node, src []byte) []byte {
	var buf bytes.Buffer
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch t := c.(type) {
		case *ast.Text:
			buf.Write(t.Segment.Value(src))
			if t.SoftLineBreak() || t.HardLineBreak() {
				buf.WriteByte(' ')
			}
		case *ast.String:
			buf.Write(t.Value)
		case *ast.CodeSpan:
			for cc := t.FirstChild(); cc != nil; cc = cc.NextSibling() {
				if tt, ok := cc.(*ast.Text); ok {
					buf.Write(tt.Segment.Value(src))
				}
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return buf.Bytes()
}

// blankFrontMatter replaces a leading "---" YAML block with spaces (newlines
// kept) and returns its simple key: value pairs.
func blankFrontMatter(src []byte) map[string]string {
	// Editors on Windows may start the file with a byte-order mark.
	skip := 0
	if bytes.HasPrefix(src, []byte("\xef\xbb\xbf")) {
		skip = 3
	}
	body := src[skip:]
	if !bytes.HasPrefix(body, []byte("---\n")) && !bytes.HasPrefix(body, []byte("---\r\n")) {
		return nil
	}
	end := -1
	for i := bytes.IndexByte(body, '\n') + 1; i < len(body); {
		j := bytes.IndexByte(body[i:], '\n')
		line := body[i:]
		next := len(body)
		if j >= 0 {
			line = body[i : i+j]
			next = i + j + 1
		}
		if t := bytes.TrimRight(line, " \r"); bytes.Equal(t, []byte("---")) || bytes.Equal(t, []byte("...")) {
			end = next
			break
		}
		i = next
	}
	if end < 0 {
		return nil
	}
	fm := parseSimpleYAML(body[:end])
	for i := 0; i < skip+end; i++ {
		if src[i] != '\n' && src[i] != '\r' {
			src[i] = ' '
		}
	}
	return fm
}

// parseSimpleYAML reads "key: value" lines and "- item" lists under a key;
// enough for deck and tags, and it never fails.
func parseSimpleYAML(block []byte) map[string]string {
	out := map[string]string{}
	var key string
	for _, raw := range bytes.Split(block, []byte("\n")) {
		line := string(bytes.TrimRight(raw, " \r"))
		if line == "---" || line == "..." || line == "" {
			continue
		}
		trimmed := bytes.TrimSpace([]byte(line))
		if bytes.HasPrefix(trimmed, []byte("- ")) && key != "" {
			item := unquote(string(bytes.TrimSpace(trimmed[2:])))
			if out[key] == "" {
				out[key] = item
			} else {
				out[key] += "," + item
			}
			continue
		}
		if line[0] == ' ' || line[0] == '\t' {
			continue
		}
		i := bytes.IndexByte([]byte(line), ':')
		if i <= 0 {
			continue
		}
		key = string(bytes.TrimSpace([]byte(line[:i])))
		val := string(bytes.TrimSpace([]byte(line[i+1:])))
		val = string(bytes.Trim([]byte(val), "[]"))
		out[key] = unquote(val)
	}
	return out
}

func unquote(s string) string {
	if len(s) >= 2 && (s[0] == '"' && s[len(s)-1] == '"' || s[0] == '\'' && s[len(s)-1] == '\'') {
		return s[1 : len(s)-1]
	}
	return s
}

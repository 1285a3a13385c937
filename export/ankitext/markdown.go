package ankitext

import (
	"bufio"
	"bytes"
	"html"
	"strings"
	"sync"

	cmarkdown "github.com/mnemo-app/mnemo/cards/markdown"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// mathNode is TeX math: $..$ (inline) or $$..$$ (display), kept verbatim
// and rendered for MathJax as \(..\) or \[..\].
type mathNode struct {
	ast.BaseInline
	Display bool
	TeX     []byte
}

var kindMath = ast.NewNodeKind("Math")

func (n *mathNode) Kind() ast.NodeKind { return kindMath }

func (n *mathNode) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"TeX": string(n.TeX)}, nil)
}

// mathBlock is a $$ block whose delimiters start a line.
type mathBlock struct {
	ast.BaseBlock
	closed bool
}

var kindMathBlock = ast.NewNodeKind("MathBlock")

func (n *mathBlock) Kind() ast.NodeKind { return kindMathBlock }

func (n *mathBlock) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

func (n *mathBlock) IsRaw() bool { return true }

type mathBlockParser struct{}

func (mathBlockParser) Trigger() []byte { return []byte{'$'} }

func (mathBlockParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, seg := reader.PeekLine()
	pos := pc.BlockOffset()
	if pos < 0 || !bytes.HasPrefix(line[pos:], []byte("$$")) {
		return nil, parser.NoChildren
	}
	node := &mathBlock{}
	rest := line[pos+2:]
	start := seg.Start + pos + 2
	if i := bytes.Index(rest, []byte("$$")); i >= 0 {
		if !util.IsBlank(rest[i+2:]) {
			return nil, parser.NoChildren // $$x$$ followed by text: inline math
		}
		node.Lines().Append(text.NewSegment(start, start+i))
		node.closed = true
		reader.AdvanceToEOL()
		return node, parser.NoChildren
	}
	if !util.IsBlank(rest) {
		node.Lines().Append(text.NewSegment(start, seg.Stop))
	}
	reader.AdvanceToEOL()
	return node, parser.NoChildren
}

func (mathBlockParser) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	n := node.(*mathBlock)
	if n.closed {
		return parser.Close
	}
	line, seg := reader.PeekLine()
	if line == nil {
		return parser.Close
	}
	if i := bytes.Index(line, []byte("$$")); i >= 0 {
		if i > 0 {
			n.Lines().Append(text.NewSegment(seg.Start, seg.Start+i))
		}
		reader.AdvanceToEOL()
		n.closed = true
		return parser.Close
	}
	n.Lines().Append(seg)
	reader.AdvanceToEOL()
	return parser.Continue | parser.NoChildren
}

func (mathBlockParser) Close(node ast.Node, reader text.Reader, pc parser.Context) {}

func (mathBlockParser) CanInterruptParagraph() bool { return true }

func (mathBlockParser) CanAcceptIndentedLine() bool { return false }

type mathInlineParser struct{}

func (mathInlineParser) Trigger() []byte { return []byte{'$'} }

func isSpaceByte(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

func (mathInlineParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, _ := block.PeekLine()
	if len(line) < 2 {
		return nil
	}
	display := line[1] == '$'
	open := 1
	if display {
		open = 2
	} else if isSpaceByte(line[1]) {
		return nil
	}
	l, pos := block.Position()
	var tex []byte
	block.Advance(open)
	for {
		line, _ := block.PeekLine()
		if line == nil {
			block.SetPosition(l, pos)
			return nil
		}
		for i := 0; i < len(line); i++ {
			c := line[i]
			if c == '\\' {
				i++
				continue
			}
			if c != '$' {
				continue
			}
			if display {
				if i+1 < len(line) && line[i+1] == '$' {
					tex = append(tex, line[:i]...)
					block.Advance(i + 2)
					if len(bytes.TrimSpace(tex)) == 0 {
						block.SetPosition(l, pos)
						return nil
					}
					return &mathNode{Display: true, TeX: tex}
				}
				continue
			}
			var prev byte
			if i > 0 {
				prev = line[i-1]
			} else if len(tex) > 0 {
				prev = tex[len(tex)-1]
			}
			if prev == 0 || isSpaceByte(prev) || (i+1 < len(line) && line[i+1] >= '0' && line[i+1] <= '9') {
				continue
			}
			tex = append(tex, line[:i]...)
			block.Advance(i + 1)
			return &mathNode{TeX: tex}
		}
		tex = append(tex, line...)
		block.AdvanceLine()
	}
}

// htmlRenderer renders mnemo's extra nodes and replaces goldmark's
// renderers for raw HTML (escaped instead of passed through or omitted) and
// images (src written as the media file name, not URL-escaped, as Anki
// stores it).
type htmlRenderer struct{}

func (htmlRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindMath, renderMath)
	reg.Register(kindMathBlock, renderMathBlock)
	reg.Register(ast.KindRawHTML, renderRawHTML)
	reg.Register(ast.KindHTMLBlock, renderHTMLBlock)
	reg.Register(ast.KindImage, renderImage)
}

func writeEscaped(w util.BufWriter, b []byte) {
	_, _ = w.WriteString(html.EscapeString(string(b)))
}

func renderMath(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*mathNode)
	if n.Display {
		_, _ = w.WriteString(`\[`)
		writeEscaped(w, n.TeX)
		_, _ = w.WriteString(`\]`)
	} else {
		_, _ = w.WriteString(`\(`)
		writeEscaped(w, n.TeX)
		_, _ = w.WriteString(`\)`)
	}
	return ast.WalkSkipChildren, nil
}

func renderMathBlock(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	var buf bytes.Buffer
	lines := node.Lines()
	for i := 0; i < lines.Len(); i++ {
		s := lines.At(i)
		buf.Write(s.Value(src))
	}
	_, _ = w.WriteString(`<p>\[`)
	writeEscaped(w, bytes.TrimSpace(buf.Bytes()))
	_, _ = w.WriteString("\\]</p>\n")
	return ast.WalkSkipChildren, nil
}

func isComment(b []byte) bool {
	return bytes.HasPrefix(bytes.TrimSpace(b), []byte("<!--"))
}

func renderRawHTML(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkSkipChildren, nil
	}
	n := node.(*ast.RawHTML)
	var buf bytes.Buffer
	for i := 0; i < n.Segments.Len(); i++ {
		s := n.Segments.At(i)
		buf.Write(s.Value(src))
	}
	if !isComment(buf.Bytes()) {
		writeEscaped(w, buf.Bytes())
	}
	return ast.WalkSkipChildren, nil
}

func renderHTMLBlock(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.HTMLBlock)
	var buf bytes.Buffer
	lines := n.Lines()
	for i := 0; i < lines.Len(); i++ {
		s := lines.At(i)
		buf.Write(s.Value(src))
	}
	if n.HasClosure() {
		buf.Write(n.ClosureLine.Value(src))
	}
	body := bytes.TrimSpace(buf.Bytes())
	if len(body) == 0 || isComment(body) && bytes.HasSuffix(body, []byte("-->")) {
		return ast.WalkContinue, nil
	}
	_, _ = w.WriteString("<p>")
	escaped := html.EscapeString(string(body))
	_, _ = w.WriteString(strings.ReplaceAll(escaped, "\n", "<br>\n"))
	_, _ = w.WriteString("</p>\n")
	return ast.WalkContinue, nil
}

func renderImage(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.Image)
	_, _ = w.WriteString(`<img src="`)
	writeEscaped(w, n.Destination)
	_, _ = w.WriteString(`" alt="`)
	writeEscaped(w, inlineText(n, src))
	_, _ = w.WriteString(`">`)
	return ast.WalkSkipChildren, nil
}

// inlineText is the plain text below n (an image's alt text).
func inlineText(n ast.Node, src []byte) []byte {
	var buf bytes.Buffer
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch t := c.(type) {
		case *ast.Text:
			buf.Write(t.Segment.Value(src))
		case *ast.String:
			buf.Write(t.Value)
		case *mathNode:
			buf.Write(t.TeX)
		}
		return ast.WalkContinue, nil
	})
	return buf.Bytes()
}

// fieldMarkdown is the converter for note fields: the extensions mnemo reads
// notes with, math protected from Markdown, raw HTML escaped (no
// WithUnsafe), images resolved by the caller. Built on first use: most
// commands never convert a field, and every command would pay for it.
var fieldMarkdown = sync.OnceValue(func() goldmark.Markdown {
	return goldmark.New(
		goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.DefinitionList, extension.Linkify),
		goldmark.WithParserOptions(
			parser.WithBlockParsers(util.Prioritized(mathBlockParser{}, 750)),
			parser.WithInlineParsers(util.Prioritized(mathInlineParser{}, 150)),
		),
		goldmark.WithRendererOptions(renderer.WithNodeRenderers(util.Prioritized(htmlRenderer{}, 10))),
	)
})

// ImageFunc maps an image destination written in a note to the src to put
// in the HTML; ok=false leaves the image out.
type ImageFunc func(dest string) (src string, ok bool)

// renderBuf is a reusable output buffer: goldmark allocates a 4 KiB
// bufio.Writer per call unless it is handed one. src holds the Markdown
// being converted: goldmark parses a []byte, and nothing refers to it once
// MarkdownToHTML has returned.
type renderBuf struct {
	buf bytes.Buffer
	w   *bufio.Writer
	src []byte
}

var bufPool = sync.Pool{New: func() any {
	r := &renderBuf{}
	r.w = bufio.NewWriter(&r.buf)
	return r
}}

// plainSafe reports whether s renders as itself (after escaping quotes):
// one line with no Markdown, HTML, math or link syntax. It lets the common
// short field skip the parser.
func plainSafe(s string) bool {
	if s == "" {
		return true
	}
	switch s[0] {
	case '-', '+', '>', ' ', '\t', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
		return false
	}
	if c := s[len(s)-1]; c == ' ' || c == '\t' {
		return false
	}
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\n', '\r', '\\', '`', '*', '_', '[', ']', '<', '>', '&', '!', '#', '$', '~', '|', '=', ':', '{', '}', '@', '\x00':
			return false
		case 'w', 'W':
			if i+3 < len(s) && strings.EqualFold(s[i:i+4], "www.") {
				return false
			}
		}
	}
	return true
}

// TooDeep reports a field whose lists or block quotes are nested deeper
// than the note reader allows (markdown.MaxNesting), naming the line: the
// Markdown parser's cost grows with the square of the depth (50 s for
// 100,000 levels), so MarkdownToHTML does not parse such a field but
// returns it as PlainHTML. Callers use it to warn.
func TooDeep(md string) error { return cmarkdown.CheckNesting(md) }

// PlainHTML is text shown as written: HTML-escaped, line breaks as <br>.
func PlainHTML(s string) string {
	return strings.ReplaceAll(html.EscapeString(s), "\n", "<br>")
}

// MarkdownToHTML converts a Markdown field to the HTML Anki shows. Raw
// HTML is escaped, $..$ and $$..$$ become MathJax \(..\) and \[..\], code
// blocks are kept, and each image destination goes through img (nil keeps
// it as written). A single paragraph is unwrapped. A field nested too
// deep (see TooDeep) comes back as PlainHTML, unparsed.
func MarkdownToHTML(md string, img ImageFunc) (string, error) {
	if plainSafe(md) {
		return strings.ReplaceAll(md, `"`, "&quot;"), nil
	}
	if TooDeep(md) != nil {
		return PlainHTML(md), nil
	}
	rb := bufPool.Get().(*renderBuf)
	defer bufPool.Put(rb)
	rb.src = append(rb.src[:0], md...)
	src := rb.src
	doc := fieldMarkdown().Parser().Parse(text.NewReader(src))
	var drop []ast.Node
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		if im, ok := n.(*ast.Image); ok && img != nil {
			s, keep := img(string(im.Destination))
			if !keep {
				drop = append(drop, n)
				return ast.WalkSkipChildren, nil
			}
			im.Destination = []byte(s)
		}
		return ast.WalkContinue, nil
	})
	for _, n := range drop {
		n.Parent().RemoveChild(n.Parent(), n)
	}
	rb.buf.Reset()
	rb.w.Reset(&rb.buf)
	if err := fieldMarkdown().Renderer().Render(rb.w, src, doc); err != nil {
		return "", err
	}
	if err := rb.w.Flush(); err != nil {
		return "", err
	}
	out := strings.TrimSpace(rb.buf.String())
	if strings.HasPrefix(out, "<p>") && strings.HasSuffix(out, "</p>") && strings.Count(out, "<p>") == 1 {
		out = out[3 : len(out)-4]
	}
	return out, nil
}

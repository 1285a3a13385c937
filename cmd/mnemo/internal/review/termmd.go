package review

import (
	"html"
	"strconv"
	"strings"

	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// The TUI renders card Markdown itself, on the goldmark parser the reader
// already links, in glamour's look (its dark, light and notty styles).
// glamour links chroma, whose lexers and styles are built in package
// init: 20-30 ms added to every mnemo command, even `mnemo --version`.
// Code blocks are shown in one colour, not highlighted.

// Markdown styles of the review screen.
const (
	styleNoTTY = "notty" // no colour: markers (**, *, ~~) show emphasis
	styleDark  = "dark"
	styleLight = "light"
)

// textStyle is how a run of text is drawn: colours are ANSI 256 codes
// (or #rrggbb), open/close are markers written around it unstyled.
type textStyle struct {
	fg, bg                           string
	bold, italic, underline, crossed bool
	open, close                      string
}

// over returns s with t's settings on top (t is the inner element).
func (s textStyle) over(t textStyle) textStyle {
	if t.fg != "" {
		s.fg = t.fg
	}
	if t.bg != "" {
		s.bg = t.bg
	}
	s.bold = s.bold || t.bold
	s.italic = s.italic || t.italic
	s.underline = s.underline || t.underline
	s.crossed = s.crossed || t.crossed
	s.open, s.close = t.open, t.close
	return s
}

// mdTheme holds one style's settings, taken from glamour's.
type mdTheme struct {
	text, heading, h1, code, codeBlock   textStyle
	link, linkText, image, imageText, hr textStyle
	emph, strong, strike                 textStyle
	codePad                              string // around code spans
	quote, defMarker, ticked, unticked   string
	listIndent                           int // nested lists
	headingPrefix                        [7]string
	h1Pad                                string
}

var mdThemes = map[string]*mdTheme{
	styleNoTTY: {
		emph: textStyle{open: "*", close: "*"}, strong: textStyle{open: "**", close: "**"},
		strike: textStyle{open: "~~", close: "~~"},
		quote:  "| ", defMarker: "* ", ticked: "[x] ", unticked: "[ ] ", listIndent: 4,
		headingPrefix: [7]string{"", "# ", "## ", "### ", "#### ", "##### ", "###### "},
	},
	styleDark: {
		text: textStyle{fg: "252"}, heading: textStyle{fg: "39", bold: true},
		h1: textStyle{fg: "228", bg: "63", bold: true}, h1Pad: " ",
		code: textStyle{fg: "203", bg: "236"}, codePad: " ", codeBlock: textStyle{fg: "244"},
		link: textStyle{fg: "30", underline: true}, linkText: textStyle{fg: "35", bold: true},
		image: textStyle{fg: "212", underline: true}, imageText: textStyle{fg: "243"}, hr: textStyle{fg: "240"},
		emph: textStyle{italic: true}, strong: textStyle{bold: true}, strike: textStyle{crossed: true},
		quote: "│ ", defMarker: "🠶 ", ticked: "[✓] ", unticked: "[ ] ", listIndent: 2,
		headingPrefix: [7]string{"", "", "## ", "### ", "#### ", "##### ", "###### "},
	},
	styleLight: {
		text: textStyle{fg: "234"}, heading: textStyle{fg: "27", bold: true},
		h1: textStyle{fg: "228", bg: "63", bold: true}, h1Pad: " ",
		code: textStyle{fg: "203", bg: "254"}, codePad: " ", codeBlock: textStyle{fg: "242"},
		link: textStyle{fg: "36", underline: true}, linkText: textStyle{fg: "29", bold: true},
		image: textStyle{fg: "205", underline: true}, imageText: textStyle{fg: "243"}, hr: textStyle{fg: "249"},
		emph: textStyle{italic: true}, strong: textStyle{bold: true}, strike: textStyle{crossed: true},
		quote: "│ ", defMarker: "🠶 ", ticked: "[✓] ", unticked: "[ ] ", listIndent: 2,
		headingPrefix: [7]string{"", "", "## ", "### ", "#### ", "##### ", "###### "},
	},
}

// docMargin is the blank margin left and right of a rendered card.
const docMargin = 2

// renderMarkdown renders md for a terminal of the given colour profile,
// wrapped to width columns (margins included), without blank lines above
// or below.
func renderMarkdown(md, style string, profile termenv.Profile, width int) string {
	th, ok := mdThemes[style]
	if !ok {
		th = mdThemes[styleNoTTY]
	}
	r := &mdRenderer{src: []byte(md), th: th, p: profile}
	doc := markdown().Parser().Parse(text.NewReader(r.src))
	lines := r.blocks(doc, max(width-2*docMargin, 1))
	pad := strings.Repeat(" ", docMargin)
	for i, l := range lines {
		if l != "" {
			lines[i] = pad + l
		}
	}
	return trimBlankLines(strings.Join(lines, "\n"))
}

type mdRenderer struct {
	src []byte
	th  *mdTheme
	p   termenv.Profile
}

// paint draws s in style st.
func (r *mdRenderer) paint(st textStyle, s string) string {
	if s == "" || r.p == termenv.Ascii {
		return st.open + s + st.close
	}
	out := termenv.String(s)
	if st.fg != "" {
		out = out.Foreground(r.p.Color(st.fg))
	}
	if st.bg != "" {
		out = out.Background(r.p.Color(st.bg))
	}
	if st.underline {
		out = out.Underline()
	}
	if st.bold {
		out = out.Bold()
	}
	if st.italic {
		out = out.Italic()
	}
	if st.crossed {
		out = out.CrossOut()
	}
	return st.open + out.String() + st.close
}

// blocks renders n's block children, a blank line between them (none
// between the items of a list).
func (r *mdRenderer) blocks(n ast.Node, width int) []string {
	var out []string
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		b := r.block(c, width)
		if len(b) == 0 {
			continue
		}
		if len(out) > 0 {
			out = append(out, "")
		}
		out = append(out, b...)
	}
	return out
}

func (r *mdRenderer) block(n ast.Node, width int) []string {
	th := r.th
	switch b := n.(type) {
	case *ast.Paragraph, *ast.TextBlock:
		return r.wrap(r.inline(b, th.text), width)
	case *ast.Heading:
		return r.heading(b, width)
	case *ast.ThematicBreak:
		return []string{r.paint(th.text.over(th.hr), "--------")}
	case *ast.FencedCodeBlock, *ast.CodeBlock:
		return r.codeBlock(b)
	case *ast.HTMLBlock:
		return r.wrap(r.paint(th.text, stripTags(blockSource(b, r.src))), width)
	case *ast.Blockquote:
		inner := r.blocks(b, max(width-ansi.StringWidth(th.quote), 1))
		for i, l := range inner {
			inner[i] = r.paint(th.text, th.quote) + l
		}
		return inner
	case *ast.List:
		return r.list(b, width)
	case *east.Table:
		return r.table(b)
	case *east.DefinitionList:
		var out []string
		for c := b.FirstChild(); c != nil; c = c.NextSibling() {
			out = append(out, r.block(c, width)...)
		}
		return out
	case *east.DefinitionTerm:
		return r.wrap(r.inline(b, th.text), width)
	case *east.DefinitionDescription:
		return r.hang(r.paint(th.text, th.defMarker), r.blocks(b, max(width-ansi.StringWidth(th.defMarker), 1)))
	default:
		if c := n.FirstChild(); c != nil && c.Type() == ast.TypeInline {
			return r.wrap(r.inline(n, th.text), width)
		}
		return r.blocks(n, width)
	}
}

func (r *mdRenderer) heading(h *ast.Heading, width int) []string {
	th := r.th
	st := th.text.over(th.heading)
	pad := ""
	if h.Level == 1 && th.h1Pad != "" {
		st, pad = st.over(th.h1), th.h1Pad
	}
	st.open, st.close = "", ""
	body := r.inline(h, st)
	return r.wrap(r.paint(st, pad+th.headingPrefix[min(h.Level, 6)])+body+r.paint(st, pad), width)
}

// codeBlock keeps the code's lines as they are (no wrapping), indented
// by the margin glamour gives code blocks.
func (r *mdRenderer) codeBlock(n ast.Node) []string {
	code := strings.TrimRight(strings.ReplaceAll(blockSource(n, r.src), "\t", "    "), "\n")
	lines := strings.Split(code, "\n")
	pad := strings.Repeat(" ", docMargin)
	st := r.th.text.over(r.th.codeBlock)
	for i, l := range lines {
		if l = strings.TrimRight(l, " \r"); l != "" {
			lines[i] = pad + r.paint(st, l)
		} else {
			lines[i] = ""
		}
	}
	return lines
}

// blockSource returns a block's raw source lines (an HTML block's closing
// line included); both the styled and the plain renderer print code and
// HTML blocks verbatim from it.
func blockSource(n ast.Node, src []byte) string {
	var sb strings.Builder
	ls := n.Lines()
	for i := range ls.Len() {
		seg := ls.At(i)
		sb.Write(seg.Value(src))
	}
	if h, ok := n.(*ast.HTMLBlock); ok && h.HasClosure() {
		sb.Write(h.ClosureLine.Value(src))
	}
	return sb.String()
}

// list renders items after "• " or "N. ", wrapped lines hanging under the
// item's text; nested lists are indented.
func (r *mdRenderer) list(l *ast.List, width int) []string {
	th := r.th
	var out []string
	num := l.Start
	indent := 0
	for p := l.Parent(); p != nil; p = p.Parent() {
		if _, ok := p.(*ast.ListItem); ok {
			indent = th.listIndent
			break
		}
	}
	for item := l.FirstChild(); item != nil; item = item.NextSibling() {
		marker := "• "
		if l.IsOrdered() {
			marker = strconv.Itoa(num) + ". "
			num++
		}
		if tb, ok := firstTaskBox(item); ok {
			marker = th.unticked
			if tb.IsChecked {
				marker = th.ticked
			}
		}
		var body []string
		for c := item.FirstChild(); c != nil; c = c.NextSibling() {
			if _, nested := c.(*ast.List); nested {
				body = append(body, r.block(c, width-indent)...)
				continue
			}
			body = append(body, r.block(c, max(width-indent-ansi.StringWidth(marker), 1))...)
		}
		out = append(out, r.hang(r.paint(th.text, marker), body)...)
	}
	if indent > 0 {
		pad := strings.Repeat(" ", indent)
		for i, l := range out {
			if l != "" {
				out[i] = pad + l
			}
		}
	}
	return out
}

func firstTaskBox(item ast.Node) (*east.TaskCheckBox, bool) {
	if p := item.FirstChild(); p != nil {
		tb, ok := p.FirstChild().(*east.TaskCheckBox)
		return tb, ok
	}
	return nil, false
}

// hang puts marker before the first line and indents the others under
// it (nested lists keep their own indent).
func (r *mdRenderer) hang(marker string, body []string) []string {
	if len(body) == 0 {
		return []string{marker}
	}
	pad := strings.Repeat(" ", ansi.StringWidth(marker))
	out := make([]string, len(body))
	for i, l := range body {
		switch {
		case i == 0:
			out[i] = marker + l
		case l == "" || strings.HasPrefix(l, " "):
			out[i] = l
		default:
			out[i] = pad + l
		}
	}
	return out
}

// table renders a GFM table with aligned columns and a rule under the
// header.
func (r *mdRenderer) table(t *east.Table) []string {
	th := r.th
	sep, rule, cross := " │ ", "─", "─┼─"
	if th.text.fg == "" {
		sep, rule, cross = " | ", "-", "-|-"
	}
	var rows [][]string
	var widths []int
	for row := t.FirstChild(); row != nil; row = row.NextSibling() {
		var cells []string
		i := 0
		for cell := row.FirstChild(); cell != nil; cell = cell.NextSibling() {
			st := th.text
			if _, head := row.(*east.TableHeader); head {
				st.bold = true
			}
			c := strings.TrimSpace(r.inline(cell, st))
			cells = append(cells, c)
			if i >= len(widths) {
				widths = append(widths, 0)
			}
			widths[i] = max(widths[i], ansi.StringWidth(c))
			i++
		}
		rows = append(rows, cells)
	}
	var out []string
	for ri, cells := range rows {
		parts := make([]string, len(cells))
		for i, c := range cells {
			parts[i] = c + strings.Repeat(" ", widths[i]-ansi.StringWidth(c))
		}
		out = append(out, strings.TrimRight(strings.Join(parts, r.paint(th.text, sep)), " "))
		if ri == 0 {
			rules := make([]string, len(widths))
			for i, w := range widths {
				rules[i] = strings.Repeat(rule, w)
			}
			out = append(out, r.paint(th.text, strings.Join(rules, cross)))
		}
	}
	return out
}

// wrap breaks s into lines of at most width columns at spaces (a word
// longer than the line keeps its own line), keeping hard line breaks.
func (r *mdRenderer) wrap(s string, width int) []string {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil
	}
	lines := strings.Split(ansi.Wordwrap(s, width, ""), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	return lines
}

// inline renders n's inline children in style st.
func (r *mdRenderer) inline(n ast.Node, st textStyle) string {
	var sb strings.Builder
	r.inlineTo(&sb, n, st)
	return sb.String()
}

func (r *mdRenderer) inlineTo(sb *strings.Builder, n ast.Node, st textStyle) {
	th := r.th
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch t := c.(type) {
		case *ast.Text:
			v := t.Value(r.src)
			if !t.IsRaw() {
				v = util.UnescapePunctuations(util.ResolveNumericReferences(util.ResolveEntityNames(v)))
			}
			sb.WriteString(r.paint(st, collapseNewlines(string(v))))
			switch {
			case t.HardLineBreak():
				sb.WriteByte('\n')
			case t.SoftLineBreak():
				sb.WriteString(r.paint(st, " "))
			}
		case *ast.String:
			sb.WriteString(r.paint(st, string(t.Value)))
		case *ast.CodeSpan:
			var code strings.Builder
			for cc := t.FirstChild(); cc != nil; cc = cc.NextSibling() {
				if tt, ok := cc.(*ast.Text); ok {
					code.Write(tt.Value(r.src))
				}
			}
			sb.WriteString(r.paint(th.code, th.codePad+code.String()+th.codePad))
		case *ast.Emphasis:
			em := th.emph
			if t.Level > 1 {
				em = th.strong
			}
			inner := st.over(em)
			inner.open, inner.close = "", ""
			sb.WriteString(em.open)
			r.inlineTo(sb, t, inner)
			sb.WriteString(em.close)
		case *east.Strikethrough:
			inner := st.over(th.strike)
			inner.open, inner.close = "", ""
			sb.WriteString(th.strike.open)
			r.inlineTo(sb, t, inner)
			sb.WriteString(th.strike.close)
		case *ast.AutoLink:
			sb.WriteString(r.paint(st.over(th.link), string(t.URL(r.src))))
		case *ast.Link:
			r.inlineTo(sb, t, st.over(th.linkText))
			if dest := string(t.Destination); dest != "" && !strings.HasPrefix(dest, "#") {
				sb.WriteString(r.paint(st, " ") + r.paint(st.over(th.link), dest))
			}
		case *ast.Image:
			if alt := strings.TrimSpace(r.inline(t, textStyle{})); alt != "" {
				sb.WriteString(r.paint(st.over(th.imageText), "Image: "+ansi.Strip(alt)+" →"))
			}
			if dest := string(t.Destination); dest != "" {
				sb.WriteString(r.paint(st, " ") + r.paint(st.over(th.image), dest))
			}
		case *ast.RawHTML:
			// Tags are dropped, as glamour's sanitizer does.
		case *east.TaskCheckBox:
			// The list item's marker shows it.
		default:
			r.inlineTo(sb, c, st)
		}
	}
}

// collapseNewlines joins the lines of a text run (glamour reflows them).
func collapseNewlines(s string) string {
	if !strings.ContainsAny(s, "\r\n") {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

// stripTags returns the text of an HTML block without its tags and with
// entities resolved.
func stripTags(s string) string {
	var sb strings.Builder
	inTag := false
	for _, r := range s {
		switch {
		case r == '<':
			inTag = true
		case r == '>' && inTag:
			inTag = false
		case !inTag:
			sb.WriteRune(r)
		}
	}
	return strings.Join(strings.Fields(html.UnescapeString(sb.String())), " ")
}

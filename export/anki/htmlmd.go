package anki

import (
	"regexp"
	"strings"
	"sync"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

var (
	blankLinesRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`\n{3,}`) })
	inlineMathRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(?s)\\\((.+?)\\\)`) })
	blockMathRE  = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(?s)\\\[(.+?)\\\]`) })
)

// HTMLToMarkdown turns an Anki field back into readable Markdown: <br>
// and blocks become newlines, <b> and <strong> **, <i> and <em> *, code
// and pre backticks and fences, links and images Markdown links, entities
// are decoded and MathJax \(..\) and \[..\] become $..$ and $$..$$. Tags
// it does not know are dropped, keeping their text; script and style are
// dropped whole.
//
// It runs in two steps: a pass over the HTML tokens in which each tag's
// rule (tagRules) writes its Markdown, then tidyMarkdown on the text.
func HTMLToMarkdown(s string) string {
	if !strings.ContainsAny(s, "<&\\\n\r") {
		return strings.TrimSpace(s)
	}
	var c htmlConverter
	z := html.NewTokenizer(strings.NewReader(s))
	for tt := z.Next(); tt != html.ErrorToken; tt = z.Next() {
		c.token(tt, z.Token())
	}
	return tidyMarkdown(c.b.String())
}

// htmlConverter is the state of one HTMLToMarkdown pass.
type htmlConverter struct {
	b     strings.Builder
	lists []atom.Atom // open ul/ol, innermost last
	links []string    // hrefs of open <a>, innermost last
	pre   int         // depth of open <pre>: text keeps its newlines
	skip  int         // depth of open <script>/<style>: text is dropped
}

// token handles one HTML token.
func (c *htmlConverter) token(tt html.TokenType, tok html.Token) {
	if c.skip > 0 {
		if tt == html.EndTagToken && isScript(tok.DataAtom) {
			c.skip--
		}
		return
	}
	switch tt {
	case html.TextToken:
		c.text(tok.Data)
	case html.StartTagToken, html.SelfClosingTagToken:
		if isScript(tok.DataAtom) {
			if tt == html.StartTagToken {
				c.skip++
			}
			return
		}
		if r := tagRules[tok.DataAtom]; r.open != nil {
			r.open(c, tok)
		}
	case html.EndTagToken:
		if r := tagRules[tok.DataAtom]; r.close != nil {
			r.close(c)
		}
	}
}

func isScript(a atom.Atom) bool { return a == atom.Script || a == atom.Style }

// text writes a text token: non-breaking spaces become spaces, and outside
// <pre> newlines do too (HTML collapses them; Markdown would not).
func (c *htmlConverter) text(t string) {
	t = strings.ReplaceAll(t, "\u00a0", " ")
	if c.pre == 0 {
		t = strings.ReplaceAll(t, "\n", " ")
	}
	c.b.WriteString(t)
}

// tagRule is what one tag writes where it opens and where it closes; a
// nil func writes nothing. Tags without a rule keep only their text.
type tagRule struct {
	open  func(c *htmlConverter, tok html.Token)
	close func(c *htmlConverter)
}

// tagRules holds the rule of every tag HTMLToMarkdown knows.
var tagRules = map[atom.Atom]tagRule{
	atom.Br:         {open: writes("\n")},
	atom.P:          {open: writes("\n\n"), close: closes("\n\n")},
	atom.Blockquote: {open: writes("\n\n"), close: closes("\n\n")},
	atom.Table:      {open: writes("\n\n"), close: closes("\n\n")},
	atom.Div:        {open: func(c *htmlConverter, _ html.Token) { c.newline() }, close: (*htmlConverter).newline},
	atom.Tr:         {open: func(c *htmlConverter, _ html.Token) { c.newline() }},
	atom.Dt:         {open: func(c *htmlConverter, _ html.Token) { c.newline() }},
	atom.Dd:         {open: func(c *htmlConverter, _ html.Token) { c.newline() }},
	atom.Td:         {open: writes(" | ")},
	atom.Th:         {open: writes(" | ")},
	atom.H1:         heading(1),
	atom.H2:         heading(2),
	atom.H3:         heading(3),
	atom.H4:         heading(4),
	atom.H5:         heading(5),
	atom.H6:         heading(6),
	atom.Hr:         {open: writes("\n\n---\n\n")},
	atom.B:          wraps("**"),
	atom.Strong:     wraps("**"),
	atom.I:          wraps("*"),
	atom.Em:         wraps("*"),
	atom.S:          wraps("~~"),
	atom.Del:        wraps("~~"),
	atom.Strike:     wraps("~~"),
	atom.Code:       {open: (*htmlConverter).openCode, close: (*htmlConverter).closeCode},
	atom.Pre:        {open: (*htmlConverter).openPre, close: (*htmlConverter).closePre},
	atom.Ul:         {open: (*htmlConverter).openList, close: (*htmlConverter).closeList},
	atom.Ol:         {open: (*htmlConverter).openList, close: (*htmlConverter).closeList},
	atom.Li:         {open: (*htmlConverter).openItem},
	atom.A:          {open: (*htmlConverter).openLink, close: (*htmlConverter).closeLink},
	atom.Img:        {open: (*htmlConverter).image},
}

func writes(s string) func(*htmlConverter, html.Token) {
	return func(c *htmlConverter, _ html.Token) { c.b.WriteString(s) }
}

func closes(s string) func(*htmlConverter) {
	return func(c *htmlConverter) { c.b.WriteString(s) }
}

// wraps is the rule of an inline tag whose Markdown marks both ends.
func wraps(mark string) tagRule { return tagRule{open: writes(mark), close: closes(mark)} }

func heading(level int) tagRule {
	return tagRule{open: writes("\n\n" + strings.Repeat("#", level) + " "), close: closes("\n\n")}
}

// newline ends the text with a newline unless it is empty or already does.
func (c *htmlConverter) newline() { ensureNewline(&c.b) }

// openCode writes a backtick, or inside <pre> puts the language of
// <code class="language-x"> on the fence just opened.
func (c *htmlConverter) openCode(tok html.Token) {
	if c.pre == 0 {
		c.b.WriteString("`")
		return
	}
	lang, ok := strings.CutPrefix(attr(tok, "class"), "language-")
	if ok && strings.HasSuffix(c.b.String(), "```\n") && !strings.ContainsAny(lang, " `\n") {
		out := strings.TrimSuffix(c.b.String(), "\n")
		c.b.Reset()
		c.b.WriteString(out + lang + "\n")
	}
}

func (c *htmlConverter) closeCode() {
	if c.pre == 0 {
		c.b.WriteString("`")
	}
}

func (c *htmlConverter) openPre(html.Token) {
	c.pre++
	c.b.WriteString("\n\n```\n")
}

// closePre closes the fence on its own line; a stray </pre> writes nothing.
func (c *htmlConverter) closePre() {
	if c.pre == 0 {
		return
	}
	c.pre--
	out := strings.TrimRight(c.b.String(), "\n")
	c.b.Reset()
	c.b.WriteString(out)
	c.b.WriteString("\n```\n\n")
}

func (c *htmlConverter) openList(tok html.Token) {
	c.lists = append(c.lists, tok.DataAtom)
	c.b.WriteString("\n")
}

func (c *htmlConverter) closeList() {
	if len(c.lists) > 0 {
		c.lists = c.lists[:len(c.lists)-1]
	}
	c.b.WriteString("\n")
}

// openItem starts a list item indented by its list's depth, numbered in
// an <ol> (Markdown renumbers "1." items itself).
func (c *htmlConverter) openItem(html.Token) {
	c.b.WriteString("\n" + strings.Repeat("  ", max(len(c.lists)-1, 0)))
	if len(c.lists) > 0 && c.lists[len(c.lists)-1] == atom.Ol {
		c.b.WriteString("1. ")
	} else {
		c.b.WriteString("- ")
	}
}

func (c *htmlConverter) openLink(tok html.Token) {
	c.links = append(c.links, attr(tok, "href"))
	c.b.WriteString("[")
}

// closeLink writes the href of the innermost open <a> (none for a stray
// </a>).
func (c *htmlConverter) closeLink() {
	href := ""
	if len(c.links) > 0 {
		href = c.links[len(c.links)-1]
		c.links = c.links[:len(c.links)-1]
	}
	c.b.WriteString("](" + href + ")")
}

func (c *htmlConverter) image(tok html.Token) {
	c.b.WriteString("![" + attr(tok, "alt") + "](" + attr(tok, "src") + ")")
}

// tidyMarkdown turns MathJax into dollars, drops trailing spaces, keeps
// at most one blank line in a row and trims the ends.
func tidyMarkdown(out string) string {
	out = blockMathRE().ReplaceAllString(out, "$$$$$1$$$$")
	out = inlineMathRE().ReplaceAllString(out, "$$$1$$")
	lines := strings.Split(out, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " \t")
	}
	out = blankLinesRE().ReplaceAllString(strings.Join(lines, "\n"), "\n\n")
	return strings.TrimSpace(out)
}

func attr(t html.Token, name string) string {
	for _, a := range t.Attr {
		if a.Key == name {
			return a.Val
		}
	}
	return ""
}

// ensureNewline ends b with a newline unless it is empty or already does.
func ensureNewline(b *strings.Builder) {
	if s := b.String(); s != "" && !strings.HasSuffix(s, "\n") {
		b.WriteString("\n")
	}
}

package anki

import (
	"regexp"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

var (
	blankLinesRE = regexp.MustCompile(`\n{3,}`)
	inlineMathRE = regexp.MustCompile(`(?s)\\\((.+?)\\\)`)
	blockMathRE  = regexp.MustCompile(`(?s)\\\[(.+?)\\\]`)
)

// HTMLToMarkdown turns an Anki field back into readable Markdown: <br>
// and blocks become newlines, <b> and <strong> **, <i> and <em> *, code
// and pre backticks and fences, links and images Markdown links, entities
// are decoded and MathJax \(..\) and \[..\] become $..$ and $$..$$. Tags
// it does not know are dropped, keeping their text; script and style are
// dropped whole.
func HTMLToMarkdown(s string) string {
	if !strings.ContainsAny(s, "<&\\\n\r") {
		return strings.TrimSpace(s)
	}
	z := html.NewTokenizer(strings.NewReader(s))
	var b strings.Builder
	var lists []atom.Atom // open ul/ol
	var links []string    // hrefs of open <a>
	pre, skip := 0, 0
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		tok := z.Token()
		if skip > 0 {
			if tt == html.EndTagToken && (tok.DataAtom == atom.Script || tok.DataAtom == atom.Style) {
				skip--
			}
			continue
		}
		switch tt {
		case html.TextToken:
			t := strings.ReplaceAll(tok.Data, "\u00a0", " ")
			if pre == 0 {
				t = strings.ReplaceAll(t, "\n", " ")
			}
			b.WriteString(t)
		case html.StartTagToken, html.SelfClosingTagToken:
			switch tok.DataAtom {
			case atom.Script, atom.Style:
				if tt == html.StartTagToken {
					skip++
				}
			case atom.Br:
				b.WriteString("\n")
			case atom.P, atom.Blockquote, atom.Table:
				b.WriteString("\n\n")
			case atom.Div, atom.Tr, atom.Dt, atom.Dd:
				ensureNewline(&b)
			case atom.Td, atom.Th:
				b.WriteString(" | ")
			case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
				b.WriteString("\n\n" + strings.Repeat("#", int(tok.Data[1]-'0')) + " ")
			case atom.Hr:
				b.WriteString("\n\n---\n\n")
			case atom.B, atom.Strong:
				b.WriteString("**")
			case atom.I, atom.Em:
				b.WriteString("*")
			case atom.S, atom.Del, atom.Strike:
				b.WriteString("~~")
			case atom.Code:
				if pre == 0 {
					b.WriteString("`")
				} else if lang, ok := strings.CutPrefix(attr(tok, "class"), "language-"); ok &&
					strings.HasSuffix(b.String(), "```\n") && !strings.ContainsAny(lang, " `\n") {
					// <pre><code class="language-x">: the fence gets the language
					out := strings.TrimSuffix(b.String(), "\n")
					b.Reset()
					b.WriteString(out + lang + "\n")
				}
			case atom.Pre:
				pre++
				b.WriteString("\n\n```\n")
			case atom.Ul, atom.Ol:
				lists = append(lists, tok.DataAtom)
				b.WriteString("\n")
			case atom.Li:
				b.WriteString("\n" + strings.Repeat("  ", max(len(lists)-1, 0)))
				if len(lists) > 0 && lists[len(lists)-1] == atom.Ol {
					b.WriteString("1. ")
				} else {
					b.WriteString("- ")
				}
			case atom.A:
				links = append(links, attr(tok, "href"))
				b.WriteString("[")
			case atom.Img:
				b.WriteString("![" + attr(tok, "alt") + "](" + attr(tok, "src") + ")")
			}
		case html.EndTagToken:
			switch tok.DataAtom {
			case atom.P, atom.Blockquote, atom.Table, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
				b.WriteString("\n\n")
			case atom.Div:
				ensureNewline(&b)
			case atom.B, atom.Strong:
				b.WriteString("**")
			case atom.I, atom.Em:
				b.WriteString("*")
			case atom.S, atom.Del, atom.Strike:
				b.WriteString("~~")
			case atom.Code:
				if pre == 0 {
					b.WriteString("`")
				}
			case atom.Pre:
				if pre > 0 {
					pre--
					out := strings.TrimRight(b.String(), "\n")
					b.Reset()
					b.WriteString(out)
					b.WriteString("\n```\n\n")
				}
			case atom.Ul, atom.Ol:
				if len(lists) > 0 {
					lists = lists[:len(lists)-1]
				}
				b.WriteString("\n")
			case atom.A:
				href := ""
				if len(links) > 0 {
					href = links[len(links)-1]
					links = links[:len(links)-1]
				}
				b.WriteString("](" + href + ")")
			}
		}
	}
	out := b.String()
	out = blockMathRE.ReplaceAllString(out, "$$$$$1$$$$")
	out = inlineMathRE.ReplaceAllString(out, "$$$1$$")
	lines := strings.Split(out, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " \t")
	}
	out = blankLinesRE.ReplaceAllString(strings.Join(lines, "\n"), "\n\n")
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

package markdown

import (
	"bytes"
	"errors"
	"strings"
	"testing"
)

// markupLines lists the lines of src holding card markup outside code,
// math, URLs, HTML and front matter (the prose mask): a run of two or
// more colons, a line that is just "?" or "??" (also after a quote
// marker), a "==...==" pair with text in it, or "{{cN::". It does not ask
// the reader which forms make cards: that is what it checks.
func markupLines(src []byte) []int {
	doc := ParseDocument("x.md", src)
	prose := make([]bool, len(src))
	proseMask(doc, prose)
	var out []int
	for k := 1; k <= doc.LineCount(); k++ {
		s := doc.lineStarts[k-1]
		e := len(src)
		if k < len(doc.lineStarts) {
			e = doc.lineStarts[k] - 1
		}
		if hasMarkup(src, prose, s, e) {
			out = append(out, k)
		}
	}
	return out
}

func hasMarkup(src []byte, prose []bool, s, e int) bool {
	t := strings.TrimSpace(strings.TrimLeft(strings.TrimSpace(string(src[s:e])), "> "))
	if (t == "?" || t == "??") && prose[e-1-(len(string(src[s:e]))-len(strings.TrimRight(string(src[s:e]), " \t\r")))] {
		return true
	}
	open := -1
	for i := s; i < e; i++ {
		if !prose[i] {
			continue
		}
		switch {
		case src[i] == ':' && i+1 < e && src[i+1] == ':' && prose[i+1]:
			return true
		case src[i] == '{':
			if _, _, ok := clozeOpen(src, prose, i); ok {
				return true
			}
		case src[i] == '=' && i+1 < e && src[i+1] == '=' && prose[i+1]:
			if open >= 0 && i > open+2 {
				if strings.Trim(string(src[open+2:i]), "= \t") != "" {
					return true
				}
				open = -1
			} else if open < 0 {
				open = i
			}
			i++
		}
	}
	return false
}

// silentDrops returns the markup lines of src that end neither inside a
// card nor as a warning on that line.
func silentDrops(src []byte, res *Result) []int {
	covered := map[int]bool{}
	for _, c := range res.Cards {
		if c.Origin != "" {
			continue
		}
		for k := c.Source.Line; k <= c.Source.EndLine; k++ {
			covered[k] = true
		}
	}
	lines := strings.Split(string(src), "\n")
	for _, w := range res.Warnings {
		covered[w.Line] = true
		if strings.HasPrefix(w.Message, "duplicate card") {
			// A repeated card is dropped whole, warned at its first line.
			for k := w.Line + 1; k <= len(lines) && strings.TrimSpace(lines[k-1]) != ""; k++ {
				covered[k] = true
			}
		}
	}
	var out []int
	for _, k := range markupLines(src) {
		if !covered[k] {
			out = append(out, k)
		}
	}
	return out
}

// noteFragments are the pieces FuzzNoSilentDrop builds notes from: every
// markup form, the containers and blocks around them, and traps.
var noteFragments = []string{
	"", "", "Q", "What is X?", "?", "??", "  ?  ", "> ?", "- ?", "A", "more answer",
	"a::b", "a:::b", "a::::b", "::b", "a::", "x::y::z", "- a::b", "  - nested::c", "> a::b", "> [!note] Title",
	"The ==x== y", "==a== and ==b==", "==x", "y==", "== z ==", "====w==", "==1;;one== ==2;;two==", "==h;;hint==", "==a==^[hint]",
	"{{c1::x}}", "{{c1::x", "}} end", "{{c2::y::h}} z", "{{c0::q}}", "{{name}}",
	"# Heading", "### Question heading", "## h::i", "---", "***", "Setext", "===", "Q: one", "A: two",
	"```", "~~~", "    indented::code", "`a::b`", "$a::b$", "$$", "Cost in US$?", "2 US$", "http://a::b", "<http://x::y>",
	"<!--", "-->", "<!-- c -->", "<!--SR:!2025-01-01,3,250-->", "<!--SR:2025-01-01,3,250-->", "x <!--SR:!2000-01-01,1,250-->",
	"| a::b | c |", "|---|---|", "<div>", "</div>", "#flashcards/deck", "#flashcards/x q::a", "#tag Q", "\\::", "a\r",
}

// buildNote turns fuzz bytes into a note, one fragment per byte.
func buildNote(data []byte) []byte {
	var b bytes.Buffer
	for i, c := range data {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(noteFragments[int(c)%len(noteFragments)])
	}
	return b.Bytes()
}

// FuzzNoSilentDrop asserts that every piece of card markup outside code,
// math and URLs ends as a card or as a warning on its line, over notes
// built from fragments. go test runs the seeds below; run it longer with
// go test ./cards/markdown -run '^$' -fuzz FuzzNoSilentDrop -fuzztime 5m
func FuzzNoSilentDrop(f *testing.F) {
	seeds := [][]byte{
		{2, 4, 9}, {2, 3, 4, 5, 9, 9, 1, 2, 5, 9}, {11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21},
		{22, 23, 24, 25, 26, 27, 28, 29, 30, 31}, {32, 33, 34, 35, 36, 37}, {38, 39, 4, 9, 40, 41, 42, 43, 44},
		{45, 46, 47, 48, 2, 4, 9, 46}, {49, 50, 51, 52, 53, 54, 55, 56, 57}, {58, 59, 60, 61, 62, 63},
		{64, 65, 66, 67, 68, 69, 70, 71, 72, 2, 4, 9}, {3, 6, 9, 0, 2, 7, 9}, {21, 2, 4, 22, 9, 14},
		{38, 11, 2, 4, 9, 0, 45, 2, 4, 9, 45}, {56, 2, 4, 57, 9}, {46, 11, 2, 4, 46}, {24, 0, 25, 11},
	}
	for _, s := range seeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 200 {
			data = data[:200]
		}
		checkNoSilentDrop(t, buildNote(data))
	})
}

// checkNoSilentDrop reads src and fails on markup that made neither a
// card nor a warning.
func checkNoSilentDrop(t *testing.T, src []byte) {
	t.Helper()
	res, err := Read(append([]byte(nil), src...), ReadOptions{Path: "/v/f.md", Root: "/v"})
	if err != nil {
		if !errors.Is(err, ErrNotText) {
			t.Fatalf("error %v does not wrap ErrNotText", err)
		}
		return
	}
	if lines := silentDrops(src, res); len(lines) > 0 {
		t.Errorf("markup dropped without a card or warning on lines %v of\n%s\ncards %q\nwarnings %q",
			lines, src, showAll(res.Cards), showWarnings(res.Warnings))
	}
}

func TestNoSilentDropExamples(t *testing.T) {
	for _, src := range []string{
		"Q\n?\n\nA", "x::y\n?\nz", "> Q\n> ?\n> A", "{{c1::x\nfoo::bar", "The ====x== y\nfoo::bar",
		"Q: lonely\nfoo::bar", "a == b ==c== d", "| a::b |\n|---|", "Q\n?\nA\n?\nB\n\n?\n",
	} {
		checkNoSilentDrop(t, []byte(src))
	}
}

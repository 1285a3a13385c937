package review

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestPlainLines(t *testing.T) {
	tests := []struct {
		name, md string
		want     []string
	}{
		{"empty", "", nil},
		{"blank", "  \n\n ", nil},
		{"emphasis", "What is *Go*'s **`defer`**?", []string{"What is Go's defer?"}},
		{"soft break joins", "one\ntwo", []string{"one two"}},
		{"hard break splits", "one  \ntwo\\\nthree", []string{"one", "two", "three"}},
		{"paragraphs", "one\n\ntwo", []string{"one", "two"}},
		{"escapes", `a \*star\* and \[x\]`, []string{"a *star* and [x]"}},
		{"code keeps backslashes", "`a\\*b` &amp; &#65;", []string{`a\*b & A`}},
		{"quote of two paragraphs in a list", "- > a\n  >\n  > b\n- c", []string{"- > a", "  > b", "- c"}},
		{"definition of two paragraphs", "Term\n: one\n\n  two", []string{"Term", ": one", "  two"}},
		{"cloze gap", "The PM was [...].", []string{"The PM was [...]."}},
		{"cloze hint", "The PM was [first female PM].", []string{"The PM was [first female PM]."}},
		{"link", "see [the docs](https://go.dev/doc) now", []string{"see the docs (https://go.dev/doc) now"}},
		{"link same as text", "[https://go.dev](https://go.dev)", []string{"https://go.dev"}},
		{"autolink", "<https://go.dev>", []string{"https://go.dev"}},
		{"bare url", "at https://go.dev today", []string{"at https://go.dev today"}},
		{"image", "![a cat](cat.png) and ![](x.png)", []string{"[image: a cat] and [image]"}},
		{"heading", "## Why *now*?", []string{"Why now?"}},
		{"bullets", "- a\n- b\n  - c", []string{"- a", "- b", "  - c"}},
		{"ordered from 3", "3. x\n4. y", []string{"3. x", "4. y"}},
		{"loose item", "- first para\n\n  second para", []string{"- first para", "  second para"}},
		{"tasks", "- [x] done\n- [ ] todo", []string{"- [x] done", "- [ ] todo"}},
		{"code block", "```go\nfunc f() {\n\n\treturn\n}\n```", []string{"func f() {", "\treturn", "}"}},
		{"indented code", "    x := 1\n    y := 2", []string{"x := 1", "y := 2"}},
		{"quote", "> a\n>\n> b", []string{"> a", "> b"}},
		{"table", "| k | v |\n|---|---|\n| *a* | 1 |", []string{"k | v", "a | 1"}},
		{"definition list", "Term\n: its meaning", []string{"Term", ": its meaning"}},
		{"thematic break", "a\n\n---\n\nb", []string{"a", "---", "b"}},
		{"html", "<b>bold</b> text\n\n<div>\nblock\n</div>", []string{"<b>bold</b> text", "<div>", "block", "</div>"}},
		{"strikethrough", "~~old~~ new", []string{"old new"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := plainLines(tt.md)
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") || len(got) != len(tt.want) {
				t.Errorf("plainLines(%q)\n got %q\nwant %q", tt.md, got, tt.want)
			}
		})
	}
}

func FuzzPlainLines(f *testing.F) {
	for _, s := range []string{"", "a *b* `c`", "- x\n  - y\n\n1. z", "> q\n\n```\ncode\n```", "| a |\n|---|\n| b |", "[l](u) ![i](j) <http://x>", "Term\n: def", "a  \nb"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, md string) {
		lines := plainLines(md)
		for _, l := range lines {
			if strings.TrimSpace(l) == "" {
				t.Fatalf("empty line in %q", lines)
			}
			if strings.ContainsAny(l, "\n") {
				t.Fatalf("newline inside line %q", l)
			}
			if strings.TrimRight(l, " \t\r") != l {
				t.Fatalf("trailing blanks in %q", l)
			}
		}
		if utf8.ValidString(md) {
			for _, l := range lines {
				if !utf8.ValidString(l) {
					t.Fatalf("invalid UTF-8 out of valid input: %q", l)
				}
			}
		}
	})
}

func TestFillCloze(t *testing.T) {
	tests := []struct {
		name, text string
		ord        int
		want       string
		ok         bool
	}{
		{"one", "{{c1::Canberra}} is the capital", 1, "**Canberra** is the capital", true},
		{"other ord plain", "{{c1::Canberra::city}} was founded in {{c2::1913}}", 2, "Canberra was founded in **1913**", true},
		{"hint dropped", "{{c1::Canberra::city}} was founded", 1, "**Canberra** was founded", true},
		{"same ord twice", "{{c1::a}} and {{c1::b}}", 1, "**a** and **b**", true},
		{"missing ord", "{{c1::a}}", 3, "a", false},
		{"no cloze", "plain {{placeholder}} text", 1, "plain {{placeholder}} text", false},
		{"nested", "{{c1::outer {{c2::inner}} end}} x", 2, "outer **inner** end x", true},
		{"nested outer", "{{c1::outer {{c2::inner}} end}} x", 1, "**outer inner end** x", true},
		{"unterminated", "{{c1::open and {{c2::ok}}", 2, "{{c1::open and **ok**", true},
		{"bad number", "{{cx::a}} {{c::b}} {{c1:c}}", 1, "{{cx::a}} {{c::b}} {{c1:c}}", false},
		{"empty answer", "a {{c1::}} b", 1, "a  b", true},
		{"double colon in hint", "{{c1::std::vector}}", 1, "**std**", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := fillCloze(tt.text, tt.ord)
			if got != tt.want || ok != tt.ok {
				t.Errorf("fillCloze(%q, %d) = %q, %v; want %q, %v", tt.text, tt.ord, got, ok, tt.want, tt.ok)
			}
		})
	}
}

func FuzzFillCloze(f *testing.F) {
	for _, s := range []string{"{{c1::a::b}} {{c2::c}}", "{{c1::x {{c2::y}}}}", "{{c1::", "}}{{c", "{{c999999999999::x}}"} {
		f.Add(s, 1)
	}
	f.Fuzz(func(t *testing.T, text string, ord int) {
		out, ok := fillCloze(text, ord)
		if !strings.Contains(text, "{{c") && out != text {
			t.Fatalf("text without deletions changed: %q -> %q", text, out)
		}
		if ok && !strings.Contains(text, "::") {
			t.Fatalf("found ord %d in %q", ord, text)
		}
		if len(out) > len(text)*2+4 {
			t.Fatalf("output grew from %d to %d bytes", len(text), len(out))
		}
	})
}

func BenchmarkPlainLines(b *testing.B) {
	md := cardCode.Question + "\n\n" + strings.Repeat("Some *text* with a [link](https://x.y) and `code`.\n\n- item\n- item\n\n", 5)
	for b.Loop() {
		plainLines(md)
	}
}

package review

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"
)

func TestRenderMarkdown(t *testing.T) {
	tests := []struct {
		name, md string
		width    int
		notty    string // exact, no colour
		dark     string // the dark style with escapes stripped
	}{
		{name: "paragraph wraps at the width less margins", width: 24,
			md:    "The capital of Kenya is Nairobi,\nsince 1963.",
			notty: "  The capital of Kenya\n  is Nairobi, since\n  1963.",
			dark:  "  The capital of Kenya\n  is Nairobi, since\n  1963."},
		{name: "emphasis keeps its markers without colour", width: 60,
			md:    "*a* **b** ~~c~~ `d` \\*e",
			notty: "  *a* **b** ~~c~~ d *e",
			dark:  "  a b c  d  *e"},
		{name: "headings", width: 60,
			md:    "# One\n\n## Two\n\ntext",
			notty: "  # One\n\n  ## Two\n\n  text",
			dark:  "   One \n\n  ## Two\n\n  text"},
		{name: "lists hang and nest", width: 24,
			md:    "- one two three four five\n  - nested\n1. first\n3. second",
			notty: "  • one two three four\n    five\n      • nested\n\n  1. first\n  2. second",
			dark:  "  • one two three four\n    five\n    • nested\n\n  1. first\n  2. second"},
		{name: "ordered list keeps its start", width: 60,
			md: "3. c\n4. d", notty: "  3. c\n  4. d", dark: "  3. c\n  4. d"},
		{name: "tasks", width: 60,
			md: "- [x] done\n- [ ] todo", notty: "  [x] done\n  [ ] todo", dark: "  [✓] done\n  [ ] todo"},
		{name: "code block keeps lines, tabs expanded", width: 12,
			md:    "```go\nfunc main() {\n\tprintln(1)\n}\n```",
			notty: "    func main() {\n        println(1)\n    }",
			dark:  "    func main() {\n        println(1)\n    }"},
		{name: "quote", width: 60,
			md: "> quoted\n> text", notty: "  | quoted text", dark: "  │ quoted text"},
		{name: "links and images", width: 80,
			md:    "[site](https://x.org) <https://y.org> [top](#top) ![a cat](cat.png)",
			notty: "  site https://x.org https://y.org top Image: a cat → cat.png",
			dark:  "  site https://x.org https://y.org top Image: a cat → cat.png"},
		{name: "table", width: 60,
			md:    "| a | bb |\n|---|---|\n| 1 | 22 |",
			notty: "  a | bb\n  --|---\n  1 | 22",
			dark:  "  a │ bb\n  ──┼───\n  1 │ 22"},
		{name: "html tags are dropped", width: 60,
			md: "<div>\n<b>x</b> &amp; y\n</div>\n\nsee <i>this</i>", notty: "  x & y\n\n  see this", dark: "  x & y\n\n  see this"},
		{name: "definition list", width: 60,
			md: "Term\n: Meaning", notty: "  Term\n  * Meaning", dark: "  Term\n  🠶 Meaning"},
		{name: "rule", width: 60, md: "a\n\n---\n\nb", notty: "  a\n\n  --------\n\n  b", dark: "  a\n\n  --------\n\n  b"},
		{name: "empty", width: 60, md: "", notty: "", dark: ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := renderMarkdown(tt.md, styleNoTTY, termenv.Ascii, tt.width); got != tt.notty {
				t.Errorf("notty:\n%s\nwant:\n%s", got, tt.notty)
			}
			for _, style := range []string{styleDark, styleLight} {
				got := renderMarkdown(tt.md, style, termenv.ANSI256, tt.width)
				if tt.md != "" && !strings.Contains(got, "\x1b[") {
					t.Errorf("%s: no escape codes in %q", style, got)
				}
				if s := ansi.Strip(got); s != tt.dark {
					t.Errorf("%s:\n%s\nwant:\n%s", style, s, tt.dark)
				}
			}
		})
	}
}

// Rendering any text in any style at any width never panics.
func FuzzRenderMarkdown(f *testing.F) {
	f.Add("# h\n\n- a **b** `c`\n\n> q\n\n| x | y |\n|---|---|\n| 1 | 2 |", 30)
	f.Add("[l](u) ![i](j) <a@b.c>\n```\ncode\n```", 12)
	f.Fuzz(func(t *testing.T, md string, width int) {
		width = 10 + abs(width)%120
		for _, style := range []string{styleNoTTY, styleDark} {
			_ = renderMarkdown(md, style, termenv.ANSI256, width)
		}
	})
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

func BenchmarkRenderMarkdown(b *testing.B) {
	md := cardCode.Question + "\n\n" + cardBasic.Question + "\n\n- a **list** with `code`\n- and a [link](https://example.org)"
	for b.Loop() {
		_ = renderMarkdown(md, styleDark, termenv.TrueColor, 80)
	}
}

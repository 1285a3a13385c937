package anki

import (
	"fmt"
	"strings"
	"testing"

	"github.com/mnemo-app/mnemo/export/ankitext"
)

// guidForBig is an independent reimplementation of genanki's guid_for
// with arbitrary-precision arithmetic, as the Python original works.
func TestClozes(t *testing.T) {
	text := "{{c1::Canberra::city}} was founded in {{c2::1913}}; {{c1::ACT}} and {{c3::outer {{c4::inner}}}}"
	if got := fmt.Sprint(ClozeNumbers(text)); got != "[1 2 3 4]" {
		t.Errorf("ClozeNumbers = %s", got)
	}
	for _, tc := range []struct {
		n    int
		q, a string
	}{
		{1, "[city] was founded in 1913; [...] and outer inner", "Canberra, ACT"},
		{2, "Canberra was founded in [...]; ACT and outer inner", "1913"},
		{3, "Canberra was founded in 1913; ACT and [...]", "outer inner"},
		{4, "Canberra was founded in 1913; ACT and outer [...]", "inner"},
		{5, "Canberra was founded in 1913; ACT and outer inner", ""},
	} {
		t.Run(fmt.Sprint("c", tc.n), func(t *testing.T) {
			q, a := ClozeQuestionAnswer(text, tc.n)
			if q != tc.q || a != tc.a {
				t.Errorf("got %q / %q, want %q / %q", q, a, tc.q, tc.a)
			}
		})
	}
	for _, in := range []string{"{{placeholder}}", "{{c::x}}", "{{c1::unterminated", "{{c0::zero}}"} {
		if n := ClozeNumbers(in); len(n) != 0 {
			t.Errorf("ClozeNumbers(%q) = %v, want none", in, n)
		}
	}
}

func FuzzClozes(f *testing.F) {
	f.Add("{{c1::a::b}} {{c2::{{c3::x}}}}", 1)
	f.Add("{{c1::}}}}{{", 2)
	f.Fuzz(func(t *testing.T, text string, n int) {
		nums := ClozeNumbers(text)
		for i := 1; i < len(nums); i++ {
			if nums[i] <= nums[i-1] || nums[i-1] < 1 {
				t.Fatalf("numbers not distinct ascending positive: %v", nums)
			}
		}
		q, _ := ClozeQuestionAnswer(text, n)
		if len(nums) == 0 && q != text {
			t.Fatalf("text without clozes changed: %q -> %q", text, q)
		}
	})
}

func TestHTMLToMarkdown(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"plain", "Nairobi", "Nairobi"},
		{"br", "a<br>b<br/>c", "a\nb\nc"},
		{"bold italic", "<b>x</b> <strong>y</strong> <i>z</i> <em>w</em>", "**x** **y** *z* *w*"},
		{"entities", "a &amp; b &lt;c&gt; &nbsp;d &quot;e&quot;", `a & b <c>  d "e"`},
		{"mathjax", `\(x^2\) and \[\sum x\]`, "$x^2$ and $$\\sum x$$"},
		{"divs", "<div>one</div><div>two</div>", "one\ntwo"},
		{"paragraphs", "<p>one</p>\n<p>two</p>", "one\n\ntwo"},
		{"code block", "<pre><code class=\"language-go\">fmt.Println(&quot;x&quot;)\n</code></pre>", "```go\nfmt.Println(\"x\")\n```"},
		{"inline code", "use <code>go test</code>", "use `go test`"},
		{"link and image", `<a href="https://e.org">site</a> <img src="a.png" alt="pic">`, "[site](https://e.org) ![pic](a.png)"},
		{"list", "<ul><li>one</li><li>two</li></ul>", "- one\n- two"},
		{"ordered list", "<ol><li>one</li></ol>", "1. one"},
		{"script dropped", "a<script>evil()</script>b", "ab"},
		{"unknown tag kept text", "<span style=\"color:red\">red</span>", "red"},
		{"cloze kept", "{{c1::Canberra}} is", "{{c1::Canberra}} is"},
		{"heading", "<h2>Title</h2>text", "## Title\n\ntext"},
		{"table cells", "<table><tr><th>a</th><th>b</th></tr><tr><td>1</td><td>2</td></tr></table>", "| a | b\n | 1 | 2"},
		{"rule", "a<hr>b", "a\n\n---\n\nb"},
		{"strike", "<s>x</s> <del>y</del>", "~~x~~ ~~y~~"},
		{"nested list", "<ul><li>a<ol><li>b</li></ol></li></ul>", "- a\n\n  1. b"},
		{"stray end tags", "a</pre>b</a>c", "ab]()c"},
		{"definition list", "<dl><dt>term</dt><dd>def</dd></dl>", "term\ndef"},
		{"pre keeps newlines", "<pre>line1\nline2</pre>", "```\nline1\nline2\n```"},
		{"newline outside pre", "x\ny", "x y"},
		{"style and self-closed script", "a<style>p{}</style>b<script/>c", "abc"},
		{"blockquote", "<blockquote>q</blockquote>after", "q\n\nafter"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := HTMLToMarkdown(tc.in); got != tc.want {
				t.Errorf("HTMLToMarkdown(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestMarkdownSurvivesHTMLRoundTrip(t *testing.T) {
	for _, in := range []string{
		"Nairobi", "a **b** and *c*", "$x^2$ and text", "```go\nfmt.Println(1)\n```", "one\n\ntwo",
		"[site](https://e.org)", "- one\n- two", "a & b < c",
	} {
		h, err := ankitext.MarkdownToHTML(in, nil)
		if err != nil {
			t.Fatal(err)
		}
		if got := HTMLToMarkdown(h); got != in {
			t.Errorf("%q -> %q -> %q", in, h, got)
		}
	}
}

func FuzzHTMLToMarkdown(f *testing.F) {
	f.Add("<b>x</b><br>&amp;\\(y\\)")
	f.Add("<pre><code class=\"language-go\">x</code></pre><ol><li>a</li></ol>")
	f.Add("<a href=x><a>")
	f.Fuzz(func(t *testing.T, in string) {
		out := HTMLToMarkdown(in)
		if strings.Contains(out, "\n\n\n") {
			t.Fatalf("three newlines in %q", out)
		}
		if out != strings.TrimSpace(out) {
			t.Fatalf("untrimmed output %q", out)
		}
	})
}

func TestSafeMediaName(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"image-1.png", "image-1.png"},
		{"Pasted image 20241206183838.png", "Pasted_image_20241206183838.png"},
		{`a[b]<c>:d"e?f*g^h\i|j.png`, "abcdefghij.png"},
		{"CON.png", "CON_.png"},
		{"trailing.", "trailing._"},
		{"..hidden.png", "hidden.png"},
		{"", "image"},
		{"e\u0301.png", "\u00e9.png"},
		{strings.Repeat("é", 100) + ".png", strings.Repeat("é", 58) + ".png"},
	} {
		t.Run(tc.in, func(t *testing.T) {
			got := SafeMediaName(tc.in)
			if got != tc.want {
				t.Errorf("SafeMediaName(%q) = %q, want %q", tc.in, got, tc.want)
			}
			if len(got) > maxMediaName || !safeEntryName(got) {
				t.Errorf("%q is not safe", got)
			}
		})
	}
}

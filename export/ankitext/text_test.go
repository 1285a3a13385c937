package ankitext

import (
	"crypto/sha256"
	"flag"
	"fmt"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	cmarkdown "github.com/mnemo-app/mnemo/cards/markdown"
)

func guidForBig(values ...string) string {
	sum := sha256.Sum256([]byte(strings.Join(values, "__")))
	n := new(big.Int).SetBytes(sum[:8])
	base := big.NewInt(91)
	var digits []byte
	mod := new(big.Int)
	for n.Sign() > 0 {
		n.DivMod(n, base, mod)
		digits = append([]byte{base91[mod.Int64()]}, digits...)
	}
	return string(digits)
}

func TestGUIDFor(t *testing.T) {
	for _, tc := range []struct {
		name   string
		values []string
		want   string
	}{
		// The spec's check value for a straight port of guid_for: genanki's
		// default GUID of a Basic note with fields "front 0" and "back 0".
		{"spec check value", []string{"front 0", "back 0"}, "LWI%~;Bec3"},
		{"mnemo note", []string{"mnemo", "ijzqc7nnos"}, guidForBig("mnemo", "ijzqc7nnos")},
		{"unicode", []string{"mnemo", "größe"}, guidForBig("mnemo", "größe")},
		{"empty", []string{""}, guidForBig("")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := GUIDFor(tc.values...); got != tc.want {
				t.Errorf("GUIDFor(%q) = %q, want %q", tc.values, got, tc.want)
			}
		})
	}
	for i := 0; i < 500; i++ {
		id := fmt.Sprintf("note-%d", i)
		if got, want := NoteGUID(id), guidForBig("mnemo", id); got != want {
			t.Fatalf("NoteGUID(%q) = %q, independent port says %q", id, got, want)
		}
	}
}

func TestFieldChecksum(t *testing.T) {
	for _, tc := range []struct {
		name, field string
		want        uint32
	}{
		{"anki test vector", "test", 2840236005},
		{"html stripped first", "<b>te</b>st", 2840236005},
		{"entity decoded", "t&#101;st", 2840236005},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := FieldChecksum(tc.field); got != tc.want {
				t.Errorf("FieldChecksum(%q) = %d, want %d", tc.field, got, tc.want)
			}
		})
	}
}

func TestStripHTMLPreservingMediaFilenames(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"test", "test"},
		{"t<b>e</b>st", "test"},
		{"so<SCRIPT>t<b>e</b>st</script>me", "some"},
		{"<img src=foo.jpg>", " foo.jpg "},
		{"<img src='foo.jpg'><html>", " foo.jpg "},
		{`<img alt="x" src="a b.png">`, " a b.png "},
		{"<html>", ""},
		{"a<!-- c -->b<style>x{}</style>", "ab"},
		{"a&nbsp;b &lt;c&gt; &amp;", "a b <c> &"},
		{"  kept  ", "  kept  "},
	} {
		t.Run(tc.in, func(t *testing.T) {
			if got := StripHTMLPreservingMediaFilenames(tc.in); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestMediaRefs(t *testing.T) {
	got := MediaRefs(`x <img src="a&amp;b.png"> [sound:s.mp3] <img src='c.jpg' alt=y>`)
	want := []string{"a&b.png", "c.jpg", "s.mp3"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("MediaRefs = %q, want %q", got, want)
	}
}

func ExampleGUIDFor() {
	fmt.Println(GUIDFor("front 0", "back 0"))
	// Output: LWI%~;Bec3
}

// markdownCases are the inputs of the Markdown -> HTML golden file.
var markdownCases = []struct{ name, in string }{
	{"plain", "Nairobi"},
	{"quote", `He said "hi"`},
	{"emphasis", "a *b* and **c** and ~~d~~"},
	{"raw html escaped", "a <script>alert(1)</script> <b>bold</b> & c"},
	{"html block escaped", "<div>\nraw\n</div>"},
	{"comment dropped", "before <!--SR:!2025-01-01,3,250--> after"},
	{"inline math", `$a_1 * b_2$ and $\frac{1}{2}$`},
	{"math with html chars", `$a<b>c$`},
	{"display math", "$$\\sum_{i=1}^n x_i$$"},
	{"display math block", "Intro\n\n$$\nx^2 < 3\n$$\n\nafter"},
	{"dollars not math", "costs $5 and $10"},
	{"code span keeps dollars", "`$x$` and `<tag>`"},
	{"fenced code", "```go\nfmt.Println(\"<hi>\")\n```"},
	{"list", "- one\n- two *x*"},
	{"link", "[site](https://example.org) and https://go.dev"},
	{"image", "![alt *text*](img%20a.png)"},
	{"cloze", "{{c1::Canberra::city}} was founded in {{c2::1913}}"},
	{"table", "| a | b |\n|---|---|\n| 1 | 2 |"},
	{"two paragraphs", "first\n\nsecond"},
	{"line break", "first  \nsecond"},
}

func TestMarkdownToHTMLGolden(t *testing.T) {
	var b strings.Builder
	for _, tc := range markdownCases {
		got, err := MarkdownToHTML(tc.in, func(d string) (string, bool) { return "media:" + d, true })
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		fmt.Fprintf(&b, "### %s\n%s\n---\n%s\n\n", tc.name, tc.in, got)
	}
	path := filepath.Join("testdata", "markdown.golden")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if b.String() != string(want) {
		t.Errorf("output differs from %s (go test -update to accept):\n%s", path, b.String())
	}
}

func TestMarkdownToHTMLRules(t *testing.T) {
	for _, tc := range []struct {
		name, in    string
		img         ImageFunc
		has, hasNot []string
	}{
		{"script escaped", "<script>x</script>", nil, []string{"&lt;script&gt;"}, []string{"<script"}},
		{"math protected from emphasis", "$a_1 * b_2 * c_3$", nil, []string{`\(a_1 * b_2 * c_3\)`}, []string{"<em>"}},
		{"display math", "$$x$$", nil, []string{`\[x\]`}, nil},
		{"code block kept", "```\na < b\n```", nil, []string{"<pre><code>a &lt; b\n</code></pre>"}, nil},
		{"missing image left out", "see ![x](gone.png) here", func(string) (string, bool) { return "", false },
			[]string{"see", "here"}, []string{"<img", "gone.png"}},
		{"image src not url-escaped", "![x](a%20b.png)", func(string) (string, bool) { return "a b.png", true },
			[]string{`<img src="a b.png" alt="x">`}, nil},
		{"single paragraph unwrapped", "a *b*", nil, []string{"a <em>b</em>"}, []string{"<p>"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := MarkdownToHTML(tc.in, tc.img)
			if err != nil {
				t.Fatal(err)
			}
			for _, h := range tc.has {
				if !strings.Contains(got, h) {
					t.Errorf("%q lacks %q", got, h)
				}
			}
			for _, h := range tc.hasNot {
				if strings.Contains(got, h) {
					t.Errorf("%q contains %q", got, h)
				}
			}
		})
	}
}

func FuzzMarkdownToHTML(f *testing.F) {
	for _, tc := range markdownCases {
		f.Add(tc.in)
	}
	f.Add("$$\n$")
	f.Add("$a\\$")
	f.Fuzz(func(t *testing.T, in string) {
		out, err := MarkdownToHTML(in, func(d string) (string, bool) { return "m.png", len(d)%2 == 0 })
		if err != nil {
			t.Fatalf("error on %q: %v", in, err)
		}
		lower := strings.ToLower(out)
		for _, bad := range []string{"<script", "<iframe", "<style", "onerror="} {
			if strings.Contains(lower, bad) && !strings.Contains(strings.ToLower(in), "`") {
				// only escaped forms may appear: a raw tag means HTML got through
				t.Fatalf("raw %s in output of %q: %q", bad, in, out)
			}
		}
		if utf8.ValidString(in) && !utf8.ValidString(out) {
			t.Fatalf("invalid UTF-8 output for %q", in)
		}
	})
}

func TestStripTagsMatchesAnkiRegexp(t *testing.T) {
	for _, in := range []string{
		"a<b>c", "<!-- x -->y", "<!-- open", "<style>s</style>t", "<STYLE a=1>x</Style>y", "<script>x", "<scriptx>y",
		"a < b > c", "<<b>>", "x<", "<style>no end", "<!--a--><!--", "é<i>ü</i>",
	} {
		if got, want := stripTags(in), htmlRE().ReplaceAllString(in, ""); got != want {
			t.Errorf("stripTags(%q) = %q, regexp gives %q", in, got, want)
		}
	}
}

func FuzzStripTags(f *testing.F) {
	f.Add("<style>s</style><!--c--><b>x</b>")
	f.Add("<scr<script>ipt>")
	f.Fuzz(func(t *testing.T, in string) {
		if got, want := stripTags(in), htmlRE().ReplaceAllString(in, ""); got != want {
			t.Fatalf("stripTags(%q) = %q, regexp gives %q", in, got, want)
		}
	})
}

var update = flag.Bool("update", false, "rewrite golden files")

// TestMarkdownToHTMLBoundsNesting: past the note reader's nesting limit a
// field is not parsed but returned as escaped text; at the limit it is
// still Markdown.
func TestMarkdownToHTMLBoundsNesting(t *testing.T) {
	over := strings.Repeat("- ", cmarkdown.MaxNesting+1) + "x <i>"
	at := strings.Repeat("> ", cmarkdown.MaxNesting) + "x"
	for _, tc := range []struct {
		name, in, want string
	}{
		{"lists over the limit", over, PlainHTML(over)},
		{"quotes over the limit, two lines", "a\n" + strings.Repeat(">", 65) + " b", "a<br>" + strings.Repeat("&gt;", 65) + " b"},
	} {
		got, err := MarkdownToHTML(tc.in, nil)
		if err != nil || got != tc.want {
			t.Errorf("%s: got %.80q, %v; want %.80q", tc.name, got, err, tc.want)
		}
		if TooDeep(tc.in) == nil {
			t.Errorf("%s: TooDeep = nil", tc.name)
		}
	}
	if got, _ := MarkdownToHTML(at, nil); !strings.Contains(got, "<blockquote>") || TooDeep(at) != nil {
		t.Errorf("quotes at the limit: %.80q, TooDeep %v; want Markdown", got, TooDeep(at))
	}
}

package markdown

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/mnemo-app/mnemo/cards"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// read parses src with no generation and fails the test on error.
func read(t testing.TB, src string, opts ReadOptions) *Result {
	t.Helper()
	if opts.Path == "" {
		opts.Path = "/vault/note.md"
	}
	res, err := Read([]byte(src), opts)
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	return res
}

// show is a compact, comparable form of a card.
func show(c cards.Card) string {
	s := fmt.Sprintf("%d-%d %s %q=>%q", c.Source.Line, c.Source.EndLine, c.Kind, c.Question, c.Answer)
	if c.Kind == cards.KindCloze {
		s += fmt.Sprintf(" c%d %q", c.Ord, c.Text)
	}
	return s
}

func showAll(cs []cards.Card) []string {
	out := []string{}
	for _, c := range cs {
		out = append(out, show(c))
	}
	return out
}

func showWarnings(ws []Warning) []string {
	out := []string{}
	for _, w := range ws {
		out = append(out, fmt.Sprintf("%d: %s", w.Line, w.Message))
	}
	return out
}

func TestReadSyntax(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []string
	}{
		{"inline", "Capital of Kenya::Nairobi\n", []string{`1-1 basic "Capital of Kenya"=>"Nairobi"`}},
		{"inline with spaces", "Capital of Kenya :: Nairobi", []string{`1-1 basic "Capital of Kenya"=>"Nairobi"`}},
		{"inline both ways", "uno:::one", []string{`1-1 basic "uno"=>"one"`, `1-1 reversed "one"=>"uno"`}},
		{"inline keeps markdown", "**Go** creator::Rob *Pike* `rob`", []string{"1-1 basic \"**Go** creator\"=>\"Rob *Pike* `rob`\""}},
		{"inline second separator stays in answer", "a::b::c", []string{`1-1 basic "a"=>"b::c"`}},
		{"inline one per line", "a::b\nc::d\nplain line", []string{`1-1 basic "a"=>"b"`, `2-2 basic "c"=>"d"`}},
		{"inline in list items", "- a::b\n- c:::d\n  * e::f", []string{`1-1 basic "a"=>"b"`, `2-2 basic "c"=>"d"`, `2-2 reversed "d"=>"c"`, `3-3 basic "e"=>"f"`}},
		{"inline in quote", "> a::b", []string{`1-1 basic "a"=>"b"`}},
		{"multi-line", "What is X\nand Y\n?\nAnswer 1\nAnswer 2\n\nprose", []string{`1-5 basic "What is X\nand Y"=>"Answer 1\nAnswer 2"`}},
		{"multi-line both ways", "Hola\n??\nHello", []string{`1-3 basic "Hola"=>"Hello"`, `1-3 reversed "Hello"=>"Hola"`}},
		{"multi-line answer list", "Primes below 5?\n?\n- 2\n- 3\n\nafter::x", []string{`1-4 basic "Primes below 5?"=>"- 2\n- 3"`, `6-6 basic "after"=>"x"`}},
		{"multi-line answer code", "Hello in Go?\n?\n```go\nfmt.Println(\"a::b\")\n```\n", []string{"1-5 basic \"Hello in Go?\"=>\"```go\\nfmt.Println(\\\"a::b\\\")\\n```\""}},
		{"multi-line stops at heading", "Q\n?\nA\n# Next\nx::y", []string{`1-3 basic "Q"=>"A"`, `5-5 basic "x"=>"y"`}},
		{"multi-line in list item runs to the blank line", "- Q\n  ?\n  A\n- x::y\n\n- c::d", []string{`1-4 basic "Q"=>"A\n- x::y"`, `6-6 basic "c"=>"d"`}},
		{"q/a block", "Q: What\ncontinues\nA: That\nmore", []string{`1-4 basic "What\ncontinues"=>"That\nmore"`}},
		{"q/a pairs", "Intro line.\nQ: one\nA: 1\nQ: two\nA: 2", []string{`2-3 basic "one"=>"1"`, `4-5 basic "two"=>"2"`}},
		{"q/a answer list", "Q: Primes?\nA:\n- 2\n- 3", []string{`1-4 basic "Primes?"=>"- 2\n- 3"`}},
		{"highlight", "The PM was ==Julia Gillard==.", []string{
			`1-1 cloze "The PM was [...]."=>"Julia Gillard" c1 "The PM was {{c1::Julia Gillard}}."`}},
		{"highlight hint", "The PM was ==Julia Gillard==^[first female PM].", []string{
			`1-1 cloze "The PM was [first female PM]."=>"Julia Gillard" c1 "The PM was {{c1::Julia Gillard::first female PM}}."`}},
		{"highlights", "==A== and ==B==\nsecond line", []string{
			`1-2 cloze "[...] and B\nsecond line"=>"A" c1 "{{c1::A}} and {{c2::B}}\nsecond line"`,
			`1-2 cloze "A and [...]\nsecond line"=>"B" c2 "{{c1::A}} and {{c2::B}}\nsecond line"`}},
		{"anki cloze", "{{c1::Canberra::city}} was founded in {{c2::1913}}", []string{
			`1-1 cloze "[city] was founded in 1913"=>"Canberra" c1 "{{c1::Canberra::city}} was founded in {{c2::1913}}"`,
			`1-1 cloze "Canberra was founded in [...]"=>"1913" c2 "{{c1::Canberra::city}} was founded in {{c2::1913}}"`}},
		{"anki cloze same number", "{{c2::a}} b {{c2::c}}", []string{`1-1 cloze "[...] b [...]"=>"a, c" c2 "{{c2::a}} b {{c2::c}}"`}},
		{"anki cloze and highlight both make cards", "{{c1::x}} ==y==", []string{
			`1-1 cloze "[...] y"=>"x" c1 "{{c1::x}} {{c2::y}}"`, `1-1 cloze "x [...]"=>"y" c2 "{{c1::x}} {{c2::y}}"`}},
		{"anki cloze placeholder inside", "{{c1::a {{b}} c}} d", []string{`1-1 cloze "[...] d"=>"a {{b}} c" c1 "{{c1::a {{b}} c}} d"`}},
		{"anki cloze in list", "- {{c1::Nairobi}} is in Kenya", []string{`1-1 cloze "[...] is in Kenya"=>"Nairobi" c1 "{{c1::Nairobi}} is in Kenya"`}},
		{"inline and cloze lines", "a::b\nThe ==c== d", []string{`1-1 basic "a"=>"b"`, `2-2 cloze "The [...] d"=>"c" c1 "The {{c1::c}} d"`}},
		{"highlight inside inline card is formatting", "==a==::b", []string{`1-1 basic "==a=="=>"b"`}},
		{"comment cut from answer", "a::b <!-- note -->", []string{`1-1 basic "a"=>"b"`}},
		{"escaped separator then real one", `a\::b::c`, []string{`1-1 basic "a\\::b"=>"c"`}},
		{"url in answer", "Go site::https://go.dev", []string{`1-1 basic "Go site"=>"https://go.dev"`}},
		{"url in angle brackets as question", "<https://go.dev>::Go site", []string{`1-1 basic "<https://go.dev>"=>"Go site"`}},
		{"A: line without Q: is no q/a block", "A: the letter::alpha\nA: plain", []string{`1-1 basic "A: the letter"=>"alpha"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := read(t, tt.src, ReadOptions{})
			if got := showAll(res.Cards); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("cards\n got %q\nwant %q", got, tt.want)
			}
			if len(res.Warnings) > 0 {
				t.Errorf("unexpected warnings %q", showWarnings(res.Warnings))
			}
		})
	}
}

func TestReadTraps(t *testing.T) {
	tests := []struct{ name, src string }{
		{"code span", "`a::b` and `==x==` and `{{c1::y}}`"},
		{"fenced code", "```\na::b\nQ\n?\nA\n```"},
		{"tilde fence", "~~~\n==x==\n~~~"},
		{"indented code", "para\n\n    a::b\n    {{c1::x}}"},
		{"math inline", "Euler $e^{i\\pi}::-1$ and $a == b$"},
		{"math block", "$$\na::b\n$$"},
		{"math block with blank line", "$$\nx\n\na::b\n$$"},
		{"url", "see http://a::b"},
		{"url with cloze-like query", "see https://x.org/?q={{c1::a}}"},
		{"autolink", "<http://a::b>"},
		{"linkify www", "www.example.com::y"},
		{"link destination", "[text](http://l::m)"},
		{"image alt", "![alt::text](img.png)"},
		{"placeholder", "Hello {{placeholder}} there"},
		{"placeholder with colons", "{{name::value}}"},
		{"html comment block", "<!--\na::b\n\nc::d\n-->"},
		{"html comment inline", "text <!-- a::b --> more"},
		{"front matter", "---\nq: a::b\n---\nplain"},
		{"single colon", "Term: text"},
		{"title colon url", "Title : https://example.org/x"},
		{"escaped", `a\::b and \=\=x\=\=`},
		{"lone equals", "a == b and c >= d"},
		{"rule of equal signs", "text\n\n=====\n\n== =="},
		{"html block", "<div>\na::b\n</div>"},
		{"question mark in prose", "Why? Because.\nWhat?! no"},
		{"Q colon in word", "QA: team\nQ1: first"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := read(t, tt.src, ReadOptions{})
			if len(res.Cards) > 0 || len(res.Warnings) > 0 {
				t.Errorf("want nothing, got cards %q warnings %q", showAll(res.Cards), showWarnings(res.Warnings))
			}
		})
	}
}

func TestReadWarnings(t *testing.T) {
	tests := []struct {
		name  string
		src   string
		cards int
		want  []string // "line: message prefix"
	}{
		{"unterminated highlight", "The ==PM was\nsomeone", 0, []string{`1: unterminated highlight "=="`}},
		{"unterminated anki cloze", "x\n{{c1::Canberra was", 0, []string{`2: unterminated Anki cloze "{{c1::"`}},
		{"anki c0", "{{c0::x}}", 0, []string{"1: cloze number c0"}},
		{"empty anki cloze", "{{c1:: }} y", 0, []string{"1: empty Anki cloze {{c1::}}"}},
		{"separator without question", "?\nanswer", 0, []string{`1: "?" has no question above it`}},
		{"reversed separator without question", "text\n\n??\nanswer", 0, []string{`3: "??" has no question above it`}},
		{"multi-line empty answer", "Question\n?", 0, []string{"2: card has an empty answer"}},
		{"comment is no question", "<!-- x -->\n?\nA", 0, []string{`2: "?" has no question above it`}},
		{"empty Q", "Q:\nA: x", 0, []string{`1: "Q:" with an empty question`}},
		{"empty A", "Q: x\nA:", 0, []string{`2: "A:" with an empty answer`}},
		{"Q without A", "Q: lonely", 0, []string{`1: "Q:" without an "A:"`}},
		{"second A", "Q: a\nA: b\nA: c", 1, []string{`3: "A:" without a "Q:" above it`}},
		{"empty question side", "::answer", 0, []string{`1: "::" with an empty question`}},
		{"empty answer side", "question::", 0, []string{`1: "::" with an empty answer`}},
		{"both sides empty", "- :::", 0, []string{`1: ":::" with empty sides`}},
		{"duplicate", "a::b\n\na::b", 1, []string{"3: duplicate card (same question and answer as line 1)"}},
		{"highlight across lines", "x ==a\nb== y", 0, []string{`1: unterminated highlight "=="`}},
		{"spaced equals", "a == b and c ==  d", 0, []string{`1: "== b and c ==" has spaces inside both`}},
		{"triple equals", "a === b === c", 0, []string{`1: highlight "=== b ==" touches a third "="`}},
		{"four equals", "x ====text== y", 0, []string{`1: highlight "====text==" touches a third "="`}},
		{"four colons", "a::::b", 0, []string{"1: a run of four or more colons"}},
		{"table", "| a::b | c |\n|---|---|\n| d | e |", 0, []string{"1: card markup in a table or HTML"}},
		{"separator in a callout", "> [!note]\n> Q\n> ?\n> A", 0, []string{`3: a "?" inside a quote or callout`}},
		{"numbered and plain highlights", "==1;;a== and ==b==", 1, []string{`1: highlight "==b==" is not a cloze`}},
		{"reversed twin is no duplicate of a basic card", "a:::b\nb::c", 3, nil},
		{"duplicate cloze", "The ==x== y\n\nThe ==x== y", 1, []string{"3: duplicate card (same question and answer as line 1)"}},
		{"bad line keeps rest", "a::\nb::c\n\nd ==e", 1, []string{`1: "::" with an empty answer`, `4: unterminated highlight`}},
		{"malformed SR", "x::y <!--SR:!bad-->", 1, []string{"1: malformed spaced-repetition comment"}},
		{"malformed SR next line", "x::y\n<!--SR:!2025-01-01,ten,250-->", 1, []string{"2: malformed spaced-repetition comment"}},
		{"malformed SR no groups", "x::y <!--SR:-->", 1, []string{"1: malformed spaced-repetition comment"}},
		{"malformed SR negative interval", "x::y <!--SR:!2025-01-01,-3,250-->", 1, []string{"1: malformed spaced-repetition comment"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := read(t, tt.src, ReadOptions{})
			if len(res.Cards) != tt.cards {
				t.Errorf("got %d cards %q, want %d", len(res.Cards), showAll(res.Cards), tt.cards)
			}
			got := showWarnings(res.Warnings)
			if len(got) != len(tt.want) {
				t.Fatalf("warnings\n got %q\nwant %q", got, tt.want)
			}
			for i := range got {
				if !strings.HasPrefix(got[i], tt.want[i]) {
					t.Errorf("warning %d: got %q, want prefix %q", i, got[i], tt.want[i])
				}
				if !strings.Contains(got[i], "duplicate") && !strings.Contains(got[i], "write") && !strings.Contains(got[i], "e.g.") && !strings.Contains(got[i], "number this one") {
					t.Errorf("warning %q does not say what to write instead", got[i])
				}
			}
			for _, c := range res.Cards {
				if c.Schedule.State != cards.StateNew {
					t.Errorf("card %s imported a schedule from a malformed comment", show(c))
				}
			}
		})
	}
}

func TestReadDeck(t *testing.T) {
	tests := []struct {
		name, src, path, root, flag, want string
	}{
		{"front matter after byte-order mark", "\ufeff---\ndeck: Bom\n---\nx", "/v/n.md", "/v", "Flag", "Bom"},
		{"front matter wins", "---\ndeck: Front\n---\n#flashcards/a/b x", "/v/n.md", "/v", "Flag", "Front"},
		{"flashcards tag", "text #flashcards/lang/spanish x", "/v/n.md", "/v", "Flag", "lang::spanish"},
		{"flashcards tag late in file", "a::b\n\n- x\n- #flashcards/z", "/v/n.md", "/v", "Flag", "z"},
		{"flashcards tag in front matter", "---\ntags: [flashcards/fm]\n---\nx", "/v/n.md", "/v", "", "fm"},
		{"bare flashcards tag", "#flashcards q::a", "/v/n.md", "/v", "Flag", "Flag"},
		{"flashcards tag in code", "`#flashcards/code`", "/v/n.md", "/v", "Flag", "Flag"},
		{"flag", "x", "/v/n.md", "/v", "Flag", "Flag"},
		{"path", "x", "/v/a/b/note.md", "/v", "", "a::b::note"},
		{"path at root", "x", "/v/note.md", "/v", "", "note"},
		{"no root", "x", "/v/a/note.md", "", "", "note"},
		{"root is the file", "x", "/v/a/note.md", "/v/a/note.md", "", "note"},
		{"outside root", "x", "/w/note.md", "/v", "", "note"},
		{"no extension", "x", "/v/a/README", "/v", "", "a::README"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := read(t, tt.src, ReadOptions{Path: tt.path, Root: tt.root, Deck: tt.flag})
			if res.Deck != tt.want {
				t.Errorf("deck %q, want %q", res.Deck, tt.want)
			}
			for _, c := range res.Cards {
				if c.Deck != tt.want {
					t.Errorf("card deck %q, want %q", c.Deck, tt.want)
				}
			}
		})
	}
}

func TestReadTags(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []string
	}{
		{"prose", "a #Go note #rust", []string{"Go", "rust"}},
		{"dedupe keeps first spelling", "#Tag and #tag and #TAG", []string{"Tag"}},
		{"sorted case-insensitively", "#b #A #c", []string{"A", "b", "c"}},
		{"nested and unicode", "#lang/español #x_y-z", []string{"lang/español", "x_y-z"}},
		{"front matter list", "---\ntags:\n  - one\n  - \"#two\"\n---\n#three", []string{"one", "three", "two"}},
		{"front matter inline", "---\ntags: [a, b]\n---\n", []string{"a", "b"}},
		{"front matter words", "---\ntags: a b\n---\n", []string{"a", "b"}},
		{"heading text", "## Title #htag", []string{"htag"}},
		{"list item", "- #item", []string{"item"}},
		{"not numbers", "issue #123 and #1a", []string{"1a"}},
		{"not flashcards", "#flashcards #flashcards/x #flashcardsish", []string{"flashcardsish"}},
		{"not code", "`#code`\n\n```\n#fenced\n```\n\n    #indented", []string{}},
		{"not urls", "http://x.org/#frag <http://y.org/#f> [l](http://z/#q) www.a.com/#b", []string{}},
		{"not inside words or entities", "a#b &#123; C#", []string{}},
		{"not html comments", "<!-- #hidden -->\n\nx <!-- #also -->", []string{}},
		{"not math", "$x #y$", []string{}},
		{"not heading marker", "# Heading\n#", []string{}},
		{"trailing slash", "#a/b/", []string{"a/b"}},
		{"inside emphasis", "**#bold**", []string{"bold"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := read(t, tt.src+"\nq::a", ReadOptions{})
			if !reflect.DeepEqual(res.Tags, tt.want) {
				t.Errorf("tags %q, want %q", res.Tags, tt.want)
			}
			if len(res.Cards) != 1 || !reflect.DeepEqual(res.Cards[0].Tags, tt.want) {
				t.Errorf("card tags %q, want %q", showAll(res.Cards), tt.want)
			}
		})
	}
}

func TestReadContextAndSource(t *testing.T) {
	src := "---\ntitle: t\n---\n# Courses\n\nintro::x\n\n## Stanford CS25\n\n### Week 1\n\n- q1::a1\n- item\n\n  nested::y\n\n## Other\n\nQ\n?\nA1\nA2\n\n# Top **bold**\n\n==c==\n"
	res := read(t, src, ReadOptions{Path: "/v/n.md"})
	want := []struct {
		q           string
		ctx         []string
		line, end   int
		path        string
		sameAsIDFor string
	}{
		{"intro", []string{"Courses"}, 6, 6, "/v/n.md", ""},
		{"q1", []string{"Courses", "Stanford CS25", "Week 1"}, 12, 12, "/v/n.md", ""},
		{"nested", []string{"Courses", "Stanford CS25", "Week 1"}, 15, 15, "/v/n.md", ""},
		{"Q", []string{"Courses", "Other"}, 19, 22, "/v/n.md", ""},
		{"[...]", []string{"Top bold"}, 26, 26, "/v/n.md", ""},
	}
	if len(res.Cards) != len(want) {
		t.Fatalf("got %q", showAll(res.Cards))
	}
	for i, w := range want {
		t.Run(w.q, func(t *testing.T) {
			c := res.Cards[i]
			if c.Question != w.q {
				t.Errorf("question %q, want %q", c.Question, w.q)
			}
			if !reflect.DeepEqual(c.Context, w.ctx) {
				t.Errorf("context %q, want %q", c.Context, w.ctx)
			}
			if c.Source != (cards.Source{Path: w.path, Line: w.line, EndLine: w.end}) {
				t.Errorf("source %+v, want %s:%d-%d", c.Source, w.path, w.line, w.end)
			}
			if c.Position != 0 || c.Origin != "" {
				t.Errorf("position %d origin %q, want 0 and empty", c.Position, c.Origin)
			}
		})
	}
}

func TestReadNotes(t *testing.T) {
	res := read(t, "a:::b\n\n==x== ==y== ==z==\n\nc::d", ReadOptions{})
	if len(res.Cards) != 6 {
		t.Fatalf("got %q", showAll(res.Cards))
	}
	groups := [][]int{{0, 1}, {2, 3, 4}, {5}}
	for _, g := range groups {
		note := res.Cards[g[0]].ID
		for _, i := range g {
			if res.Cards[i].Note != note {
				t.Errorf("card %d note %s, want %s (first card of its block)", i, res.Cards[i].Note, note)
			}
		}
	}
	if res.Cards[0].Note == res.Cards[2].Note || res.Cards[2].Note == res.Cards[5].Note {
		t.Error("different blocks share a note")
	}
	for i, c := range res.Cards {
		if c.ID != cards.NewID(c.Kind, c.Question, c.Ord, "") {
			t.Errorf("card %d: ID %s is not NewID(kind, question, ord)", i, c.ID)
		}
	}
	if res.Cards[1].ID != cards.NewID(cards.KindReversed, "b", 0, "") {
		t.Error("reversed card ID is not derived from the answer side")
	}
}

func TestReadSR(t *testing.T) {
	day := func(s string) time.Time {
		d, _ := time.Parse("2006-01-02", s)
		return d
	}
	type sched struct {
		due         string
		ivl         uint64
		stab, diffc float64
	}
	tests := []struct {
		name string
		src  string
		want []*sched // nil entry: new card
	}{
		{"same line", "Capital::Nairobi <!--SR:!2025-08-21,130,303-->", []*sched{{"2025-08-21", 130, 130, 5 + (250-303)/24.0}}},
		{"next line", "Capital::Nairobi\n<!--SR:!2025-08-21,10,250-->", []*sched{{"2025-08-21", 10, 10, 5}}},
		{"next line indented", "- Capital::Nairobi\n  <!--SR:!2025-08-21,10,250-->", []*sched{{"2025-08-21", 10, 10, 5}}},
		{"two groups reversed", "uno:::one <!--SR:!2025-01-02,3,250!2025-01-05,1,130-->", []*sched{{"2025-01-02", 3, 3, 5}, {"2025-01-05", 1, 1, 10}}},
		{"multi-line next line", "Q\n??\nA\n<!--SR:!2025-01-02,3,250!2025-01-05,0,400-->", []*sched{{"2025-01-02", 3, 3, 5}, {"2025-01-05", 0, 0.1, 1}}},
		{"cloze groups", "==a== ==b== ==c==\n<!--SR:!2025-01-02,3,250!2025-01-03,4,250-->", []*sched{{"2025-01-02", 3, 3, 5}, {"2025-01-03", 4, 4, 5}, nil}},
		{"more groups than cards", "a::b <!--SR:!2025-01-02,3,250!2025-01-03,4,250-->", []*sched{{"2025-01-02", 3, 3, 5}}},
		{"comment belongs to its line", "a::b\nc::d <!--SR:!2025-01-02,3,250-->", []*sched{nil, {"2025-01-02", 3, 3, 5}}},
		{"not after a blank line", "a::b\n\n<!--SR:!2025-01-02,3,250-->", []*sched{nil}},
		{"not in the question", "a <!--SR:!2025-01-02,3,250--> ::b", []*sched{nil}},
		{"legacy form without !", "a::b <!--SR:2025-01-02,3,250-->", []*sched{{"2025-01-02", 3, 3, 5}}},
		{"placeholder for a sibling not yet reviewed", "a:::b <!--SR:!2000-01-01,1,250!2025-01-02,3,250-->", []*sched{nil, {"2025-01-02", 3, 3, 5}}},
		{"heading question", "### Capital of France\n?\nParis\n<!--SR:!2025-01-02,3,250-->", []*sched{{"2025-01-02", 3, 3, 5}}},
		{"per-cloze groups in a list block", "Properties:\n- ==a==\n- ==b==\n<!--SR:!2025-01-02,3,250!2025-01-03,4,250-->", []*sched{{"2025-01-02", 3, 3, 5}, {"2025-01-03", 4, 4, 5}}},
		{"numbered clozes skip unused numbers", "==1;;a== ==3;;b==\n<!--SR:!2025-01-02,3,250!2000-01-01,1,250!2025-01-04,5,250-->", []*sched{{"2025-01-02", 3, 3, 5}, {"2025-01-04", 5, 5, 5}}},
		{"highlight groups skip Anki clozes", "{{c1::x}} ==a==\n<!--SR:!2025-01-02,3,250-->", []*sched{nil, {"2025-01-02", 3, 3, 5}}},
		{"crlf", "a::b\r\n<!--SR:!2025-01-02,3,250-->\r\n", []*sched{{"2025-01-02", 3, 3, 5}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := read(t, tt.src, ReadOptions{})
			if len(res.Warnings) > 0 {
				t.Errorf("warnings %q", showWarnings(res.Warnings))
			}
			if len(res.Cards) != len(tt.want) {
				t.Fatalf("got %q", showAll(res.Cards))
			}
			for i, w := range tt.want {
				s := res.Cards[i].Schedule
				if w == nil {
					if s != (cards.Schedule{}) {
						t.Errorf("card %d: schedule %+v, want new", i, s)
					}
					continue
				}
				due := day(w.due)
				want := cards.Schedule{State: cards.StateReview, Due: due, Stability: w.stab, Difficulty: w.diffc,
					ScheduledDays: w.ivl, Reps: 1, LastReview: due.AddDate(0, 0, -int(w.ivl))}
				if s != want {
					t.Errorf("card %d: schedule\n got %+v\nwant %+v", i, s, want)
				}
				if s.Due.Location() != time.UTC || s.Due.Hour() != 0 {
					t.Errorf("due %v is not midnight UTC", s.Due)
				}
			}
		})
	}
}

func TestImportSRDifficulty(t *testing.T) {
	tests := []struct {
		ease, want float64
	}{{250, 5}, {130, 10}, {100, 10}, {346, 1}, {500, 1}, {274, 4}}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.ease), func(t *testing.T) {
			got := importSR(time.Date(2025, 1, 1, 15, 0, 0, 0, time.FixedZone("x", 3600)), 5, tt.ease)
			if got.Difficulty != tt.want {
				t.Errorf("difficulty %v, want %v", got.Difficulty, tt.want)
			}
			if !got.Due.Equal(time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)) {
				t.Errorf("due %v, want the date at midnight UTC", got.Due)
			}
		})
	}
}

func TestReadNotText(t *testing.T) {
	tests := []struct {
		name string
		src  []byte
	}{
		{"nul", []byte("a::b\x00c")},
		{"invalid utf8", []byte("a::b \xff\xfe")},
		{"png header", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Read(tt.src, ReadOptions{Path: "x.md"})
			if !errors.Is(err, ErrNotText) || res != nil {
				t.Errorf("got %v, %v; want ErrNotText", res, err)
			}
		})
	}
	if _, err := Read(nil, ReadOptions{Path: "empty.md"}); err != nil {
		t.Errorf("empty note: %v", err)
	}
}

func TestReadExampleNote(t *testing.T) {
	src, err := os.ReadFile("../../examples/transformers-reading-notes.md")
	if err != nil {
		t.Fatal(err)
	}
	res := read(t, string(src), ReadOptions{Path: "/v/transformers-reading-notes.md", Root: "/v"})
	if len(res.Cards) != 0 || len(res.Warnings) != 0 {
		t.Errorf("got cards %q warnings %q, want none", showAll(res.Cards), showWarnings(res.Warnings))
	}
	if res.Deck != "transformers-reading-notes" || len(res.Tags) != 0 {
		t.Errorf("deck %q tags %q", res.Deck, res.Tags)
	}
}

func TestReadGenerate(t *testing.T) {
	var gotDoc *Document
	gen := func(doc *Document) []cards.Card {
		gotDoc = doc
		return []cards.Card{
			{Kind: cards.KindBasic, Question: "What is X?", Answer: "Y", Origin: "rule", Source: cards.Source{Line: 1, EndLine: 1}},
			{Question: "kindless", Answer: "basic", Origin: "rule"},
			{Kind: cards.KindBasic, Question: "What is X?", Answer: "dup", Origin: "rule"},
			{Kind: cards.KindBasic, Question: "q", Answer: "taken by explicit", Origin: "rule"},
			{Kind: cards.KindBasic, Question: "empty answer", Answer: " ", Origin: "rule"},
		}
	}
	explicit := "q::a #topic\n"
	plain := "#topic just prose\n"
	warned := "#topic\n\nq::\n"
	tests := []struct {
		name    string
		src     string
		mode    GenerateMode
		called  bool
		cards   []string
		nExplic int
	}{
		{"auto without markup", plain, GenerateAuto, true, []string{"What is X?", "kindless", "q"}, 0},
		{"auto with markup", explicit, GenerateAuto, false, []string{"q"}, 1},
		{"auto with only bad markup", warned, GenerateAuto, false, []string{}, 0},
		{"auto with incidental markup", "#topic prose with a == b and c == d\n\n| std::string | s |\n|---|---|\n", GenerateAuto, true, []string{"What is X?", "kindless", "q"}, 0},
		{"rules adds to explicit", explicit, GenerateRules, true, []string{"q", "What is X?", "kindless"}, 1},
		{"llm adds to explicit", explicit, GenerateLLM, true, []string{"q", "What is X?", "kindless"}, 1},
		{"off", plain, GenerateOff, false, []string{}, 0},
		{"empty mode", plain, "", false, []string{}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			gotDoc = nil
			res := read(t, tt.src, ReadOptions{Path: "/v/n.md", Deck: "D", Mode: tt.mode, Generators: []Generator{gen, nil}})
			if (gotDoc != nil) != tt.called {
				t.Fatalf("generator called %v, want %v", gotDoc != nil, tt.called)
			}
			var qs []string
			for _, c := range res.Cards {
				qs = append(qs, c.Question)
			}
			if len(qs) == 0 {
				qs = []string{}
			}
			if !reflect.DeepEqual(qs, tt.cards) {
				t.Errorf("cards %q, want %q", qs, tt.cards)
			}
			if gotDoc != nil {
				if gotDoc.Deck != "D" || !reflect.DeepEqual(gotDoc.Tags, []string{"topic"}) || len(gotDoc.Explicit) != tt.nExplic {
					t.Errorf("generator saw deck %q tags %q %d explicit cards", gotDoc.Deck, gotDoc.Tags, len(gotDoc.Explicit))
				}
			}
			for _, c := range res.Cards[tt.nExplic:] {
				if c.ID != cards.NewID(c.Kind, c.Question, c.Ord, "") || c.Note != c.ID || c.Deck != "D" || c.Kind != cards.KindBasic {
					t.Errorf("generated card not completed: %+v", c)
				}
				if !reflect.DeepEqual(c.Tags, []string{"generated", "topic"}) {
					t.Errorf("generated tags %q", c.Tags)
				}
				if c.Source.Path != "/v/n.md" || c.Origin != "rule" {
					t.Errorf("source %+v origin %q", c.Source, c.Origin)
				}
			}
		})
	}
}

func TestReadIdentity(t *testing.T) {
	before := read(t, "# H\n\nWhat is the capital of Kenya::Nairobi\n\n==Julia Gillard== was the prime minister of Australia from ==2010==", ReadOptions{})
	tests := []struct {
		name   string
		after  string
		sameID []bool      // per card of after: same ID as the card at the same index before
		pairs  map[int]int // after index -> before index that Reconcile must pair
	}{
		{"answer edited",
			"# H\n\nWhat is the capital of Kenya::Nairobi (since 1905)\n\n==Julia Gillard== was the prime minister of Australia from ==2010 to 2013==",
			[]bool{true, false, true}, map[int]int{1: 1}},
		{"moved and reformatted",
			"# H\n\nintro\n\n**What is the capital of Kenya?** :: Nairobi\n\n==Julia Gillard== was the prime minister of Australia from ==2010==",
			[]bool{true, true, true}, map[int]int{}},
		{"question reworded",
			"# H\n\nWhat is the capital city of Kenya::Nairobi\n\n==Julia Gillard== was the prime minister of Australia from ==2010==",
			[]bool{false, true, true}, map[int]int{0: 0}},
		{"unrelated",
			"# H\n\nLongest river in Africa::Nile\n\n==Julia Gillard== was the prime minister of Australia from ==2010==",
			[]bool{false, true, true}, map[int]int{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			after := read(t, tt.after, ReadOptions{})
			if len(after.Cards) != len(tt.sameID) {
				t.Fatalf("got %q", showAll(after.Cards))
			}
			var old, fresh []cards.Card
			var oldIdx, freshIdx []int
			for i, same := range tt.sameID {
				if got := after.Cards[i].ID == before.Cards[i].ID; got != same {
					t.Errorf("card %d same ID %v, want %v", i, got, same)
				}
				if after.Cards[i].ID != before.Cards[i].ID {
					old, oldIdx = append(old, before.Cards[i]), append(oldIdx, i)
					fresh, freshIdx = append(fresh, after.Cards[i]), append(freshIdx, i)
				}
			}
			got := map[int]int{}
			for f, o := range Reconcile(old, fresh) {
				got[freshIdx[f]] = oldIdx[o]
			}
			if !reflect.DeepEqual(got, tt.pairs) {
				t.Errorf("pairs %v, want %v", got, tt.pairs)
			}
		})
	}
}

func TestReadGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/read/*.md")
	if err != nil || len(files) == 0 {
		t.Fatalf("no golden inputs: %v", err)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			res := read(t, string(src), ReadOptions{Path: "/vault/" + filepath.Base(f), Root: "/vault"})
			got, err := json.MarshalIndent(res, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			golden := strings.TrimSuffix(f, ".md") + ".golden.json"
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -run TestReadGolden -update)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s differs from the golden file; run with -update if the change is right\n got:\n%s", golden, got)
			}
		})
	}
}

func FuzzRead(f *testing.F) {
	seeds := []string{
		"Capital::Nairobi", "uno:::one", "Q\n?\nA", "Q\n??\nA\n- b", "?\n", "Q: a\nA: b\nA: c",
		"==x==^[h] ==y", "{{c1::a::b}} {{c2::c", "{{c1::a {{b}}}}", "x::y <!--SR:!2025-01-01,1,250!2025-13-01,2,250-->",
		"---\ndeck: d\ntags: [a]\n---\n# H #t\n- a::b\n  ?\n", "$a::b$ `c::d` http://e::f", "> a\n> ?\n> b",
		"- Q\n  ?\n  A\n  - x\n- y", "a\r\n?\r\nb\r\n", "==a\n\n==b==", "{{c1::}}", "::", "\t?\n\t??",
	}
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	if src, err := os.ReadFile("testdata/read/vault-note.md"); err == nil {
		f.Add(src)
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		own := append([]byte(nil), src...)
		res, err := Read(own, ReadOptions{Path: "/v/f.md", Root: "/v", Mode: GenerateAuto})
		if err != nil {
			if !errors.Is(err, ErrNotText) {
				t.Fatalf("error %v does not wrap ErrNotText", err)
			}
			return
		}
		lines := bytes.Count(src, []byte("\n")) + 1
		ids := map[cards.ID]bool{}
		plains := map[cards.ID]int{}
		for _, c := range res.Cards {
			plains[cards.NewID(c.Kind, c.Question, c.Ord, "")]++
		}
		for _, c := range res.Cards {
			if strings.TrimSpace(c.Question) == "" || strings.TrimSpace(c.Answer) == "" {
				t.Errorf("card with an empty side: %s", show(c))
			}
			if c.Source.Line < 1 || c.Source.EndLine < c.Source.Line || c.Source.EndLine > lines {
				t.Errorf("card lines %d-%d outside 1-%d: %s", c.Source.Line, c.Source.EndLine, lines, show(c))
			}
			if ids[c.ID] {
				t.Errorf("duplicate ID %s", c.ID)
			}
			if plain := cards.NewID(c.Kind, c.Question, c.Ord, ""); c.ID != plain && plains[plain] < 2 {
				t.Errorf("ID %s is not NewID(kind, question, ord, \"\") of %s, and no other card shares that ID", c.ID, show(c))
			}
			ids[c.ID] = true
			if c.Note == "" || c.Kind == cards.KindCloze && (c.Ord < 1 || c.Text == "") {
				t.Errorf("incomplete card %+v", c)
			}
		}
		for _, w := range res.Warnings {
			if w.Line < 1 || w.Line > lines || w.Message == "" {
				t.Errorf("bad warning %+v (file has %d lines)", w, lines)
			}
		}
	})
}

// benchNote is a realistic note: prose, headings, links, code and about
// ten cards of every form.
func benchNote(tb testing.TB) []byte {
	src, err := os.ReadFile("testdata/read/vault-note.md")
	if err != nil {
		tb.Fatal(err)
	}
	return src
}

func BenchmarkRead(b *testing.B) {
	src := benchNote(b)
	buf := make([]byte, len(src))
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		copy(buf, src)
		res, err := Read(buf, ReadOptions{Path: "/vault/geo/vault-note.md", Root: "/vault", Mode: GenerateAuto})
		if err != nil || len(res.Cards) < 10 {
			b.Fatalf("%v, %d cards", err, len(res.Cards))
		}
	}
}

// TestContextAtMatchesContext checks the scanner's running heading path
// against Document.Context, which walks the document for each node.
func TestContextAtMatchesContext(t *testing.T) {
	src := benchNote(t)
	src = append(src, "\n# \n\npara\n\nSetext\n======\n\n- a\n\n### Deep\n\n> q\n\n## Mid *em* `code`\n\ntext\n\n#### Deeper\n\n# Top\n\nlast\n"...)
	r := &reader{doc: ParseDocument("x.md", src)}
	r.prose = make([]bool, len(src))
	r.comments = proseMask(r.doc, r.prose)
	r.buildLines()
	n := 0
	for top := r.doc.Root.FirstChild(); top != nil; top = top.NextSibling() {
		first, _ := r.doc.NodeLines(top)
		if first == 0 {
			continue
		}
		n++
		if got, want := r.contextAt(first), r.doc.Context(top); !reflect.DeepEqual(got, want) {
			t.Errorf("line %d: context %q, want %q", first, got, want)
		}
	}
	if n < 15 {
		t.Errorf("walked %d top-level nodes", n)
	}
}

// TestReadLinear feeds inputs that would make a naive scanner quadratic;
// each must read in a small fraction of the time a quadratic pass takes.
func TestReadLinear(t *testing.T) {
	if testing.Short() {
		t.Skip("large inputs")
	}
	defer func(n int) { maxCards = n }(maxCards)
	maxCards = 1 << 20 // denser than any note: the point is the scanners' cost
	tests := []struct{ name, unit string }{
		{"dollars", "$a "},
		{"braces", "{{"},
		{"anki opens", "{{c1::a}} "},
		{"urls", "a://"},
		{"highlights", "==a==^["},
		{"inline cards", "a::b\n"},
		{"cloze lines", "{{c1::a}}\nq::a\n"},
		{"one cloze number on many lines", "{{c1::a}}\n"},
		{"highlight lines", "==a==\n"},
		{"multi-line cards", "q\n?\na\n\n"},
		{"comments", "x <!-- c --> "},
		{"tags", "#t "},
		{"separators without answers", "q\n?\n"},
		{"questions without answers", "Q: a\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := []byte(strings.Repeat(tt.unit, (256<<10)/len(tt.unit)))
			start := time.Now()
			if _, err := Read(src, ReadOptions{Path: "big.md"}); err != nil {
				t.Fatal(err)
			}
			if d := time.Since(start); d > 3*time.Second {
				t.Errorf("256 KiB took %v", d)
			}
		})
	}
}

// TestReadLinearEmptyAnswer: a long question whose answer is only a
// comment is tried from each of its lines; the answer is read once.
func TestReadLinearEmptyAnswer(t *testing.T) {
	if testing.Short() {
		t.Skip("large inputs")
	}
	n := 60000
	src := []byte(strings.Repeat("q\n", n) + "?\n<!--\n" + strings.Repeat("x\n", n) + "-->\n")
	start := time.Now()
	res, err := Read(src, ReadOptions{Path: "big.md"})
	if err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("%d KiB took %v", len(src)>>10, d)
	}
	if len(res.Cards) != 0 || len(res.Warnings) != 1 {
		t.Errorf("got %d cards, warnings %q", len(res.Cards), showWarnings(res.Warnings))
	}
}

func TestReadConcurrent(t *testing.T) {
	src := benchNote(t)
	want := read(t, string(src), ReadOptions{Path: "/vault/n.md"})
	errs := make(chan string, 8)
	for range 8 {
		go func() {
			res, err := Read(append([]byte(nil), src...), ReadOptions{Path: "/vault/n.md"})
			switch {
			case err != nil:
				errs <- err.Error()
			case !reflect.DeepEqual(showAll(res.Cards), showAll(want.Cards)):
				errs <- "different cards"
			default:
				errs <- ""
			}
		}()
	}
	for range 8 {
		if e := <-errs; e != "" {
			t.Error(e)
		}
	}
}

// BenchmarkParseDocument is the floor under BenchmarkRead: the goldmark
// parse that Read does once.
func BenchmarkParseDocument(b *testing.B) {
	src := benchNote(b)
	buf := make([]byte, len(src))
	for b.Loop() {
		copy(buf, src)
		ParseDocument("/vault/geo/vault-note.md", buf)
	}
}

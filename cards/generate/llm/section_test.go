package llm

import (
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/mnemo-app/mnemo/cards/markdown"
)

// readNote parses testdata/name as the note notes/name.
func readNote(t testing.TB, name string) *markdown.Document {
	t.Helper()
	src, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return markdown.ParseDocument("notes/"+name, src)
}

func TestSections(t *testing.T) {
	type sec struct {
		first, last int
		prose       bool
		context     []string
	}
	tests := []struct {
		name string
		src  string
		want []sec
	}{
		{
			name: "empty note",
			src:  "",
			want: nil,
		},
		{
			name: "text before the first heading is a section",
			src:  "Go is a statically typed language made at Google.\n\n# Tools\n\nThe go command builds and tests packages.\n",
			want: []sec{{1, 1, true, []string{}}, {3, 5, true, []string{"Tools"}}},
		},
		{
			name: "front matter is not part of the first section",
			src:  "---\ndeck: go\n---\n\nGo is a statically typed language made at Google.\n",
			want: []sec{{5, 5, true, []string{}}},
		},
		{
			name: "any heading level ends a section",
			src:  "# A\n\nThe first part has enough words to count.\n\n### B\n\nThe deeper part also has enough words.\n## C\nShort.\n",
			want: []sec{{1, 3, true, []string{"A"}}, {5, 7, true, []string{"A", "B"}}, {8, 9, false, []string{"A", "C"}}},
		},
		{
			name: "heading without blocks has no prose",
			src:  "# Empty\n\n# Full\n\nThis section has a sentence with words.\n",
			want: []sec{{1, 1, false, []string{}}, {3, 5, true, []string{"Full"}}},
		},
		{
			name: "setext heading",
			src:  "Networks\n========\n\nA network links computers so they can exchange data.\n",
			want: []sec{{1, 4, true, []string{"Networks"}}},
		},
		{
			name: "links images and code are not prose",
			src: "# Refs\n\n- [A long title of a paper about attention](https://a.example)\n" +
				"- https://b.example/a/very/long/path\n![an image with alt text words](x.png)\n\n" +
				"```\nthis code block has many words in it\n```\n\n`inline code with many words here`\n",
			want: []sec{{1, 11, false, []string{"Refs"}}},
		},
		{
			name: "reference lines are not prose",
			src:  "# Reading\n\n- Attention Is All You Need : https://arxiv.org/abs/1706.03762\n- **how directions have meaning** : Efficient Estimation of Word Representations : [PDF](x.pdf)\n",
			want: []sec{{1, 4, false, []string{"Reading"}}},
		},
		{
			name: "prose in a list item",
			src:  "# Facts\n\n- Nairobi is the capital of Kenya.\n",
			want: []sec{{1, 3, true, []string{"Facts"}}},
		},
		{
			name: "heading inside a list does not split",
			src:  "# Outer\n\n- item\n  # inner heading\n  Text in the item with enough words.\n",
			want: []sec{{1, 5, true, []string{"Outer"}}},
		},
		{
			name: "crlf line endings",
			src:  "# Win\r\n\r\nWindows notes end lines with a carriage return.\r\n",
			want: []sec{{1, 3, true, []string{"Win"}}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := markdown.ParseDocument("n.md", []byte(tt.src))
			var got []sec
			for _, s := range sections(doc) {
				got = append(got, sec{s.first, s.last, s.prose, s.context})
			}
			if len(got) != len(tt.want) {
				t.Fatalf("got %d sections %+v, want %d %+v", len(got), got, len(tt.want), tt.want)
			}
			for i := range got {
				g, w := got[i], tt.want[i]
				if g.first != w.first || g.last != w.last || g.prose != w.prose || !slices.Equal(g.context, w.context) {
					t.Errorf("section %d = %+v, want %+v", i, g, w)
				}
			}
		})
	}
}

// TestSectionsExampleNote checks the example note from the spec: only the
// three sections with real prose are worth a request.
func TestSectionsExampleNote(t *testing.T) {
	doc := readNote(t, "transformers.md")
	var got [][2]int
	for _, s := range sections(doc) {
		if s.prose {
			got = append(got, [2]int{s.first, s.last})
		}
	}
	want := [][2]int{{9, 20}, {26, 64}, {76, 81}}
	if !slices.Equal(got, want) {
		t.Errorf("prose sections = %v, want %v", got, want)
	}
}

func TestNumbered(t *testing.T) {
	doc := markdown.ParseDocument("n.md", []byte("# T\n\n\tTabbed line with words in it.  \nnext\n"))
	s := sections(doc)[0]
	want := "1: # T\n2:\n3: \tTabbed line with words in it.\n4: next\n"
	if got := s.numbered(doc); got != want {
		t.Errorf("numbered =\n%q\nwant\n%q", got, want)
	}
}

func TestSectionTextIgnoresPosition(t *testing.T) {
	a := markdown.ParseDocument("n.md", []byte("# T\n\nA sentence with some words.\n"))
	b := markdown.ParseDocument("n.md", []byte("Intro.\n\n\n# T\n\nA sentence with some words.\n"))
	c := markdown.ParseDocument("n.md", []byte("# T\n\nA sentence with other words.\n"))
	ta := sections(a)[0].text(a)
	tb := sections(b)[1].text(b)
	tc := sections(c)[0].text(c)
	if ta != tb {
		t.Errorf("moved section changed its text: %q vs %q", ta, tb)
	}
	if ta == tc {
		t.Errorf("edited section kept its text %q", ta)
	}
}

func FuzzSections(f *testing.F) {
	for _, name := range []string{"attention.md", "sections.md", "transformers.md"} {
		src, err := os.ReadFile("testdata/" + name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(src)
	}
	f.Add([]byte("#\n\n# \n---\n\n==\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		doc := markdown.ParseDocument("f.md", src)
		prev := 0
		for _, s := range sections(doc) {
			if s.first < 1 || s.first > s.last || s.last > doc.LineCount() || s.first <= prev {
				t.Fatalf("bad section %d-%d after line %d of %d", s.first, s.last, prev, doc.LineCount())
			}
			if s.context == nil {
				t.Fatalf("section %d-%d has a nil context", s.first, s.last)
			}
			prev = s.last
		}
	})
}

func BenchmarkSections(b *testing.B) {
	src, err := os.ReadFile("testdata/transformers.md")
	if err != nil {
		b.Fatal(err)
	}
	doc := markdown.ParseDocument("t.md", src)
	b.ReportAllocs()
	for b.Loop() {
		sections(doc)
	}
}

func TestLongSectionsAreSplitAtBlankLines(t *testing.T) {
	var b strings.Builder
	b.WriteString("# Long\n\n")
	para := "The mitochondrion makes most of the cell's ATP by oxidative phosphorylation in its inner membrane.\n"
	for i := 0; i < 12; i++ {
		b.WriteString(para + para + "\n") // two lines, then a blank line
	}
	doc := markdown.ParseDocument("n.md", []byte(b.String()))
	const max = 500
	secs := splitLong(doc, sections(doc), max) // sections already splits at MaxSectionBytes
	if len(secs) < 3 {
		t.Fatalf("got %d sections, want the long one split", len(secs))
	}
	next := secs[0].first
	for i, s := range secs {
		if n := sectionBytes(doc, s.first, s.last); n > max {
			t.Errorf("part %d has %d bytes, over %d", i, n, max)
		}
		if s.first < next {
			t.Errorf("part %d starts at %d, overlapping the part before", i, s.first)
		}
		next = s.last + 1
		if !slices.Equal(s.context, []string{"Long"}) || !s.prose {
			t.Errorf("part %d: context %v prose %v", i, s.context, s.prose)
		}
		if isBlank(doc.Line(s.last)) || (s.last < doc.LineCount() && i < len(secs)-1 && !isBlank(doc.Line(s.last+1))) {
			t.Errorf("part %d ends at line %d, not before a blank line", i, s.last)
		}
	}
	whole := sections(markdown.ParseDocument("n.md", []byte(b.String())))
	if last := secs[len(secs)-1].last; last != whole[len(whole)-1].last {
		t.Errorf("parts end at line %d, the section at %d", last, whole[len(whole)-1].last)
	}
}

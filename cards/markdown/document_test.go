package markdown

import (
	"reflect"
	"testing"

	"github.com/yuin/goldmark/ast"
)

func TestContextAndHeadingText(t *testing.T) {
	src := "# Courses\n\n## Stanford CS25 [Playlist](https://youtube.com/x)\n\ntext one\n\n### Links:\n\n- a\n\n## [Only a link](https://x.org)\n\n### Deeper\n\ntext two\n"
	doc := ParseDocument("n.md", []byte(src))
	var headings []*ast.Heading
	var paras []ast.Node
	for n := doc.Root.FirstChild(); n != nil; n = n.NextSibling() {
		switch n := n.(type) {
		case *ast.Heading:
			headings = append(headings, n)
		case *ast.Paragraph:
			paras = append(paras, n)
		}
	}
	cases := []struct {
		name string
		node ast.Node
		want []string
	}{
		{"paragraph under a heading with a link", paras[0], []string{"Courses", "Stanford CS25"}},
		{"heading after a deeper sibling section", headings[3], []string{"Courses"}},
		{"heading that is only a link keeps the link text", paras[1], []string{"Courses", "Only a link", "Deeper"}},
		{"same-level heading is not its own parent", headings[2], []string{"Courses", "Stanford CS25"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := doc.Context(tc.node); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("Context = %q, want %q", got, tc.want)
			}
		})
	}
	if got := doc.HeadingText(headings[2]); got != "Links" {
		t.Errorf("trailing colon kept: %q", got)
	}
}

package markdown

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

// TestLimitsAreCheckedBeforeParsing: notes that would cost the parser
// minutes or gigabytes are refused with ErrLimit, naming file and line;
// notes just inside the limits read.
func TestLimitsAreCheckedBeforeParsing(t *testing.T) {
	nested := func(n int, unit string) string { return strings.Repeat(unit, n) + "x\n" }
	indented := func(n int) string {
		var b strings.Builder
		for i := range n {
			b.WriteString(strings.Repeat("  ", i) + "- item\n")
		}
		return b.String()
	}
	for _, tt := range []struct {
		name, src, want string
	}{
		{"100,000 nested list markers", "Q :: A\n\n" + nested(100000, "- "), "n.md:3: lists or quotes nested 100000 deep"},
		{"100,000 nested quotes", nested(100000, ">"), "n.md:1: lists or quotes nested 100000 deep"},
		{"ordered lists", nested(MaxNesting+1, "1. "), "nested 65 deep"},
		{"lists nested by indentation", indented(200), "over the limit of 64"},
		{"a million one-line cards", strings.Repeat("q::a\n", 1000000), "more than 10000 cards"},
		{"too many multi-line cards", multiLine(MaxCardsPerNote + 1), "more than 10000 cards"},
		{"a deck 1,000 levels deep", "---\ndeck: " + strings.Repeat("a::", 100) + "a\n---\nQ :: A\n", "n.md:1: deck name 101 levels deep"},
		{"nesting at the limit", nested(MaxNesting, "- "), ""},
		{"deep code is not nesting", "```\n" + nested(1000, "- ") + "```\nQ :: A\n", ""},
		{"cards at the limit", strings.Repeat("q::a\n", MaxCardsPerNote), ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Read([]byte(tt.src), ReadOptions{Path: "n.md"})
			if tt.want == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if !errors.Is(err, ErrLimit) || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Read: %v, want ErrLimit saying %q", err, tt.want)
			}
		})
	}
}

func multiLine(n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "Question %d\n?\nAnswer\n\n", i)
	}
	return b.String()
}

func BenchmarkCheckLimits(b *testing.B) {
	src := []byte(strings.Repeat("- a list item with some words :: and an answer\n  - nested one\n", 4000))
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		if err := checkLimits("n.md", src); err != nil {
			b.Fatal(err)
		}
	}
}

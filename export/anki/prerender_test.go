package anki

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/mnemo-app/mnemo/cards"
)

// TestPrerenderSameOutput exports a collection with fields the helpers
// render ahead and fields only noteRow may render (images, one missing,
// and fields nested too deep) with and without the helpers: the packages
// and the warnings must be the same, byte for byte.
func TestPrerenderSameOutput(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "img.png"), []byte("\x89PNG fake"), 0o644); err != nil {
		t.Fatal(err)
	}
	col := bigCollection(3000)
	for i := 0; i < len(col.Cards); i += 37 {
		c := &col.Cards[i]
		c.Source.Path = filepath.Join(dir, "note.md")
		switch i % 3 {
		case 0:
			c.Answer += fmt.Sprintf("\n\n![pic](img.png) ![gone](missing%d.png)", i%4)
		case 1:
			c.Answer = strings.Repeat("> ", 100) + c.Answer
		case 2:
			if c.Kind == cards.KindCloze {
				c.Text += " ![pic](img.png)"
			}
		}
	}
	export := func(helpers int) ([]byte, []string) {
		old := maxPrerenderHelpers
		maxPrerenderHelpers = helpers
		defer func() { maxPrerenderHelpers = old }()
		var buf bytes.Buffer
		warnings, err := Export(context.Background(), &buf, col, Options{Scheduling: true, TempDir: t.TempDir()})
		if err != nil {
			t.Fatal(err)
		}
		return buf.Bytes(), warnings
	}
	alone, aloneWarnings := export(0)
	if !slices.ContainsFunc(aloneWarnings, func(w string) bool { return strings.Contains(w, "missing") }) ||
		!slices.ContainsFunc(aloneWarnings, func(w string) bool { return strings.Contains(w, "nested") }) {
		t.Fatalf("the collection should warn about a missing image and deep nesting: %q", aloneWarnings)
	}
	for _, helpers := range []int{1, 4} {
		got, warnings := export(helpers)
		if !bytes.Equal(got, alone) {
			t.Errorf("%d helpers: the package differs from the one rendered without helpers", helpers)
		}
		if !slices.Equal(warnings, aloneWarnings) {
			t.Errorf("%d helpers: warnings\n%q\nwant\n%q", helpers, warnings, aloneWarnings)
		}
	}
}

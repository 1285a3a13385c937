package generate

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/mnemo-app/mnemo/cards"
	"github.com/mnemo-app/mnemo/cards/markdown"
)

func addSeeds(f *testing.F) {
	paths, _ := filepath.Glob("testdata/*.md")
	for _, p := range paths {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(string(b))
		}
	}
	for _, s := range []string{
		"", ":", " : : ", "- **a** : b : https://x", "## What?\n", "x:\n- a\n- b\n", "a, b, c: d, e, f",
		"`", "[", "![", "<http", "**", "Term — ", "A X is a Y of Z.", "thinking of the combination of a as b",
		"### d. x : **`a`**, **`b`**, and **`c`**", "Term\n: def\n", "> quote: with colon\n", "1. a\n2. b\n",
	} {
		f.Add(s)
	}
}

// FuzzRules: any input parses and yields only cards that pass Check, with
// a known origin and lines inside the note.
func FuzzRules(f *testing.F) {
	addSeeds(f)
	origins := map[string]bool{}
	for _, o := range allOrigins {
		origins[o] = true
	}
	f.Fuzz(func(t *testing.T, md string) {
		doc := markdown.ParseDocument("fuzz.md", []byte(md))
		for _, c := range Rules(doc) {
			if err := Check(c); err != nil {
				t.Errorf("card %q → %q fails Check: %v", c.Question, c.Answer, err)
			}
			kindOK := c.Kind == cards.KindBasic || c.Kind == cards.KindCloze && c.Origin == OriginCloze
			if !origins[c.Origin] || !kindOK || c.ID != "" || c.Confidence <= 0 || c.Confidence > 1 {
				t.Errorf("card %+v: bad origin, kind or id", c)
			}
			if c.Source.Line < 1 || c.Source.EndLine < c.Source.Line || c.Source.EndLine > doc.LineCount()+1 {
				t.Errorf("card %q: lines %d-%d outside 1-%d", c.Question, c.Source.Line, c.Source.EndLine, doc.LineCount())
			}
		}
	})
}

// FuzzLine drives the raw-line parsers directly: spans stay inside the
// line and in order, and nothing panics.
func FuzzLine(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, s string) {
		ln := scanLine(s)
		for _, p := range ln.prot {
			if p.start < 0 || p.end > len(s) || p.start > p.end {
				t.Fatalf("protected span %v outside %d bytes", p, len(s))
			}
		}
		if sp, ok := ln.findSep(); ok && (sp.at < 0 || sp.at+sp.width > len(s)) {
			t.Fatalf("separator %v outside %d bytes", sp, len(s))
		}
		prev := 0
		for _, sp := range sentenceSpans(s) {
			if sp.start < prev || sp.end > len(s) || sp.start >= sp.end {
				t.Fatalf("sentence span %v after %d in %d bytes", sp, prev, len(s))
			}
			prev = sp.end
		}
		_, _ = commaItems(s)
		_, _, _ = cleanTerm(s)
		_, _ = cleanLabel(s)
		_, _, _ = topicReference(&ln)
		_ = shorten(s)
		_ = stripEmphasis(s)
		_ = stripEnumeration(s)
		if utf8.ValidString(s) {
			_ = lowerTitleWord(s)
			_ = capFirst(s)
		}
	})
}

// FuzzStem: the stemmer never panics and never lengthens a word.
func FuzzStem(f *testing.F) {
	for _, w := range []string{"generalizations", "agreed", "y", "yyy", "eed", "ies", "sses", "ational"} {
		f.Add(w)
	}
	f.Fuzz(func(t *testing.T, w string) {
		w = strings.ToLower(w)
		if got := stem(w); len(got) > len(w) {
			t.Errorf("stem(%q) = %q is longer", w, got)
		}
	})
}

// FuzzCheck: Check and Dedupe accept any text without panicking, and a
// card is always a duplicate of itself.
func FuzzCheck(f *testing.F) {
	f.Add("What is it?", "A lock.")
	f.Add("", "`")
	f.Fuzz(func(t *testing.T, q, a string) {
		if got, want := normalize(q), cards.Normalize(q); got != want {
			t.Errorf("normalize(%q) = %q, cards.Normalize = %q", q, got, want)
		}
		c := cards.Card{Kind: cards.KindBasic, Question: q, Answer: a}
		_ = Check(c)
		kept, dropped := Dedupe([]cards.Card{c, c}, nil)
		if len(kept)+len(dropped) != 2 {
			t.Fatalf("Dedupe lost cards: %d kept, %d dropped", len(kept), len(dropped))
		}
		if cards.Normalize(q) != "" && len(kept) != 1 {
			t.Errorf("a card is not a duplicate of itself: kept %d", len(kept))
		}
	})
}

package markdown

import (
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/mnemo-app/mnemo/cards"
)

// pluginCards is a small model of Obsidian Spaced Repetition's parser at
// its default settings (its grammar, src/generateParser.ts, and its cloze
// pattern "==[123;;]answer[;;hint]=="), for notes without code, math,
// URLs, comments or tags. It knows nothing of Markdown: a card is a block
// of non-empty lines, tried at each line as an inline card (":::" before
// "::"), a "??" card, a "?" card, then a cloze block. Each card is
// "kind|front|back" with both sides normalised (cards.Normalize), so the
// comparison ignores list and quote markers.
func pluginCards(note string) []string {
	lines := strings.Split(note, "\n")
	n := len(lines)
	// README differences the model shares: a thematic break ends a card
	// like a blank line, and a heading ends an answer or cloze block
	// (though it may open one).
	for k, l := range lines {
		if strings.TrimSpace(l) == "***" {
			lines[k] = ""
		}
	}
	heading := regexp.MustCompile(`^#{1,6} `)
	blank := func(k int) bool { return k >= n || strings.TrimSpace(lines[k]) == "" }
	ends := func(k, first int) bool { return blank(k) || k > first && heading.MatchString(lines[k]) }
	mark := func(k int, m string) bool { return k < n && strings.TrimSpace(lines[k]) == m }
	var out []string
	comment := regexp.MustCompile(`<!--.*?-->`)
	norm := func(s string) string { return cards.Normalize(comment.ReplaceAllString(s, "")) } // hidden when shown
	empty := func(s string) bool { return strings.TrimSpace(comment.ReplaceAllString(s, "")) == "" }
	add := func(kind, front, back string) {
		out = append(out, kind+"|"+norm(front)+"|"+norm(back))
	}
	highlight := regexp.MustCompile(`==(.+?)==`)
	for i := 0; i < n; {
		if lines[i] == "" || strings.HasPrefix(lines[i], "<!--") {
			i++ // a blank line, or a whole-line comment at a block's start
			continue
		}
		if j := strings.Index(lines[i], ":::"); j >= 1 {
			add("basic", lines[i][:j], lines[i][j+3:])
			add("reversed", lines[i][j+3:], lines[i][:j])
			i++
			continue
		}
		if j := strings.Index(lines[i], "::"); j >= 1 {
			add("basic", lines[i][:j], lines[i][j+2:])
			i++
			continue
		}
		done := false
		for _, m := range []string{"??", "?"} {
			j := i
			for j < n && lines[j] != "" && !mark(j, m) {
				j++
			}
			if j == i || !mark(j, m) {
				continue
			}
			k := j + 1
			for !ends(k, j+1) {
				k++
			}
			if k == j+1 {
				continue
			}
			q, a := strings.Join(lines[i:j], "\n"), strings.Join(lines[j+1:k], "\n")
			if empty(q) || empty(a) {
				continue // README difference: no card with an empty side, its lines read again
			}
			add("basic", q, a)
			if m == "??" {
				add("reversed", a, q)
			}
			i, done = k, true
			break
		}
		if done {
			continue
		}
		j := i
		for j < n && lines[j] != "" && !highlight.MatchString(lines[j]) {
			j++
		}
		if j < n && highlight.MatchString(lines[j]) {
			k := j + 1
			for !ends(k, j) {
				k++
			}
			for _, m := range highlight.FindAllStringSubmatch(strings.Join(lines[i:k], "\n"), -1) {
				out = append(out, "cloze|"+norm(m[1]))
			}
			i = k
			continue
		}
		i++
	}
	return out
}

// mnemoCards is Read's cards in pluginCards' form (cloze cards by answer).
func mnemoCards(t *testing.T, note string) []string {
	res := read(t, note, ReadOptions{Path: "/v/n.md"})
	var out []string
	for _, c := range res.Cards {
		if c.Kind == cards.KindCloze {
			out = append(out, "cloze|"+cards.Normalize(c.Answer))
			continue
		}
		out = append(out, string(c.Kind)+"|"+cards.Normalize(c.Question)+"|"+cards.Normalize(c.Answer))
	}
	return out
}

// modelFragments build notes on which mnemo and the plugin must agree:
// none of the README's deliberate differences the model does not share
// (code, math, URLs, schedules, quotes around "?", tables,
// "===" runs, empty sides, white-space-only lines, mnemo's own forms).
var modelFragments = []string{
	"", "", "", "Q", "Q two", "What is it", "?", "??", " ? ", "A", "A two", "answer text",
	"a::b", "c:::d", "e ::f", "- g::h", "- item", "  - nested", "- **Bold?**",
	"The ==x== y", "==a== and ==b==", "Its ==k == here", "plain **bold** text", "> quote line", "> q::r",
	"<!-- c -->", "# Heading", "### Capital of France", "## h ==c== i", "***",
}

func buildModelNote(data []byte) string {
	parts := make([]string, len(data))
	for i, c := range data {
		parts[i] = modelFragments[int(c)%len(modelFragments)]
	}
	return strings.Join(parts, "\n")
}

func sameCardSet(a, b []string) bool {
	set := func(x []string) string {
		m := map[string]bool{}
		for _, s := range x {
			m[s] = true
		}
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		return strings.Join(keys, "\n")
	}
	return set(a) == set(b)
}

// FuzzPluginModel checks that mnemo makes the cards the plugin model
// makes, over notes built from fragments both read the same way.
func FuzzPluginModel(f *testing.F) {
	for _, s := range [][]byte{
		{3, 6, 9}, {3, 4, 6, 9, 10}, {5, 7, 9, 0, 3, 6, 9}, {12, 13, 14, 15, 16, 3, 6, 9},
		{17, 6, 19, 20}, {3, 19, 17, 18, 6, 9}, {23, 6, 9, 24}, {19, 21, 22, 0, 20}, {3, 6, 9, 6, 11},
		{4, 16, 17, 6, 11, 16, 0, 12}, {18, 6, 16, 17, 12, 0, 23, 3, 7, 9},
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 60 {
			data = data[:60]
		}
		note := buildModelNote(data)
		if want, got := pluginCards(note), mnemoCards(t, note); !sameCardSet(got, want) {
			t.Errorf("note\n%s\nplugin %q\nmnemo  %q", note, want, got)
		}
	})
}

func TestPluginModelExamples(t *testing.T) {
	// The model itself, on rows of the conformance table where mnemo and
	// the plugin agree.
	for _, row := range conformanceRows {
		if row.differs != "" || strings.ContainsAny(row.note, "`$<#>\r\ufeff^|;{") || strings.Contains(row.note, "://") ||
			strings.Contains(row.note, "~~~") || strings.Contains(row.note, "---") || strings.Contains(row.note, "==text ==") {
			continue
		}
		t.Run(row.name, func(t *testing.T) {
			if want, got := pluginCards(row.note), mnemoCards(t, row.note); !sameCardSet(got, want) {
				t.Errorf("plugin %q\nmnemo  %q", want, got)
			}
		})
	}
}

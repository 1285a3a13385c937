package main

import (
	"bytes"
	"runtime/debug"
	"strings"
	"testing"

	"github.com/mattn/go-runewidth"

	"github.com/mnemo-app/mnemo/cards"
	"github.com/mnemo-app/mnemo/cards/markdown"
	"github.com/mnemo-app/mnemo/decks/ingest"
)

func TestJSONArrayMatchesWholeDocument(t *testing.T) {
	type elem struct {
		A string   `json:"a"`
		B []string `json:"b"`
	}
	tests := []struct {
		name  string
		elems []elem
	}{
		{"empty", []elem{}},
		{"one", []elem{{A: "x<y>&", B: []string{"1"}}}},
		{"several", []elem{{A: "1"}, {A: "2", B: []string{}}, {A: "日本語"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var want, got bytes.Buffer
			if err := writeJSON(&want, tt.elems); err != nil {
				t.Fatal(err)
			}
			arr := newJSONArray(&got)
			for _, e := range tt.elems {
				if err := arr.add(e); err != nil {
					t.Fatal(err)
				}
			}
			if err := arr.close(); err != nil {
				t.Fatal(err)
			}
			if got.String() != want.String() {
				t.Errorf("streamed:\n%s\nwhole:\n%s", got.String(), want.String())
			}
		})
	}
}

func TestCardListJSONMatchesWholeDocument(t *testing.T) {
	a := []cards.Card{{ID: "aaaaaaaaaa", Question: "q1"}, {ID: "bbbbbbbbbb", Question: "q2"}}
	var got bytes.Buffer
	if err := writeCardListJSON(&env{stdout: &got}, "suspended", a, cardGroup{"unchanged", nil}); err != nil {
		t.Fatal(err)
	}
	var want bytes.Buffer
	writeJSON(&want, struct {
		S []cardJSON `json:"suspended"`
		U []cardJSON `json:"unchanged"`
	}{[]cardJSON{toJSON(&a[0]), toJSON(&a[1])}, []cardJSON{}})
	if got.String() != want.String() {
		t.Errorf("streamed:\n%s\nwhole:\n%s", got.String(), want.String())
	}
}

func TestTableAlignsWideText(t *testing.T) {
	var out strings.Builder
	tb := newTable(&out)
	tb.row("ID", "DECK", "QUESTION")
	tb.row("a1", "日本語", "漢字の読み方")
	tb.row("b2", "latin", "plain")
	tb.flush()
	want := "ID  DECK    QUESTION\n" +
		"a1  日本語  漢字の読み方\n" +
		"b2  latin   plain\n"
	if out.String() != want {
		t.Errorf("got:\n%s\nwant:\n%s", out.String(), want)
	}
}

func TestShortenCountsCells(t *testing.T) {
	tests := []struct {
		in   string
		n    int
		want string
	}{
		{"short", 10, "short"},
		{"two\nlines  here", 20, "two lines here"},
		{"abcdefghij", 5, "abcd…"},
		{"日本語のテキスト", 7, "日本語…"},
	}
	for _, tt := range tests {
		if got := shorten(tt.in, tt.n); got != tt.want {
			t.Errorf("shorten(%q, %d) = %q, want %q", tt.in, tt.n, got, tt.want)
		}
	}
}

func TestSuggest(t *testing.T) {
	commands := []string{"review", "due", "add", "sync", "cards", "settings", "import", "export", "version", "completion"}
	tests := []struct{ word, want string }{
		{"sycn", "sync"},
		{"setings", "settings"},
		{"impotr", "import"},
		{"revew", "review"},
		{"stats", ""}, // not settings
		{"verison", "version"},
		{"xyz", ""},
		{"ad", ""}, // too short to guess
		{"comp", "completion"},
		{"car", "cards"},
	}
	for _, tt := range tests {
		if got := suggest(tt.word, commands); got != tt.want {
			t.Errorf("suggest(%q) = %q, want %q", tt.word, got, tt.want)
		}
	}
}

func TestEditDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"", "", 0}, {"a", "", 1}, {"sync", "sycn", 1}, {"kitten", "sitting", 3}, {"stats", "settings", 5},
	}
	for _, tt := range tests {
		if got := editDistance(tt.a, tt.b); got != tt.want {
			t.Errorf("editDistance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestReadBuildInfo(t *testing.T) {
	info := func(version string, settings ...debug.BuildSetting) func() (*debug.BuildInfo, bool) {
		return func() (*debug.BuildInfo, bool) {
			return &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: version}, Settings: settings}, true
		}
	}
	vcs := []debug.BuildSetting{{Key: "vcs.revision", Value: "0123456789abcdef0123"}, {Key: "vcs.time", Value: "2026-11-27T10:21:41Z"}}
	tests := []struct {
		name string
		read func() (*debug.BuildInfo, bool)
		want string
	}{
		{"go install @version", info("v1.2.3"), "v1.2.3 (go1.26.8)"},
		{"checkout with VCS stamp", info("v0.0.0-20261127102141-0123456789ab", vcs...),
			"v0.0.0-20261127102141-0123456789ab (commit 0123456789ab, 2026-11-27T10:21:41Z, go1.26.8)"},
		{"devel with commit", info("(devel)", append(vcs, debug.BuildSetting{Key: "vcs.modified", Value: "true"})...),
			"dev (commit 0123456789ab+modified, 2026-11-27T10:21:41Z, go1.26.8)"},
		{"nothing known", func() (*debug.BuildInfo, bool) { return nil, false }, "dev"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := readBuildInfo(tt.read).String(); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestPagerCommand(t *testing.T) {
	tests := []struct {
		env  map[string]string
		want string
		ok   bool
	}{
		{map[string]string{}, "less -FRX", true},
		{map[string]string{"PAGER": "more"}, "more", true},
		{map[string]string{"PAGER": "more", "MNEMO_PAGER": "most"}, "most", true},
		{map[string]string{"PAGER": "cat"}, "cat", false},
	}
	for _, tt := range tests {
		got, ok := pagerCommand(func(k string) string { return tt.env[k] })
		if got != tt.want || ok != tt.ok {
			t.Errorf("%v: got %q %v, want %q %v", tt.env, got, ok, tt.want, tt.ok)
		}
	}
}

func TestReportJSONMatchesWholeDocument(t *testing.T) {
	tests := []struct {
		name string
		rep  ingest.Report
	}{
		{"empty", ingest.Report{}},
		{"files, skips and counts", ingest.Report{
			Files: []ingest.FileReport{
				{Path: "/n/a.md", Status: "new", Cards: []cards.Card{{ID: "aaaaaaaaaa", Question: "q"}},
					Warnings: []markdown.Warning{{Line: 3, Message: "odd"}}},
				{Path: "/n/b.md", Status: "deleted"},
			},
			Skipped: []ingest.Skip{{Path: "/n/c.md", Reason: "too big"}},
			New:     1, Updated: 2, Unchanged: 3, Orphaned: 4, Suggested: 5,
		}},
		{"renames and orphans", ingest.Report{
			Files:    []ingest.FileReport{{Path: "/n/new.md", Status: "renamed", From: "/n/old.md"}},
			Orphans:  []ingest.Orphan{{ID: "bbbbbbbbbb", Question: "q", Path: "/n/new.md", Line: 2, Reason: "r", Hint: "h"}},
			Orphaned: 1,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got, want bytes.Buffer
			if err := writeReportJSON(&env{stdout: &got}, &tt.rep); err != nil {
				t.Fatal(err)
			}
			r := tt.rep
			whole := struct {
				Files     []fileJSON      `json:"files"`
				Skipped   []ingest.Skip   `json:"skipped"`
				Orphans   []ingest.Orphan `json:"orphans"`
				New       int             `json:"new"`
				Updated   int             `json:"updated"`
				Unchanged int             `json:"unchanged"`
				Orphaned  int             `json:"orphaned"`
				Suggested int             `json:"suggested"`
			}{Files: []fileJSON{}, Skipped: nonNil(r.Skipped), Orphans: nonNil(r.Orphans), New: r.New, Updated: r.Updated,
				Unchanged: r.Unchanged, Orphaned: r.Orphaned, Suggested: r.Suggested}
			for _, f := range r.Files {
				whole.Files = append(whole.Files, fileJSON{f.Path, f.Status, f.From, cardsJSON(f.Cards), nonNil(f.Warnings)})
			}
			writeJSON(&want, whole)
			if got.String() != want.String() {
				t.Errorf("streamed:\n%s\nwhole:\n%s", got.String(), want.String())
			}
		})
	}
}

// TestCellWidth: the width of a cell is runewidth's, printable ASCII or
// not.
func TestCellWidth(t *testing.T) {
	for _, s := range []string{"", "bio::cells", "20", "漢字 deck", "café", "tab\there", "emoji 🙂", "\x1b[31m", "del\x7f"} {
		if got, want := cellWidth(s), runewidth.StringWidth(s); got != want {
			t.Errorf("cellWidth(%q) = %d, runewidth says %d", s, got, want)
		}
	}
}

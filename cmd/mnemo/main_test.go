package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/mnemo-app/mnemo/decks/store"
	"github.com/mnemo-app/mnemo/export/anki"
)

// cli runs mnemo in-process against a test collection.
type cliT struct {
	t   *testing.T
	db  string
	dir string
	now string
}

func newCLI(t *testing.T) *cliT {
	dir := t.TempDir()
	return &cliT{t: t, db: filepath.Join(dir, "collection.db"), dir: dir, now: "2026-11-27T09:00:00Z"}
}

// run runs mnemo with args and stdin, returning stdout, stderr and the code.
func (c *cliT) run(stdin string, args ...string) (string, string, int) {
	c.t.Helper()
	return c.runWith(context.Background(), stdin, args...)
}

// runWith is run with a context the test controls.
func (c *cliT) runWith(ctx context.Context, stdin string, args ...string) (string, string, int) {
	c.t.Helper()
	var out, errOut bytes.Buffer
	getenv := func(k string) string {
		switch k {
		case "MNEMO_DB":
			return c.db
		case "MNEMO_NOW":
			return c.now
		case "HOME":
			return c.dir
		}
		return ""
	}
	code := run(ctx, append([]string{"mnemo"}, args...), strings.NewReader(stdin), &out, &errOut, getenv)
	return out.String(), errOut.String(), code
}

// ok runs a command that must succeed and returns its stdout.
func (c *cliT) ok(args ...string) string {
	c.t.Helper()
	out, errOut, code := c.run("", args...)
	if code != 0 {
		c.t.Fatalf("mnemo %s: exit %d\nstdout: %s\nstderr: %s", strings.Join(args, " "), code, out, errOut)
	}
	return out
}

func (c *cliT) note(name, content string) string {
	c.t.Helper()
	p := filepath.Join(c.dir, "notes", name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		c.t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		c.t.Fatal(err)
	}
	return p
}

// transformersNote copies the example reading notes (long enough for the
// language model paths) into the vault as transformers.md.
func (c *cliT) transformersNote() string {
	c.t.Helper()
	src, err := os.ReadFile("../../examples/transformers-reading-notes.md")
	if err != nil {
		c.t.Fatal(err)
	}
	return c.note("transformers.md", string(src))
}

func TestAddJSONShape(t *testing.T) {
	c := newCLI(t)
	c.note("lang/french.md", "# Verbs\n\nêtre:::to be\n\nThe PM was ==Julia Gillard==.\n")
	var rep struct {
		Files []struct {
			Path     string           `json:"path"`
			Cards    []map[string]any `json:"cards"`
			Warnings []any            `json:"warnings"`
		} `json:"files"`
		New, Updated, Unchanged, Orphaned int
	}
	out := c.ok("add", filepath.Join(c.dir, "notes"), "--dry-run", "--json")
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("add --json: %v\n%s", err, out)
	}
	if len(rep.Files) != 1 || len(rep.Files[0].Cards) != 3 || rep.New != 3 {
		t.Fatalf("report = %+v", rep)
	}
	want := []string{"id", "kind", "deck", "question", "answer", "tags", "context", "source", "state",
		"suspended", "orphaned", "due", "stability", "difficulty", "reps", "lapses", "last_review"}
	for _, k := range want {
		if _, ok := rep.Files[0].Cards[0][k]; !ok {
			t.Errorf("card JSON lacks %q: %v", k, rep.Files[0].Cards[0])
		}
	}
	kinds := map[any]int{}
	for _, cd := range rep.Files[0].Cards {
		kinds[cd["kind"]]++
		if cd["deck"] != "lang::french" || cd["context"] != "Verbs" {
			t.Errorf("card deck/context = %v / %v", cd["deck"], cd["context"])
		}
	}
	if kinds["basic"] != 1 || kinds["reversed"] != 1 || kinds["cloze"] != 1 {
		t.Errorf("kinds = %v", kinds)
	}
	// A dry run wrote nothing, not even an empty collection.
	if _, errOut, code := c.run("", "cards"); code != 1 || !strings.Contains(errOut, "no collection") {
		t.Errorf("after dry run: code %d, %q", code, errOut)
	}
}

func TestAddSyncSummaryAndFlagsAfterArgs(t *testing.T) {
	c := newCLI(t)
	p := c.note("bio.md", "Powerhouse of the cell::mitochondria\n")
	out := c.ok("add", filepath.Join(c.dir, "notes"), "--generate", "off")
	if !strings.Contains(out, "1 files read (0 unchanged) · 1 cards: 1 new, 0 updated, 0 orphaned") {
		t.Errorf("add summary = %q", out)
	}
	out = c.ok("sync")
	if !strings.Contains(out, "1 files read (1 unchanged)") {
		t.Errorf("sync summary = %q", out)
	}
	if err := os.WriteFile(p, []byte("Powerhouse of the cell::the mitochondrion\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(p, time.Now().Add(time.Minute), time.Now().Add(time.Minute)); err != nil {
		t.Fatal(err)
	}
	if out = c.ok("sync"); !strings.Contains(out, "1 updated") {
		t.Errorf("sync after edit = %q", out)
	}
	out = c.ok("cards", "--json", "--deck", "bio")
	var list []map[string]any
	if err := json.Unmarshal([]byte(out), &list); err != nil || len(list) != 1 || list[0]["answer"] != "the mitochondrion" {
		t.Errorf("cards --json = %s (%v)", out, err)
	}
}

// A sync that finds nothing changed writes nothing: the collection file
// stays byte for byte what it was (no commit, no fsync), and a sync after
// an edit still saves it.
func TestUnchangedSyncLeavesTheCollectionAlone(t *testing.T) {
	c := newCLI(t)
	p := c.note("bio.md", "Powerhouse of the cell::mitochondria\n")
	c.ok("add", filepath.Join(c.dir, "notes"))
	before, err := os.ReadFile(c.db)
	if err != nil {
		t.Fatal(err)
	}
	c.ok("sync")
	if after, err := os.ReadFile(c.db); err != nil || !bytes.Equal(after, before) {
		t.Errorf("an unchanged sync rewrote the collection (%v)", err)
	}
	if err := os.WriteFile(p, []byte("Powerhouse of the cell::the mitochondrion\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(p, time.Now().Add(time.Minute), time.Now().Add(time.Minute)); err != nil {
		t.Fatal(err)
	}
	c.ok("sync")
	if after, err := os.ReadFile(c.db); err != nil || bytes.Equal(after, before) {
		t.Errorf("a sync after an edit left the collection as it was (%v)", err)
	}
}

func TestUserErrors(t *testing.T) {
	c := newCLI(t)
	c.note("a.md", "q::a\n")
	c.note("x.txt", "q::a\n")
	cases := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"missing path", []string{"add", filepath.Join(c.dir, "nope")}, 1, "no such file or folder"},
		{"named non-markdown", []string{"add", filepath.Join(c.dir, "notes", "x.txt")}, 1, "not a Markdown file"},
		{"flag typo", []string{"add", filepath.Join(c.dir, "notes"), "--dry-rn"}, 2, "unknown flag --dry-rn for 'mnemo add'\nhint: did you mean --dry-run"},
		{"flag typo in a subcommand", []string{"decks", "set", "x", "--retentoin", "0.8"}, 2, "for 'mnemo decks set'"},
		{"unknown command", []string{"reveiw"}, 2, "review"},
		{"bad --now", []string{"--now", "yesterday", "due"}, 2, "RFC3339"},
		{"bad generate", []string{"add", filepath.Join(c.dir, "notes"), "--generate", "magic"}, 2, "auto, rules, llm or off"},
		{"no collection", []string{"cards"}, 1, "mnemo add"},
		{"bad rating", []string{"rate", "abcdefghij", "meh"}, 2, "again, hard, good, easy"},
		{"prune with nothing orphaned", []string{"prune"}, 0, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, errOut, code := c.run("", tc.args...)
			if code != tc.code || !strings.Contains(errOut, tc.want) {
				t.Errorf("exit %d, stderr %q; want exit %d mentioning %q", code, errOut, tc.code, tc.want)
			}
			if code != 0 && !strings.HasPrefix(errOut, "mnemo: ") {
				t.Errorf("stderr does not start with 'mnemo: ': %q", errOut)
			}
			if strings.Contains(errOut, "panic") {
				t.Errorf("panic: %s", errOut)
			}
		})
	}
}

func TestLockedCollection(t *testing.T) {
	c := newCLI(t)
	c.note("a.md", "q::a\n")
	c.ok("add", filepath.Join(c.dir, "notes"))
	st, err := store.Open(c.db, store.OpenOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	start := time.Now()
	_, errOut, code := c.run("", "sync")
	if code != 1 || !strings.Contains(errOut, "the collection is in use by another mnemo process") {
		t.Errorf("exit %d, %q", code, errOut)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("took %v to report the lock, want < 2s", d)
	}
}

func TestReviewPlainEndToEnd(t *testing.T) {
	c := newCLI(t)
	c.note("geo.md", "Capital of Kenya::Nairobi\n\nCapital of Peru::Lima\n")
	// Show, rate good; show, rate again; then end of input.
	out, errOut, code := c.run("\ngood\n\n1\n", "review", filepath.Join(c.dir, "notes"))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{"Q: Capital of Kenya", "A: Nairobi", "rated good · next in 10m", "rated again · next in 1m", "summary: 2 reviewed · 1 again (50%)"} {
		if !strings.Contains(out, want) {
			t.Errorf("review output lacks %q:\n%s", want, out)
		}
	}
	var cardsOut []map[string]any
	if err := json.Unmarshal([]byte(c.ok("cards", "--json", "--state", "learning")), &cardsOut); err != nil || len(cardsOut) != 2 {
		t.Fatalf("learning cards after review: %v %v", cardsOut, err)
	}
	id := cardsOut[0]["id"].(string)
	var shown struct {
		History []map[string]any `json:"history"`
	}
	if err := json.Unmarshal([]byte(c.ok("show", id, "--json")), &shown); err != nil || len(shown.History) != 1 {
		t.Errorf("show --json history = %+v (%v)", shown, err)
	}
	// rate from a script, then due counts.
	c.now = "2026-11-27T09:30:00Z"
	if out := c.ok("rate", id, "easy"); !strings.Contains(out, "rated "+id+" easy") {
		t.Errorf("rate = %q", out)
	}
	var due struct{ Due, New int }
	if err := json.Unmarshal([]byte(c.ok("due", "--json")), &due); err != nil || due.Due != 1 || due.New != 0 {
		t.Errorf("due = %+v (%v)", due, err)
	}
}

func TestDecksSetShowAndPrune(t *testing.T) {
	c := newCLI(t)
	p := c.note("lang/french.md", "un::one\n\ndeux::two\n")
	c.ok("add", filepath.Join(c.dir, "notes"))
	c.ok("decks", "set", "lang", "--new-per-day", "5", "--retention", "0.85")
	out := c.ok("decks", "show", "lang::french")
	for _, want := range []string{"5", "(set on lang)", "0.85", "200", "(default)"} {
		if !strings.Contains(out, want) {
			t.Errorf("decks show lacks %q:\n%s", want, out)
		}
	}
	if _, errOut, code := c.run("", "decks", "set", "lang", "--retention", "2"); code != 2 || !strings.Contains(errOut, "0.70 and 0.99") {
		t.Errorf("bad retention: %d %q", code, errOut)
	}
	if err := os.WriteFile(p, []byte("un::one\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_ = os.Chtimes(p, time.Now().Add(time.Minute), time.Now().Add(time.Minute))
	if out := c.ok("sync"); !strings.Contains(out, "1 orphaned") {
		t.Errorf("sync = %q", out)
	}
	if out := c.ok("cards", "--state", "orphaned"); !strings.Contains(out, "deux") {
		t.Errorf("orphaned list = %q", out)
	}
	if _, errOut, code := c.run("", "prune"); code != 2 || !strings.Contains(errOut, "--yes") {
		t.Errorf("prune without terminal: %d %q", code, errOut)
	}
	if out := c.ok("prune", "--yes"); !strings.Contains(out, "deleted 1 orphaned cards") {
		t.Errorf("prune --yes = %q", out)
	}
	if out := c.ok("decks"); !strings.Contains(out, "french") || !strings.Contains(out, "lang") {
		t.Errorf("decks = %q", out)
	}
}

func TestDropIsRemembered(t *testing.T) {
	c := newCLI(t)
	p := c.note("n.md", "keep::yes\n\ndrop::no\n")
	c.ok("add", filepath.Join(c.dir, "notes"))
	var list []map[string]any
	_ = json.Unmarshal([]byte(c.ok("cards", "--json")), &list)
	var id string
	for _, cd := range list {
		if cd["question"] == "drop" {
			id = cd["id"].(string)
		}
	}
	if out := c.ok("drop", id); !strings.Contains(out, "dropped "+id) {
		t.Errorf("drop = %q", out)
	}
	_ = os.Chtimes(p, time.Now().Add(time.Minute), time.Now().Add(time.Minute))
	c.ok("sync", "--force")
	if out := c.ok("cards"); strings.Contains(out, "drop") {
		t.Errorf("dropped card is back:\n%s", out)
	}
}

func TestExportImportRoundTrips(t *testing.T) {
	c := newCLI(t)
	c.note("geo.md", "# Capitals\n\nCapital of Kenya::Nairobi\n\nuno:::one\n\n{{c1::Canberra}} was founded in {{c2::1913}}\n")
	c.run("\n3\n\n1\n", "review", filepath.Join(c.dir, "notes"))
	c.now = "2026-11-27T09:30:00Z" // after the reviews, which ran on a moving clock
	apkg := filepath.Join(c.dir, "out.apkg")
	if out := c.ok("export", "anki", apkg); !strings.Contains(out, "Import any learning progress") || !strings.Contains(out, "2 reviews") {
		t.Errorf("export anki does not tell about the import option: %q", out)
	}
	if err := anki.Validate(context.Background(), apkg, time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC)); err != nil {
		t.Errorf("exported package fails validation: %v", err)
	}
	backup := filepath.Join(c.dir, "backup.json")
	c.ok("export", "json", backup)

	// JSON: restore into a fresh collection and export again: identical.
	restored := newCLI(t)
	restored.dir, restored.now = c.dir, c.now
	restored.ok("import", "json", backup)
	again := filepath.Join(c.dir, "again.json")
	restored.ok("export", "json", again)
	a, _ := os.ReadFile(backup)
	b, _ := os.ReadFile(again)
	if !bytes.Equal(a, b) {
		t.Errorf("json -> import -> json is not byte-for-byte stable")
	}

	// Anki: import into a fresh collection keeps every card and review;
	// importing the same package again changes nothing.
	fromAnki := newCLI(t)
	fromAnki.now = "2026-11-27T10:00:00Z" // after the reviews, which ran on a moving clock
	out := fromAnki.ok("import", "anki", apkg)
	if !strings.Contains(out, "5 cards: 5 added") || !strings.Contains(out, "2 reviews: 2 added") {
		t.Errorf("import anki = %q", out)
	}
	if out := fromAnki.ok("import", "anki", apkg); !strings.Contains(out, "0 added, 0 updated, 5 unchanged · 2 reviews: 0 added, 2 already there") {
		t.Errorf("re-import = %q", out)
	}
	var orig, back []map[string]any
	_ = json.Unmarshal([]byte(c.ok("cards", "--json")), &orig)
	_ = json.Unmarshal([]byte(fromAnki.ok("cards", "--json")), &back)
	if len(orig) != len(back) {
		t.Fatalf("%d cards after the round trip, want %d", len(back), len(orig))
	}
	for i := range orig {
		for _, k := range []string{"id", "deck", "kind", "state", "reps"} {
			if orig[i][k] != back[i][k] {
				t.Errorf("card %d: %s = %v after the round trip, want %v", i, k, back[i][k], orig[i][k])
			}
		}
	}

	// A broken package is refused and nothing is written.
	bad := filepath.Join(c.dir, "bad.apkg")
	_ = os.WriteFile(bad, []byte("not a zip"), 0o644)
	empty := newCLI(t)
	if _, errOut, code := empty.run("", "import", "anki", bad); code != 1 || !strings.Contains(errOut, "nothing was imported") {
		t.Errorf("bad package: %d %q", code, errOut)
	}
}

// fakeLLM is an OpenAI-compatible server that answers every section with
// one card quoting the first numbered line that contains anchor.
func fakeLLM(t *testing.T, anchor string, calls *int) *httptest.Server {
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		*calls++
		var req struct {
			Messages []struct{ Content string } `json:"messages"`
		}
		if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
			http.Error(w, err.Error(), 400)
			return
		}
		cardsJSON := `{"cards":[]}`
		for _, line := range strings.Split(req.Messages[len(req.Messages)-1].Content, "\n") {
			num, text, ok := strings.Cut(line, ": ")
			if ok && strings.Contains(text, anchor) {
				n, _ := strconv.Atoi(num)
				card, _ := json.Marshal(map[string]any{"cards": []map[string]any{{
					"question": "What task do the Transformer Circuits posts take on?", "answer": "Interpreting what large networks do",
					"quote": anchor, "start_line": n, "end_line": n}}})
				cardsJSON = string(card)
				break
			}
		}
		reply, _ := json.Marshal(map[string]any{"choices": []map[string]any{{
			"index": 0, "finish_reason": "stop", "message": map[string]any{"role": "assistant", "content": cardsJSON}}}})
		w.Header().Set("Content-Type", "application/json")
		w.Write(reply)
	}))
}

func TestGenerateLLMThroughTheCLI(t *testing.T) {
	c := newCLI(t)
	p := c.transformersNote()
	calls := 0
	srv := fakeLLM(t, "the herculean task of interpreting", &calls)
	defer srv.Close()
	out := c.ok("add", filepath.Join(c.dir, "notes"), "--generate", "llm", "--llm-url", srv.URL+"/v1", "--json")
	if !strings.Contains(out, `"origin": "llm"`) || !strings.Contains(out, `"origin": "sentence"`) {
		t.Errorf("add --generate llm: no llm card beside the rule cards:\n%s", out)
	}
	first := calls
	if first == 0 {
		t.Fatal("the language model was never asked")
	}
	// Re-reading the unchanged sections uses the cache: no request at all.
	_ = os.Chtimes(p, time.Now().Add(time.Minute), time.Now().Add(time.Minute))
	c.ok("sync", "--force", "--llm-url", srv.URL+"/v1")
	if calls != first {
		t.Errorf("sync of unchanged sections sent %d more requests, want 0 (cache)", calls-first)
	}
	// Server gone: a clear error naming the URL, exit 1, rule cards kept.
	url := srv.URL + "/v1"
	srv.Close()
	other := newCLI(t)
	other.dir = c.dir
	_, errOut, code := other.run("", "add", filepath.Join(c.dir, "notes"), "--generate", "llm", "--llm-url", url)
	if code != 1 || !strings.Contains(errOut, url) || !strings.Contains(errOut, "cards were saved") {
		t.Errorf("server down: exit %d, %q", code, errOut)
	}
	if out := other.ok("cards"); !strings.Contains(out, "value and output matrices") {
		t.Errorf("rule-based cards missing after an LLM failure:\n%s", out)
	}
}

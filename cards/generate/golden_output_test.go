package generate

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/mnemo-app/mnemo/cards"
	"github.com/mnemo-app/mnemo/cards/generate/gentest"
	"github.com/mnemo-app/mnemo/cards/markdown"
)

// goldenOutput is the canonical dump of every card the rules make from
// the notes of dumpNotes. It pins the generator's output exactly, so a
// change meant to make the rules faster, not different, must leave it
// byte-identical; after an intended change to the cards, rewrite it with
// go test -run TestOutputDump -update and review the diff.
const goldenOutput = "testdata/golden_output.txt"

// vaultDumpNotes is how many notes of the synthetic benchmark vault the
// dump covers.
const vaultDumpNotes = 300

// repoRoot is the module root, seen from this package.
const repoRoot = "../.."

// dumpNote is one input of the dump: a name and its Markdown.
type dumpNote struct {
	name string
	src  []byte
}

// dumpNotes returns the Markdown files under the repository's examples/
// and every testdata/ folder (the evaluation corpus's tune half among
// them; its frozen and held-out halves are never run here), then notes of
// the benchmark vault, in a fixed order.
func dumpNotes(t *testing.T) []dumpNote {
	t.Helper()
	var out []dumpNote
	err := filepath.WalkDir(repoRoot, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(repoRoot, p)
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			switch {
			case d.Name() == ".git", strings.HasSuffix(rel, "testdata/eval/frozen"), strings.HasSuffix(rel, "testdata/eval/heldout"):
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(p, ".md") || !d.Type().IsRegular() {
			return nil
		}
		if !strings.HasPrefix(rel, "examples/") && !strings.Contains("/"+rel, "/testdata/") {
			return nil
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		out = append(out, dumpNote{rel, src})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	tune := 0
	for _, n := range out {
		if strings.Contains(n.name, "testdata/eval/tune/") {
			tune++
		}
	}
	if len(out) < 30 || tune < 20 {
		t.Fatalf("found %d notes, %d of them in eval/tune: the walk lost the corpus", len(out), tune)
	}
	for i := range vaultDumpNotes {
		out = append(out, dumpNote{fmt.Sprintf("vault/note_%05d.md", i), []byte(gentest.VaultNote(i))})
	}
	return out
}

// dumpCards writes one note's cards, one field a line, every field the
// rules set: rule, kind, question, answer, source lines, context,
// confidence (exact) and whether the card is only a suggestion.
func dumpCards(b *bytes.Buffer, name string, cs []cards.Card) {
	fmt.Fprintf(b, "== %s: %d cards\n", name, len(cs))
	for i, c := range cs {
		fmt.Fprintf(b, "-- %d %s kind=%s lines=%d-%d path=%q\n", i, c.Origin, c.Kind, c.Source.Line, c.Source.EndLine, c.Source.Path)
		fmt.Fprintf(b, "   q: %q\n", c.Question)
		fmt.Fprintf(b, "   a: %q\n", c.Answer)
		fmt.Fprintf(b, "   context: %q\n", c.Context)
		fmt.Fprintf(b, "   score: %s suggestion: %t\n", strconv.FormatFloat(c.Confidence, 'g', -1, 64), c.Confidence < AutoThreshold)
	}
}

// TestOutputDump compares the cards of every dump note with goldenOutput:
// first Rules on the parsed note, then the generated cards of the note
// read as `mnemo add --generate rules` reads it (markdown.Read, which
// passes the note's explicit cards to Rules for Dedupe and gives the
// cards their IDs).
func TestOutputDump(t *testing.T) {
	var got bytes.Buffer
	notes := dumpNotes(t)
	for _, n := range notes {
		dumpCards(&got, n.name, Rules(markdown.ParseDocument(n.name, n.src)))
	}
	for _, n := range notes {
		res, err := markdown.Read(n.src, markdown.ReadOptions{Path: n.name, Mode: markdown.GenerateRules,
			Generators: []markdown.Generator{Rules}})
		if err != nil {
			fmt.Fprintf(&got, "== read %s: %v\n", n.name, err)
			continue
		}
		var gen []cards.Card
		explicit := 0
		for _, c := range res.Cards {
			if c.Origin == "" {
				explicit++
				continue
			}
			gen = append(gen, c)
		}
		dumpCards(&got, fmt.Sprintf("read %s (%d explicit)", n.name, explicit), gen)
		for _, c := range gen {
			fmt.Fprintf(&got, "   id: %s\n", c.ID)
		}
	}
	if *update {
		if err := os.WriteFile(goldenOutput, got.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(goldenOutput)
	if err != nil {
		t.Fatalf("%v (run go test -run TestOutputDump -update)", err)
	}
	if bytes.Equal(got.Bytes(), want) {
		return
	}
	gl, wl := strings.Split(got.String(), "\n"), strings.Split(string(want), "\n")
	note := ""
	for i := 0; i < len(gl) || i < len(wl); i++ {
		var g, w string
		if i < len(gl) {
			g = gl[i]
		}
		if i < len(wl) {
			w = wl[i]
		}
		if strings.HasPrefix(w, "== ") {
			note = w
		}
		if g != w {
			t.Fatalf("cards differ from %s at line %d (in %s):\n got: %s\nwant: %s", goldenOutput, i+1, note, g, w)
		}
	}
}

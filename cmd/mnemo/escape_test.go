package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/mnemo-app/mnemo/cmd/mnemo/internal/termtext"
)

// TestPrintersShowNoControls feeds every printer a note full of CSI, OSC,
// DCS, C1 controls, bidi overrides and NULs (in its deck name, heading,
// tags, question, answer and file name) and checks that none reaches the
// terminal raw: cards, show, decks, due, plain review, rate, add's report,
// the JSON listings, and error messages.
func TestPrintersShowNoControls(t *testing.T) {
	c := newCLI(t)
	// A note with a NUL or invalid UTF-8 is refused as binary; those are
	// tested through the error path below.
	h := strings.ToValidUTF8(strings.ReplaceAll(termtext.Hostile, "\x00", ""), "")
	dirName := strings.ReplaceAll(h, "/", "") // file names cannot hold "/"
	front := strings.NewReplacer("\n", " ", "\r", " ", "\"", "").Replace(h)
	c.note(dirName+"/n.md", "---\ndeck: \"d"+front+"\"\ntags: [\"t"+front+"\"]\n---\n# Head "+h+"\n\nQ "+h+" :: A "+h+"\n")
	outputs := map[string]string{}
	record := func(name string, args ...string) {
		t.Helper()
		out, errOut, code := c.run("\n3\nq\n", args...)
		outputs[name] = out + errOut
		if code != 0 && !strings.HasPrefix(name, "error") {
			t.Fatalf("mnemo %s: exit %d\n%s%s", strings.Join(args, " "), code, out, errOut)
		}
	}
	record("add", "add", c.dir+"/notes")
	var list []struct {
		ID       string `json:"id"`
		Question string `json:"question"`
	}
	if err := json.Unmarshal([]byte(c.ok("cards", "--json")), &list); err != nil || len(list) != 1 {
		t.Fatalf("cards --json: %v, %d cards", err, len(list))
	}
	if !strings.Contains(list[0].Question, "\x1b[2J") {
		t.Fatalf("JSON must keep the text exactly: %q", list[0].Question)
	}
	id := list[0].ID
	record("cards", "cards")
	record("cards --json", "cards", "--json")
	record("show", "show", id)
	record("show --json", "show", "--json", id)
	record("decks", "decks")
	record("due", "due")
	record("review --plain", "review", "--plain")
	record("rate", "rate", id, "good")
	var decksOut []struct {
		Deck string `json:"deck"`
	}
	if err := json.Unmarshal([]byte(c.ok("decks", "--json")), &decksOut); err != nil || len(decksOut) == 0 {
		t.Fatalf("decks --json: %v", err)
	}
	hostileDeck := decksOut[len(decksOut)-1].Deck
	if !termtext.HasControl(hostileDeck) {
		t.Fatalf("deck name %q holds no control", hostileDeck)
	}
	record("stats --deck", "stats", "--deck", hostileDeck)
	record("optimize --deck", "optimize", "--deck", hostileDeck, "--dry-run")
	record("decks set --params", "decks", "set", hostileDeck, "--params", "default")
	record("error: unknown deck", "review", "--deck", "x"+termtext.Hostile)
	record("error: unknown card", "show", "zz"+termtext.Hostile)
	for name, out := range outputs {
		if termtext.HasControl(out) {
			t.Errorf("%s printed a control:\n%q", name, out)
		}
	}
	if !strings.Contains(outputs["show"], "^[[2J") {
		t.Errorf("show does not show the escape in caret notation:\n%s", outputs["show"])
	}
}

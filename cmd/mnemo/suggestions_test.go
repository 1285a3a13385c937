package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

func TestSuggestionsAcceptAndReject(t *testing.T) {
	c := newCLI(t)
	c.note("history.md", "# Treaties\n\n"+
		"- **Armistice**: an agreement to stop fighting while peace is negotiated\n\n"+
		"The long talks at the palace ended when Napoleon Bonaparte signed the treaty.\n\n"+
		"The second round of talks stalled until Talleyrand proposed a compromise on the borders.\n")
	out := c.ok("add", filepath.Join(c.dir, "notes"))
	if !strings.Contains(out, "2 suggestions to review") {
		t.Fatalf("add summary does not mention the suggestions:\n%s", out)
	}
	if cards := c.ok("cards"); !strings.Contains(cards, "armistice") || strings.Contains(cards, "[...]") {
		t.Fatalf("want only the confident card added:\n%s", cards)
	}
	var list []struct {
		ID         string  `json:"id"`
		Question   string  `json:"question"`
		Origin     string  `json:"origin"`
		Confidence float64 `json:"confidence"`
	}
	if err := json.Unmarshal([]byte(c.ok("suggestions", "--json")), &list); err != nil || len(list) != 2 {
		t.Fatalf("suggestions --json: %v %+v", err, list)
	}
	if list[0].Origin != "cloze" || list[0].Confidence <= 0 || list[0].Confidence >= 0.7 {
		t.Errorf("suggestion %+v: want a cloze below the threshold", list[0])
	}
	if out := c.ok("suggestions", "accept", list[0].ID); !strings.Contains(out, "accepted "+list[0].ID) {
		t.Errorf("accept = %q", out)
	}
	if out := c.ok("suggestions", "reject", list[1].ID); !strings.Contains(out, "rejected "+list[1].ID) {
		t.Errorf("reject = %q", out)
	}
	if out := c.ok("suggestions"); !strings.Contains(out, "no suggestions pending") {
		t.Errorf("suggestions left: %s", out)
	}
	if show := c.ok("show", list[0].ID); !strings.Contains(show, "rule cloze, confidence") {
		t.Errorf("show does not print rule and score:\n%s", show)
	}
	// A sync keeps the accepted card and does not offer the rejected one again.
	c.ok("sync", "--force")
	if out := c.ok("suggestions"); !strings.Contains(out, "no suggestions pending") {
		t.Errorf("after sync: %s", out)
	}
	if cards := c.ok("cards"); !strings.Contains(cards, "[...]") {
		t.Errorf("accepted card gone after sync:\n%s", cards)
	}
	if _, errOut, code := c.run("", "suggestions", "accept", "zzzzzz"); code == 0 || !strings.Contains(errOut, "no pending suggestion") {
		t.Errorf("accept of an unknown ID: exit %d, %q", code, errOut)
	}
}

// `mnemo review PATH` reads notes as `add` does: a generated card below
// the threshold waits as a suggestion and never enters the review.
func TestReviewPathKeepsSuggestionsOutOfReviews(t *testing.T) {
	c := newCLI(t)
	c.note("history.md", "# Treaties\n\n"+
		"- **Armistice**: an agreement to stop fighting while peace is negotiated\n\n"+
		"The long talks at the palace ended when Napoleon Bonaparte signed the treaty.\n")
	out, errOut, code := c.run("q\n", "review", "--plain", filepath.Join(c.dir, "notes"))
	if code != 0 {
		t.Fatalf("review exit %d: %s%s", code, out, errOut)
	}
	if !strings.Contains(errOut, "1 suggestions to review") {
		t.Errorf("review does not report the suggestion:\n%s", errOut)
	}
	if cards := c.ok("cards"); strings.Contains(cards, "[...]") || !strings.Contains(cards, "armistice") {
		t.Fatalf("want only the confident card added:\n%s", cards)
	}
	if list := c.ok("suggestions"); !strings.Contains(list, "cloze") {
		t.Errorf("the cloze is not a pending suggestion:\n%s", list)
	}
}

package review

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mnemo-app/mnemo/cards"
)

func TestOpenMediaOnlyInsideTheMediaFolder(t *testing.T) {
	dir := t.TempDir()
	media := filepath.Join(dir, "collection.media")
	if err := os.MkdirAll(media, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"cat.png", "-rf.png"} {
		if err := os.WriteFile(filepath.Join(media, name), []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, tc := range []struct {
		name, text, wantArg, wantWarn string
	}{
		{"image", "![](cat.png)", filepath.Join(media, "cat.png"), ""},
		{"dash name", "![](-rf.png)", filepath.Join(media, "-rf.png"), ""},
		{"outside", "![](../../etc/passwd) ![](/etc/passwd)", "", "no image or sound"},
		{"missing", "![](dog.png)", "", "not in the collection's media folder"},
		{"none", "plain text", "", "no image"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			o := mediaOpener{dir: media, viewer: "xdg-open", start: func(name string, args ...string) error {
				got = append([]string{name}, args...)
				return nil
			}}
			cmd, warn := o.open(&cards.Card{Question: "q", Answer: tc.text})
			if tc.wantArg == "" {
				if cmd != nil || !strings.Contains(warn, tc.wantWarn) {
					t.Errorf("cmd %v, warning %q; want none and %q", cmd != nil, warn, tc.wantWarn)
				}
				return
			}
			if cmd == nil {
				t.Fatalf("nothing to open: %q", warn)
			}
			msg := cmd().(openedMsg)
			if msg.err != nil || len(got) != 2 || got[0] != "xdg-open" || got[1] != tc.wantArg || !filepath.IsAbs(got[1]) {
				t.Errorf("ran %q (%v), want xdg-open %s", got, msg.err, tc.wantArg)
			}
		})
	}
	if cmd, warn := (mediaOpener{dir: media}).open(&cards.Card{Answer: "![](cat.png)"}); cmd != nil || warn == "" {
		t.Errorf("opened without a viewer")
	}
}

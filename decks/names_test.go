package decks

import (
	"strings"
	"testing"
)

func TestCheckName(t *testing.T) {
	for _, tt := range []struct {
		name string
		deck string
		want string
	}{
		{"ordinary", "physics::optics::lenses", ""},
		{"at the depth limit", strings.Repeat("a::", MaxDepth-1) + "a", ""},
		{"one level too deep", strings.Repeat("a::", MaxDepth) + "a", "33 levels deep"},
		{"50,000 levels", strings.Repeat("a::", 50000) + "a", "over the limit"},
		{"at the length limit", strings.Repeat("x", MaxNameLength), ""},
		{"too long", strings.Repeat("x", MaxNameLength+1), "1001 bytes"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			err := CheckName(tt.deck)
			if (tt.want == "") != (err == nil) || (err != nil && !strings.Contains(err.Error(), tt.want)) {
				t.Fatalf("CheckName: %v, want %q", err, tt.want)
			}
		})
	}
}

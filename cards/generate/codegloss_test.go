package generate

import (
	"slices"
	"testing"
)

func TestCodeGlossRule(t *testing.T) {
	tests := []struct {
		name string
		md   string
		want []qa
	}{
		{"list of signals under a plural heading",
			"# Unix notes\n\n## Signals\n- SIGINT interrupt from the keyboard\n- SIGKILL kill at once, cannot be caught\n- SIGTERM polite request to terminate\n",
			[]qa{{OriginCodeGloss, "What do SIGINT signals mean?", "Interrupt from the keyboard"},
				{OriginCodeGloss, "What do SIGKILL signals mean?", "Kill at once, cannot be caught"},
				{OriginCodeGloss, "What do SIGTERM signals mean?", "Polite request to terminate"}}},
		{"indented outline of codes",
			"Error codes of the tool\n\nErrors\n    E01 file not found\n    E02 permission denied\n    E10 misuse of the command line\n",
			[]qa{{OriginCodeGloss, "What do E01 errors mean?", "File not found"}, {OriginCodeGloss, "What do E02 errors mean?", "Permission denied"},
				{OriginCodeGloss, "What do E10 errors mean?", "Misuse of the command line"}}},
		{"two lines are not a glossary", "# Notes\n\n- GET fetch a resource\n- PUT replace a resource\n", nil},
		{"ordinary items that start with a number", "# Shopping for the trip\n\n- 2 tents and a stove\n- 3 sleeping bags\n- 4 mats for the floor\n",
			nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := onlyOrigin(rulesOn(tc.md), OriginCodeGloss)
			if !slices.Equal(got, tc.want) {
				t.Errorf("got %v\nwant %v", got, tc.want)
			}
		})
	}
}

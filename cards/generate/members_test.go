package generate

import (
	"reflect"
	"testing"

	"github.com/mnemo-app/mnemo/cards/markdown"
)

func TestMemberList(t *testing.T) {
	tests := []struct {
		name, md string
		want     []qa
	}{
		{"bullet parent", "- Noble metals\n    - Gold, Silver, Platinum, Palladium\n    - resist corrosion in moist air\n",
			[]qa{{OriginMemberList, "What are the noble metals?", "Gold; Silver; Platinum; Palladium"}}},
		{"name after a dash", "- Class 3 - calcium channel blockers\n    - Verapamil, Diltiazem, Nifedipine\n",
			[]qa{{OriginMemberList, "What are the calcium channel blockers?", "Verapamil; Diltiazem; Nifedipine"}}},
		{"tab outline", "Gas giants\n\tJupiter, Saturn, Uranus, Neptune\n\tno solid surface\n",
			[]qa{{OriginMemberList, "What are the gas giants?", "Jupiter; Saturn; Uranus; Neptune"}}},
		{"properties, not members: suggested", "- Red blood cells\n    - small, round, flexible\n",
			[]qa{{OriginMemberList, "What are the red blood cells?", "small; round; flexible"}}},
		{"symbols that read as pronouns", "- Group 17 - halogens\n    - F, Cl, Br, I, At\n",
			[]qa{{OriginMemberList, "What are the halogens?", "F; Cl; Br; I; At"}}},
		{"singular parent", "- Mitochondrion\n    - Matrix, Cristae, Outer membrane\n", nil},
		{"two members", "- Twin primes\n    - 3, 5\n", nil},
		{"examples parent", "- Examples\n    - Estonia, Latvia, Lithuania\n", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := onlyOrigin(rulesOn(tc.md), OriginMemberList)
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got %v\nwant %v", got, tc.want)
			}
		})
	}
}

func TestMemberListConfidence(t *testing.T) {
	conf := map[string]float64{}
	for _, c := range Rules(markdown.ParseDocument("note.md", []byte("- Noble metals\n    - Gold, Silver, Platinum\n\n- Red blood cells\n    - small, round, flexible\n"))) {
		if c.Origin == OriginMemberList {
			conf[c.Answer] = c.Confidence
		}
	}
	if c := conf["Gold; Silver; Platinum"]; c < AutoThreshold {
		t.Errorf("names: confidence %.2f, want added", c)
	}
	if c := conf["small; round; flexible"]; c == 0 || c >= AutoThreshold {
		t.Errorf("properties: confidence %.2f, want a suggestion", c)
	}
}

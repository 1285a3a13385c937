package generate

import (
	"slices"
	"testing"
)

// Notes written for these tests (not from the evaluation corpus).
func TestProsCons(t *testing.T) {
	pc := func(q, a string) qa { return qa{OriginProsCons, q, a} }
	tests := []struct {
		name string
		md   string
		want []qa // the pros-cons cards among the cards added
	}{
		{"inline under a parent item",
			"# Indexes\n\n- B-tree: balanced tree of fixed-size pages\n  - Pros: fast reads, predictable latency\n  - Cons: write amplification\n",
			[]qa{pc("What are the advantages of a B-tree?", "fast reads; predictable latency"), pc("What is the disadvantage of a B-tree?", "write amplification")}},
		{"a label over its own list",
			"# Indexes\n\n- LSM tree: memtable plus sorted files\n  - Advantages:\n    - high write throughput\n    - good compression\n",
			[]qa{pc("What are the advantages of an LSM tree?", "high write throughput; good compression")}},
		{"a short line before the list names the subject",
			"# Replication\n\nSingle-leader replication\n- pro: simple to run\n- con: the leader is a bottleneck for writes\n",
			[]qa{pc("What is the advantage of single-leader replication?", "simple to run"), pc("What is the disadvantage of single-leader replication?", "the leader is a bottleneck for writes")}},
		{"the line before in a paragraph",
			"# Caches\n\nWrite-back caching\nDrawbacks: data loss on power failure, complex coherence\n",
			[]qa{pc("What are the drawbacks of write-back caching?", "data loss on power failure; complex coherence")}},
		{"the heading is the subject",
			"# Notes\n\n## Microservices\n\nBenefits:\n- independent deploys\n- teams own services\n",
			[]qa{pc("What are the benefits of microservices?", "independent deploys; teams own services")}},
		{"no subject, no card", "Pros: cheap, fast\n", nil},
		{"a label with a list and inline text is ambiguous",
			"# Caches\n\n- Write-through\n  - Pros: see below\n    - simple\n", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []qa
			for _, c := range addedOn(tt.md) {
				if c.origin == OriginProsCons {
					got = append(got, c)
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("got  %v\nwant %v", got, tt.want)
			}
		})
	}
}

// A German label asks in German; the bare plural after "von" lacks the
// dative a German writer would use, so the cards are only suggested.
func TestProsConsGerman(t *testing.T) {
	md := "# Datenbanken\n\nEin Index ist eine Datenstruktur, die die Suche in einer Tabelle beschleunigt.\n\n" +
		"- Indexe\n  - Vorteile: schnelle Suche, Sortierung ohne Aufwand\n  - Nachteile: langsameres Schreiben\n"
	want := []string{"Was sind die Vorteile von Indexe?", "Was ist der Nachteil von Indexe?"}
	if got := suggestedOn(md); !slices.Equal(got, want) {
		t.Errorf("suggested %q, want %q", got, want)
	}
}

package generate

import (
	"slices"
	"testing"
)

func TestTopicFactRule(t *testing.T) {
	tests := []struct {
		name string
		md   string
		want []qa
	}{
		{"verb items under a heading",
			"# Biology notes\n\n## Mitochondrion\n- an organelle of the cell with two membranes\n- has its own circular DNA\n- produces most of the cell's ATP\n",
			[]qa{{OriginTopicFact, "What does a mitochondrion have?", "Its own circular DNA"},
				{OriginTopicFact, "What does a mitochondrion produce?", "Most of the cell's ATP"}}},
		{"plural topic from a parent item",
			"Notes on the immune system.\n\n- Plasma cells\n    - derived from B cells\n    - secrete antibodies into the blood\n",
			[]qa{{OriginTopicFact, "What are plasma cells derived from?", "B cells"},
				{OriginTopicFact, "What do plasma cells secrete?", "Antibodies into the blood"}}},
		{"participle with its preposition and a place",
			"Notes for the chemistry test.\n\n## Sodium - an alkali metal\n- first item about the metal itself\n- kept under oil in the lab\n- used for street lamps\n",
			[]qa{{OriginTopicFact, "Where is an alkali metal kept?", "Under oil in the lab"},
				{OriginTopicFact, "What is an alkali metal used for?", "Street lamps"}}},
		{"phrasal verb and a code subject from a parent sentence",
			"# Unix notes\n\n- wait() blocks the parent until a child exits\n    - returns the PID of the child that exited\n",
			[]qa{{OriginTopicFact, "What does wait() return?", "The PID of the child that exited"}}},
		{"verb that needs its preposition",
			"# Chemistry\n\n## Water\n- a polar molecule found in all living things\n- consists of two hydrogen atoms and one oxygen atom\n",
			[]qa{{OriginTopicFact, "What does water consist of?", "Two hydrogen atoms and one oxygen atom"}}},
		{"no topic term: an examples label", "Some notes.\n\n- Examples:\n    - makes the code shorter\n", nil},
		{"opinion items give nothing", "# Review\n\n## Kubernetes\n- seems overkill for us\n- maybe later\n", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := onlyOrigin(rulesOn(tc.md), OriginTopicFact)
			if !slices.Equal(got, tc.want) {
				t.Errorf("got %v\nwant %v", got, tc.want)
			}
		})
	}
}

func TestClauseParentOverOneCommaItem(t *testing.T) {
	got := onlyOrigin(rulesOn("# Networking\n\n- every TCP segment header contains\n    - source port, destination port, sequence number\n"), OriginTopicChildren)
	want := []qa{{OriginTopicChildren, "What does every TCP segment header contain?", "source port; destination port; sequence number"}}
	if !slices.Equal(got, want) {
		t.Errorf("got %v\nwant %v", got, want)
	}
}

func TestSpanishTable(t *testing.T) {
	md := "# Química\n\nLos apuntes de la clase sobre los elementos y sus símbolos.\n\n| Símbolo | Nombre | Grupo |\n|---|---|---|\n| Na | sodio | alcalinos |\n| Cl | cloro | halógenos |\n"
	got := onlyOrigin(rulesOn(md), OriginTable)
	want := []qa{{OriginTable, "¿Cómo se llama el símbolo Na?", "sodio"}, {OriginTable, "¿Cuál es el grupo del símbolo Na?", "alcalinos"},
		{OriginTable, "¿Cómo se llama el símbolo Cl?", "cloro"}, {OriginTable, "¿Cuál es el grupo del símbolo Cl?", "halógenos"}}
	if !slices.Equal(got, want) {
		t.Errorf("got %v\nwant %v", got, want)
	}
}

func TestTopicFactNeedsAnObject(t *testing.T) {
	got := onlyOrigin(rulesOn("# Geography\n\n## Alpine glaciers\n- a slow river of ice\n- mass in the upper valleys\n- block in the middle of the pass\n"), OriginTopicFact)
	if len(got) != 0 {
		t.Errorf("a noun item read as a verb: %v", got)
	}
}

func TestTopicFactNameTakesTheNotesArticle(t *testing.T) {
	md := "# Astronomy\n\nLight from the Moon is reflected sunlight.\n\n## Moon\n- about 4.5 billion years old\n- makes up about 1.2% of the mass of the Earth-Moon system\n"
	got := onlyOrigin(rulesOn(md), OriginTopicFact)
	want := []qa{{OriginTopicFact, "How old is the Moon?", "About 4.5 billion years"},
		{OriginTopicFact, "What does the Moon make up?", "About 1.2% of the mass of the Earth-Moon system"}}
	if !slices.Equal(got, want) {
		t.Errorf("got %v\nwant %v", got, want)
	}
}

func TestTopicFactComparison(t *testing.T) {
	md := "# Sorting\n\n## Insertion sort\n- a simple in-place sort\n- faster than quicksort on tiny arrays\n- more stable than heapsort (keeps equal keys in order)\n"
	got := onlyOrigin(rulesOn(md), OriginTopicFact)
	want := []qa{{OriginTopicFact, "How does an insertion sort compare with quicksort?", "Faster than quicksort on tiny arrays"},
		{OriginTopicFact, "How does an insertion sort compare with heapsort?", "More stable than heapsort (keeps equal keys in order)"}}
	if !slices.Equal(got, want) {
		t.Errorf("got %v\nwant %v", got, want)
	}
}

func TestNormalValue(t *testing.T) {
	md := "# Lab values\n\nWhat the ward expects you to know.\n\n- sodium normal 135–145 mmol/L\n- QT interval normally < 0.44 s\n- P wave normally < 0.12 s\n- normal saline is 0.9% NaCl\n"
	got := onlyOrigin(rulesOn(md), OriginTopicFact)
	want := []qa{{OriginTopicFact, "What is the normal sodium?", "135–145 mmol/L"},
		{OriginTopicFact, "What is the normal QT interval?", "Less than 0.44 s"},
		{OriginTopicFact, "What is the normal P wave duration?", "Less than 0.12 s"}}
	if !slices.Equal(got, want) {
		t.Errorf("got %v\nwant %v", got, want)
	}
}

func TestTopicFactChangeAndCodeVerb(t *testing.T) {
	md := "# Physics revision\n\n## Ideal gases\n- a model of a gas whose particles do not interact\n- pressure increases with temperature at constant volume\n- volume grows\n\n## Python notes\n- `len` returns the number of items\n- `sorted` consists of nothing\n"
	got := onlyOrigin(rulesOn(md), OriginTopicFact)
	want := []qa{{OriginTopicFact, "How does pressure change with temperature at constant volume in ideal gases?", "Increases with temperature at constant volume"},
		{OriginTopicFact, "What does `len` return?", "The number of items"}}
	if !slices.Equal(got, want) {
		t.Errorf("got %v\nwant %v", got, want)
	}
}

func TestTopicFactCountAndArticle(t *testing.T) {
	md := "# Anatomy\n\nThe skeleton supports the body; the heart pumps blood.\n\n## Skeleton\n- 206 bones in total\n- protects the organs\n\n## Heart\n- 4 chambers\n- pumps about 5 litres of blood per minute\n"
	got := onlyOrigin(rulesOn(md), OriginTopicFact)
	want := []qa{{OriginTopicFact, "How many bones does the skeleton have?", "206"},
		{OriginTopicFact, "What does the skeleton protect?", "The organs"},
		{OriginTopicFact, "What does the heart pump?", "About 5 litres of blood per minute"}}
	if !slices.Equal(got, want) {
		t.Errorf("got %v\nwant %v", got, want)
	}
}

package generate

import (
	"slices"
	"testing"
)

func TestTopicFactLanguages(t *testing.T) {
	tests := []struct {
		name string
		md   string
		want []qa
	}{
		{"english place under a process and under a thing",
			"# Plant biology\n\n## Photosynthesis\n- light reactions first, then the Calvin cycle\n- in the chloroplasts of leaf cells\n\n## Root hairs\n- thin outgrowths of root cells\n- on the young part of the root\n",
			[]qa{{OriginTopicFact, "Where does photosynthesis take place?", "In the chloroplasts of leaf cells"},
				{OriginTopicFact, "Where are root hairs?", "On the young part of the root"}}},
		{"german verb and place under a numbered step",
			"# Biologie\n\nDie Zusammenfassung für die Klausur, mit den Schritten der Fotosynthese.\n\n1. Lichtreaktion\n    - an der Thylakoidmembran\n    - liefert ATP und NADPH für den Calvin-Zyklus\n    - braucht kein CO2\n",
			[]qa{{OriginTopicFact, "Wo findet die Lichtreaktion statt?", "An der Thylakoidmembran"},
				{OriginTopicFact, "Was liefert die Lichtreaktion?", "ATP und NADPH für den Calvin-Zyklus"}}},
		{"german noun whose ending does not tell its article",
			"# Biologie\n\nDie Zusammenfassung für die Klausur, mit den Teilen der Zelle.\n\n- Zellkern\n    - im Zentrum der Zelle\n    - enthält die DNA\n", nil},
		{"german keyword and its verb",
			"# Git Grundlagen\n\nDie Befehle, die man für die Übung braucht, mit einer kurzen Erklärung.\n\n- Befehle\n    - COMMIT speichert den Stand im Repository\n    - RESET nimmt die letzten Änderungen zurück\n",
			[]qa{{OriginTopicFact, "Was speichert COMMIT?", "Den Stand im Repository"},
				{OriginTopicFact, "Was nimmt RESET zurück?", "Die letzten Änderungen"}}},
		{"spanish preterite under a person",
			"# Historia de la ciencia\n\nApuntes de la clase sobre los científicos que hay que saber para el examen.\n\n- Santiago Ramón y Cajal\n    - describió la neurona como unidad del sistema nervioso\n    - premio Nobel en 1906\n",
			[]qa{{OriginTopicFact, "¿Qué describió Santiago Ramón y Cajal?", "La neurona como unidad del sistema nervioso"}}},
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

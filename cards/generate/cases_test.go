package generate

import (
	"slices"
	"testing"
)

func TestCaseRule(t *testing.T) {
	md := "# Tort law\n\nNotes for the seminar on negligence.\n\n- Donoghue v Stevenson (1932): a manufacturer owes a duty of care to the consumer\n- Caparo Industries v Dickman (1990): three-stage test for a duty of care\n\n**Neighbour principle:** you must take reasonable care to avoid harming your neighbour (Donoghue v Stevenson, 1932).\n**Remoteness:** damage must be a foreseeable kind (The Wagon Mound).\n"
	got := onlyOrigin(rulesOn(md), OriginCase)
	want := []qa{{OriginCase, "What did Donoghue v Stevenson (1932) establish?", "A manufacturer owes a duty of care to the consumer"},
		{OriginCase, "What did Caparo Industries v Dickman (1990) establish?", "Three-stage test for a duty of care"},
		{OriginCase, "Which case established the neighbour principle?", "Donoghue v Stevenson (1932)"}}
	if !slices.Equal(got, want) {
		t.Errorf("got %v\nwant %v", got, want)
	}
}

package store

import (
	"testing"
)

func TestStaging(t *testing.T) {
	s := newStaging()
	for _, k := range []string{"c", "a", "d", "b"} {
		s.put([]byte(k), []byte("v"+k))
	}
	s.put([]byte("a"), []byte("a2")) // a second put replaces the value
	s.del([]byte("d"))
	s.del([]byte("x")) // not staged: nothing happens
	s.put([]byte("e"), nil)
	s.del([]byte("c"))
	s.put([]byte("c"), []byte("c2")) // put again after a delete
	if v, ok := s.get([]byte("a")); !ok || string(v) != "a2" {
		t.Errorf("get a = %q, %v", v, ok)
	}
	if v, ok := s.get([]byte("e")); !ok || v == nil || len(v) != 0 {
		t.Errorf("get e = %q, %v; want staged and empty", v, ok)
	}
	if _, ok := s.get([]byte("d")); ok {
		t.Error("a deleted record is still staged")
	}
	var got []string
	for _, r := range s.sorted() {
		got = append(got, r.key+"="+string(r.value))
	}
	want := []string{"a=a2", "b=vb", "c=c2", "e="}
	if len(got) != len(want) {
		t.Fatalf("sorted = %q, want %q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("sorted = %q, want %q", got, want)
		}
	}
}

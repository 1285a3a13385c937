package store

import (
	"strings"
	"testing"
)

func TestStaging(t *testing.T) {
	s := &staging{index: map[string]int{}}
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

// Puts in key order past the bucket's end go straight in; the first that
// does not, and all after it, are staged; reads and deletes see both.
func TestStagingAppendsInOrder(t *testing.T) {
	st := openTest(t)
	bucket := bucketReviewCard // staged, and no index check looks at it
	err := st.Update(func(tx *Tx) error {
		if err := tx.b(bucket).Put([]byte("b"), []byte("old")); err != nil {
			return err
		}
		for _, k := range []string{"c", "d", "e"} {
			if err := tx.put(bucket, []byte(k), []byte("v"+k)); err != nil {
				return err
			}
		}
		if s := tx.staged[string(bucket)]; len(s.recs) != 0 || !s.appending {
			t.Errorf("puts in order were staged: %d records, appending %v", len(s.recs), s.appending)
		}
		for _, op := range []struct{ k, v string }{{"a", "va"}, {"d", "d2"}, {"f", "vf"}} {
			if err := tx.put(bucket, []byte(op.k), []byte(op.v)); err != nil {
				return err
			}
		}
		if err := tx.del(bucket, []byte("e")); err != nil {
			return err
		}
		if got := string(tx.get(bucket, []byte("d"))); got != "d2" {
			t.Errorf("get d = %q, want d2", got)
		}
		if s := tx.staged[string(bucket)]; len(s.recs) != 3 || s.appending {
			t.Errorf("%d records staged, appending %v; want 3, false", len(s.recs), s.appending)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	_ = st.View(func(tx *Tx) error {
		return tx.b(bucket).ForEach(func(k, v []byte) error {
			got = append(got, string(k)+"="+string(v))
			return nil
		})
	})
	want := "a=va b=old c=vc d=d2 f=vf"
	if strings.Join(got, " ") != want {
		t.Errorf("bucket = %q, want %q", strings.Join(got, " "), want)
	}
}

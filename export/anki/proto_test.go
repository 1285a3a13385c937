package anki

import (
	"encoding/binary"
	"testing"
)

func TestMediaEntries(t *testing.T) {
	entry := func(name string) []byte {
		inner := append(binary.AppendUvarint([]byte{0x0a}, uint64(len(name))), name...)
		inner = append(inner, 0x10, 0x05) // size = 5
		return append(binary.AppendUvarint([]byte{0x0a}, uint64(len(inner))), inner...)
	}
	b := append(entry("a.png"), entry("")...)
	b = append(b, entry("c.mp3")...)
	got, err := mediaEntries(b)
	if err != nil || len(got) != 3 || got[0] != "a.png" || got[1] != "" || got[2] != "c.mp3" {
		t.Errorf("mediaEntries = %q, %v", got, err)
	}
	for _, bad := range [][]byte{{0x0a}, {0x0a, 0x05, 0x01}, {0x0f}, {0x0d, 0x01}} {
		if _, err := mediaEntries(bad); err == nil {
			t.Errorf("mediaEntries(% x) accepted", bad)
		}
	}
}

func TestPreset18(t *testing.T) {
	// new_per_day 15, reviews_per_day 300, maximum_review_interval 500,
	// leech_threshold 6, bury_new true, desired_retention 0.85
	b := []byte{0x48, 15, 0x50, 0xac, 0x02, 0x80, 0x01, 0xf4, 0x03, 0xb0, 0x01, 6, 0xd8, 0x01, 1, 0xad, 0x02, 0x9a, 0x99, 0x59, 0x3f}
	p := preset18(b)
	if p.New.PerDay == nil || *p.New.PerDay != 15 || *p.Rev.PerDay != 300 || *p.Rev.MaxIvl != 500 ||
		*p.Lapse.LeechFails != 6 || !*p.New.Bury || *p.DesiredRetention != 0.85 {
		t.Errorf("preset18 = %+v", p)
	}
}

func FuzzProtoFields(f *testing.F) {
	f.Add([]byte{0x0a, 0x07, 0x0a, 0x05, 'a', '.', 'p', 'n', 'g'})
	f.Add([]byte{0x48, 15, 0xad, 0x02, 0x9a, 0x99, 0x59, 0x3f})
	f.Add([]byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01})
	f.Fuzz(func(t *testing.T, b []byte) {
		n := 0
		_ = protoFields(b, func(field, wire, v uint64, data []byte) error {
			n += len(data)
			if n > len(b) {
				t.Fatalf("fields hold more bytes (%d) than the message (%d)", n, len(b))
			}
			return nil
		})
		_, _ = mediaEntries(b)
		_ = preset18(b)
	})
}

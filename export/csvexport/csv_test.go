package csvexport

import (
	"bytes"
	"encoding/csv"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mnemo-app/mnemo/cards"
	"github.com/mnemo-app/mnemo/export"
	"github.com/mnemo-app/mnemo/export/ankitext"
)

var update = flag.Bool("update", false, "rewrite golden files")

func sample() export.Collection {
	text := "{{c1::Canberra}} was founded in {{c2::1913}}, \"officially\""
	return export.Collection{
		Now: time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC),
		Cards: []cards.Card{
			{ID: "fwd0000000", Note: "fwd0000000", Kind: cards.KindBasic, Deck: "lang::spanish", Question: "uno",
				Answer: "one, *the* number", Tags: []string{"numbers", "two words"}, Context: []string{"Numbers"}},
			{ID: "rev0000000", Note: "fwd0000000", Kind: cards.KindReversed, Deck: "lang::spanish", Question: "one, *the* number",
				Answer: "uno", Tags: []string{"numbers"}},
			{ID: "clz1000000", Note: "clz1000000", Kind: cards.KindCloze, Deck: "geo", Text: text, Ord: 1},
			{ID: "clz2000000", Note: "clz1000000", Kind: cards.KindCloze, Deck: "geo", Text: text, Ord: 2},
			{ID: "multi00000", Kind: cards.KindBasic, Question: "Lines?", Answer: "first\nsecond, with a comma\n\n# hash\n![x](local.png) ![y](https://e.org/y.png)"},
		},
	}
}

func TestWriteParsesBack(t *testing.T) {
	var b bytes.Buffer
	if err := Write(&b, sample()); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	if !strings.HasPrefix(out, Header) {
		t.Fatalf("output does not start with the header:\n%s", out)
	}
	for _, h := range []string{"#separator:Comma", "#html:true", "#notetype column:1", "#deck column:2", "#tags column:3", "#guid column:4"} {
		if !strings.Contains(out, h+"\n") {
			t.Errorf("header line %q missing", h)
		}
	}
	r := csv.NewReader(strings.NewReader(strings.TrimPrefix(out, Header)))
	r.FieldsPerRecord = 6
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatalf("output is not valid CSV: %v\n%s", err, out)
	}
	want, err := Rows(sample())
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != len(want) || len(recs) != 3 {
		t.Fatalf("got %d records, want %d (3 notes)", len(recs), len(want))
	}
	for i, rec := range recs {
		w := want[i]
		got := Row{NoteType: rec[0], Deck: rec[1], Tags: rec[2], GUID: rec[3], Fields: [2]string{rec[4], rec[5]}}
		if got != w {
			t.Errorf("record %d:\n got %#v\nwant %#v", i, got, w)
		}
	}
	for _, tc := range []struct {
		name string
		rec  int
		col  int
		want string
	}{
		{"reversed note type", 0, 0, ReversedType},
		{"deck", 0, 1, "lang::spanish"},
		{"tags without spaces", 0, 2, "numbers two_words"},
		{"guid as in apkg", 0, 3, ankitext.NoteGUID("fwd0000000")},
		{"markdown to html", 0, 5, `one, <em>the</em> number<br><div class="mnemo-context">Numbers</div>`},
		{"cloze keeps syntax and quotes", 1, 4, `{{c1::Canberra}} was founded in {{c2::1913}}, &quot;officially&quot;`},
		{"cloze note type", 1, 0, ClozeType},
		{"default deck", 2, 1, ankitext.DefaultDeckName},
		{"multi-line field, local image dropped", 2, 5, "<p>first\nsecond, with a comma</p>\n<h1>hash</h1>\n<p> <img src=\"https://e.org/y.png\" alt=\"y\"></p>"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := recs[tc.rec][tc.col]; got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestGolden(t *testing.T) {
	var b bytes.Buffer
	if err := Write(&b, sample()); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join("testdata", "sample.golden.csv")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(b.Bytes(), want) {
		t.Errorf("output differs from %s:\n%s", path, b.Bytes())
	}
}

func TestEmpty(t *testing.T) {
	var b bytes.Buffer
	if err := Write(&b, export.Collection{}); err != nil {
		t.Fatal(err)
	}
	if b.String() != Header {
		t.Errorf("empty collection wrote %q", b.String())
	}
}

func BenchmarkWrite(b *testing.B) {
	base := sample().Cards[0]
	col := export.Collection{}
	for i := 0; i < 10000; i++ {
		c := base
		c.ID = cards.NewID(cards.KindBasic, c.Question, i, "")
		c.Note = c.ID
		col.Cards = append(col.Cards, c)
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := Write(&bytes.Buffer{}, col); err != nil {
			b.Fatal(err)
		}
	}
}

func TestCellsNeverStartAFormula(t *testing.T) {
	col := export.Collection{Now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), Cards: []cards.Card{
		{ID: "aaaaaaaaaa", Kind: cards.KindBasic, Deck: "=cmd|' /C calc'!A0", Tags: []string{"+x"},
			Question: "=HYPERLINK(\"http://evil\")", Answer: "@SUM(1+1)"},
		{ID: "bbbbbbbbbb", Kind: cards.KindBasic, Deck: "ok", Question: "-2+3", Answer: "\tx"},
	}}
	var b strings.Builder
	if err := Write(&b, col); err != nil {
		t.Fatal(err)
	}
	r := csv.NewReader(strings.NewReader(b.String()))
	r.Comment = '#'
	r.FieldsPerRecord = -1
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 2 {
		t.Fatalf("%d records", len(recs))
	}
	for _, rec := range recs {
		for i, cell := range rec {
			if startsFormula(cell) {
				t.Errorf("cell %d %q starts a formula", i, cell)
			}
		}
	}
	if recs[0][4] != "&#61;HYPERLINK(&#34;http://evil&#34;)" && !strings.HasPrefix(recs[0][4], "&#61;") {
		t.Errorf("question cell = %q", recs[0][4])
	}
}

package anki

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/mnemo-app/mnemo/export/anki/ankitest"
	"github.com/mnemo-app/mnemo/export/ankitext"

	"github.com/mnemo-app/mnemo/cards"
	"github.com/mnemo-app/mnemo/export"
)

// bigCollection makes n cards (basic, reversed pairs and cloze pairs with
// some Markdown and math) and their simulated history.
func bigCollection(n int) export.Collection {
	cs := make([]cards.Card, 0, n)
	added := testCreated
	for i := 0; len(cs) < n; i++ {
		deck := fmt.Sprintf("big::part%d::chapter%d", i%7, i%31)
		tags := []string{"big", "t" + strconv.Itoa(i%13)}
		src := cards.Source{Path: fmt.Sprintf("/vault/notes/file%d.md", i%500), Line: i%200 + 1, EndLine: i%200 + 2}
		switch i % 5 {
		case 0, 1, 2:
			q := fmt.Sprintf("What is concept %d in the *attention* literature?", i)
			id := cards.NewID(cards.KindBasic, q, 0, "")
			cs = append(cs, cards.Card{ID: id, Note: id, Kind: cards.KindBasic, Deck: deck, Tags: tags, Source: src,
				Question: q, Answer: fmt.Sprintf("Concept %d: $W_%d x$ maps tokens, see `code%d`.", i, i%9, i), Added: added,
				Context: []string{"Part", fmt.Sprint("Chapter ", i%31)}})
		case 3:
			q, a := fmt.Sprintf("word%d", i), fmt.Sprintf("meaning %d", i)
			id := cards.NewID(cards.KindBasic, q, 0, "")
			cs = append(cs,
				cards.Card{ID: id, Note: id, Kind: cards.KindBasic, Deck: deck, Tags: tags, Source: src, Question: q, Answer: a, Added: added},
				cards.Card{ID: cards.NewID(cards.KindReversed, a, 0, ""), Note: id, Kind: cards.KindReversed, Deck: deck, Tags: tags,
					Source: src, Question: a, Answer: q, Added: added})
		case 4:
			text := fmt.Sprintf("Model %d has {{c1::%d}} layers and {{c2::%d heads}}.", i, i%48, i%16)
			note := cards.NewID(cards.KindCloze, text, 1, "")
			for ord := 1; ord <= 2; ord++ {
				q, a := ClozeQuestionAnswer(text, ord)
				cs = append(cs, cards.Card{ID: cards.NewID(cards.KindCloze, text, ord, ""), Note: note, Kind: cards.KindCloze,
					Deck: deck, Tags: tags, Source: src, Text: text, Ord: ord, Question: q, Answer: a, Added: added})
			}
		}
		added = added.Add(time.Second)
	}
	cs = cs[:n]
	for i := range cs {
		cs[i].Position = uint64(i)
	}
	reviews := simulate(cs, testCreated, testNow, 99, 8)
	return export.Collection{Cards: cs, Reviews: reviews, Created: testCreated, Now: testNow, Location: time.UTC}
}

// peakRSS is the process's peak resident set size in MB (Linux), or 0.
func peakRSS() float64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	s := bufio.NewScanner(f)
	for s.Scan() {
		if rest, ok := strings.CutPrefix(s.Text(), "VmHWM:"); ok {
			kb, _ := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 64)
			return kb / 1024
		}
	}
	return 0
}

// BenchmarkExport100k exports 100,000 cards with their review history
// (target: under 5 s and 500 MB). Besides wall time it reports the CPU
// time of the export (wall time on a shared machine mostly measures the
// neighbours), the reviews written, the heap the input collection takes
// and the peak RSS during the export (Linux), input included.
func BenchmarkExport100k(b *testing.B) {
	if testing.Short() {
		b.Skip("100k-card export skipped in -short")
	}
	benchExport(b, bigCollection(100_000))
}

// BenchmarkExport100kStreamed is BenchmarkExport100k with the review log
// read through Collection.EachReview, as `mnemo export anki` hands it over
// (here the log is still in memory as the stream's source).
func BenchmarkExport100kStreamed(b *testing.B) {
	if testing.Short() {
		b.Skip("100k-card export skipped in -short")
	}
	benchExport(b, streamed(bigCollection(100_000)))
}

func benchExport(b *testing.B, col export.Collection) {
	runtime.GC()
	debug.FreeOSMemory()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	baseline := float64(ms.HeapAlloc) / (1 << 20)
	// reset the peak RSS counter so it covers the export only
	_ = os.WriteFile("/proc/self/clear_refs", []byte("5"), 0)
	var before, after syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &before)
	b.ResetTimer()
	for b.Loop() {
		if _, err := Export(context.Background(), io.Discard, col, Options{Scheduling: true, TempDir: b.TempDir()}); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &after)
	cpu := time.Duration(after.Utime.Nano() + after.Stime.Nano() - before.Utime.Nano() - before.Stime.Nano())
	b.ReportMetric(cpu.Seconds()/float64(b.N), "cpu-s/op")
	n := 0
	_ = (&exporter{col: &col}).eachReview(func(int, *cards.Review) error { n++; return nil })
	b.ReportMetric(float64(n), "reviews")
	b.ReportMetric(baseline, "MB-input-heap")
	b.ReportMetric(peakRSS(), "MB-peak-RSS")
}

func BenchmarkMarkdownToHTML(b *testing.B) {
	for _, tc := range []struct{ name, in string }{
		{"plain", "Capital of Kenya"},
		{"markdown", "What is concept 7 in the *attention* literature, with $W_q x$ and `code`?"},
	} {
		b.Run(tc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := ankitext.MarkdownToHTML(tc.in, nil); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkExport10k times what the genanki comparison times on mnemo's
// side: WriteFile of the 10,000-card genanki deck (fsync included).
func BenchmarkExport10k(b *testing.B) {
	col := ankitest.GenankiDeck(10_000)
	dir := b.TempDir()
	var before, after syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &before)
	for b.Loop() {
		if _, err := WriteFile(context.Background(), dir+"/out.apkg", col, Options{TempDir: dir}); err != nil {
			b.Fatal(err)
		}
	}
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &after)
	cpu := time.Duration(after.Utime.Nano() + after.Stime.Nano() - before.Utime.Nano() - before.Stime.Nano())
	b.ReportMetric(float64(cpu.Milliseconds())/float64(b.N), "cpu-ms/op")
}

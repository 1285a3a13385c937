package generate

import (
	"runtime"
	"syscall"
	"testing"
	"time"

	"github.com/mnemo-app/mnemo/cards/markdown"
)

func cpuNow() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func TestCPUPerNote(t *testing.T) {
	runtime.GOMAXPROCS(1)
	docs := make([]*markdown.Document, 100)
	for i := range docs {
		docs[i] = markdown.ParseDocument("n.md", []byte(vaultNote(i)))
	}
	Rules(docs[0])
	best := time.Hour
	for r := 0; r < 5; r++ {
		start := cpuNow()
		for i := 0; i < 3000; i++ {
			Rules(docs[i%100])
		}
		if d := (cpuNow() - start) / 3000; d < best {
			best = d
		}
	}
	// parse cost for scale
	src := []byte(vaultNote(7))
	pbest := time.Hour
	for r := 0; r < 5; r++ {
		start := cpuNow()
		for i := 0; i < 3000; i++ {
			markdown.ParseDocument("n.md", src)
		}
		if d := (cpuNow() - start) / 3000; d < pbest {
			pbest = d
		}
	}
	t.Logf("CPU per note: rules %v, parse %v", best, pbest)
}

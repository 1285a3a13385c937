package anki

import (
	"bytes"
	"io"
	"runtime"
	"sync"

	"github.com/klauspost/compress/flate"
)

// deflateBlockSize is how much input one block of a parallelDeflate
// holds: big enough that cutting the stream there costs little (a block
// cannot refer back into the one before), small enough that the blocks in
// flight take a few MB.
const deflateBlockSize = 1 << 20

// parallelDeflate is a raw DEFLATE writer that compresses its input in
// blocks on all cores, the way pigz does: each block is compressed on its
// own and ended with a sync flush, so the blocks, written in order, make
// one stream; the last one, compressed at Close, ends it. The package's
// collection (78 MB at 100,000 cards) is most of an export's zip step,
// which otherwise runs on one core while the other is idle.
type parallelDeflate struct {
	out     io.Writer
	cur     *deflateBlock   // the block being filled
	pending []*deflateBlock // blocks handed to a goroutine, in order
	free    []*deflateBlock // blocks written out, to be reused
	err     error           // the first error compressing or writing out
}

// deflateBlock is one block of input and its compressed form.
type deflateBlock struct {
	in   []byte
	out  bytes.Buffer
	done chan struct{}
	err  error
}

// deflaters reuses flate writers, which set up sizeable tables.
var deflaters = sync.Pool{New: func() any {
	w, _ := flate.NewWriter(nil, flate.BestSpeed) // the level is valid
	return w
}}

func newParallelDeflate(out io.Writer) *parallelDeflate {
	return &parallelDeflate{out: out}
}

// maxPending is how many blocks are compressed at once: two per core keep
// every core busy while the oldest block is written out.
func maxPending() int { return 2 * runtime.GOMAXPROCS(0) }

func (d *parallelDeflate) Write(p []byte) (int, error) {
	n := 0
	for len(p) > 0 && d.err == nil {
		if d.cur == nil {
			d.cur = d.newBlock()
		}
		in := d.cur.in
		k := copy(in[len(in):cap(in)], p)
		d.cur.in = in[:len(in)+k]
		p, n = p[k:], n+k
		if len(d.cur.in) == cap(d.cur.in) {
			d.start(false)
		}
	}
	return n, d.err
}

// Close compresses the last block, which ends the stream, and writes out
// every block.
func (d *parallelDeflate) Close() error {
	if d.cur == nil {
		d.cur = d.newBlock()
	}
	d.start(true)
	for len(d.pending) > 0 {
		d.writeOldest()
	}
	return d.err
}

// newBlock returns an empty block, a written one if there is one.
func (d *parallelDeflate) newBlock() *deflateBlock {
	if n := len(d.free); n > 0 {
		b := d.free[n-1]
		d.free = d.free[:n-1]
		return b
	}
	return &deflateBlock{in: make([]byte, 0, deflateBlockSize)}
}

// start hands the block being filled to a goroutine, first writing out
// the oldest block if enough are in flight.
func (d *parallelDeflate) start(final bool) {
	if len(d.pending) >= maxPending() {
		d.writeOldest()
	}
	b := d.cur
	d.cur = nil
	b.out.Reset()
	b.done = make(chan struct{})
	d.pending = append(d.pending, b)
	go b.compress(final)
}

func (b *deflateBlock) compress(final bool) {
	defer close(b.done)
	w := deflaters.Get().(*flate.Writer)
	defer deflaters.Put(w)
	w.Reset(&b.out)
	if _, b.err = w.Write(b.in); b.err != nil {
		return
	}
	if final {
		b.err = w.Close()
	} else {
		b.err = w.Flush()
	}
}

// writeOldest waits for the oldest block and writes it out.
func (d *parallelDeflate) writeOldest() {
	b := d.pending[0]
	d.pending = d.pending[1:]
	<-b.done
	if d.err == nil {
		d.err = b.err
	}
	if d.err == nil {
		_, d.err = d.out.Write(b.out.Bytes())
	}
	b.in = b.in[:0]
	d.free = append(d.free, b)
}

package anki

import (
	"bytes"
	"compress/flate"
	"errors"
	"io"
	"math/rand/v2"
	"testing"
)

// TestParallelDeflateRoundTrip checks that the blocks make one DEFLATE
// stream that inflates to the input, for inputs around the block size and
// writes of any size.
func TestParallelDeflateRoundTrip(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	// compressible text with some noise, as a collection file is
	data := make([]byte, 5*deflateBlockSize+123)
	for i := range data {
		data[i] = "abcdefgh"[i%8]
		if rng.IntN(10) == 0 {
			data[i] = byte(rng.Uint32())
		}
	}
	for _, n := range []int{0, 1, 1000, deflateBlockSize - 1, deflateBlockSize, deflateBlockSize + 1,
		maxPending()*deflateBlockSize + 7, len(data)} {
		for _, chunk := range []int{1 << 15, 3 * deflateBlockSize} {
			var z bytes.Buffer
			d := newParallelDeflate(&z)
			for in := data[:n]; len(in) > 0; {
				k := min(chunk, len(in))
				if w, err := d.Write(in[:k]); err != nil || w != k {
					t.Fatalf("Write = %d, %v", w, err)
				}
				in = in[k:]
			}
			if err := d.Close(); err != nil {
				t.Fatal(err)
			}
			got, err := io.ReadAll(flate.NewReader(&z))
			if err != nil {
				t.Fatalf("%d bytes in writes of %d: %v", n, chunk, err)
			}
			if !bytes.Equal(got, data[:n]) {
				t.Fatalf("%d bytes in writes of %d: inflated to %d different bytes", n, chunk, len(got))
			}
		}
	}
}

type failingWriter struct{ after int }

var errDiskFull = errors.New("disk full")

func (f *failingWriter) Write(p []byte) (int, error) {
	if f.after <= 0 {
		return 0, errDiskFull
	}
	f.after--
	return len(p), nil
}

// TestParallelDeflateWriteError checks that an error writing the output
// is returned, by Write or at the latest by Close.
func TestParallelDeflateWriteError(t *testing.T) {
	d := newParallelDeflate(&failingWriter{after: 1})
	data := bytes.Repeat([]byte("x"), 10*deflateBlockSize)
	_, werr := d.Write(data)
	cerr := d.Close()
	if !errors.Is(werr, errDiskFull) && !errors.Is(cerr, errDiskFull) {
		t.Fatalf("Write: %v, Close: %v; want %v", werr, cerr, errDiskFull)
	}
	if !errors.Is(cerr, errDiskFull) {
		t.Errorf("Close = %v, want %v", cerr, errDiskFull)
	}
}

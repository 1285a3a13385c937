package store

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"os"
)

// This file reads a BoltDB file with plain reads, every offset checked,
// never through bbolt's memory map. bbolt trusts its pages: a truncated
// file makes it fault (SIGBUS) and a damaged page makes it panic. Open
// validates the two meta pages and the file size with it before bbolt sees
// the file, and mnemo check walks every page with it before calling
// bbolt's own check, and salvages what is readable from a damaged file.
//
// The layout (go.etcd.io/bbolt v1.x, internal/common), little-endian:
//
//	page header  id u64, flags u16, count u16, overflow u32   (16 bytes)
//	meta         magic u32, version u32, pageSize u32, flags u32,
//	             root bucket {root u64, sequence u64}, freelist u64,
//	             pgid (high-water mark) u64, txid u64, checksum u64
//	             (FNV-64a of the fields before it), after the page header
//	branch elem  pos u32, ksize u32, pgid u64                  (16 bytes)
//	leaf elem    flags u32, pos u32, ksize u32, vsize u32      (16 bytes)
//	             key and value at the element's address + pos
//	bucket value root u64, sequence u64; root 0: an inline page follows
//	freelist     count u16 in the header (0xFFFF: a u64 count first), ids u64

const (
	boltMagic     = 0xED0CDAED
	boltVersion   = 2
	pageHeaderLen = 16
	elemLen       = 16
	metaLen       = 64

	flagBranch   = 0x01
	flagLeaf     = 0x02
	flagMeta     = 0x04
	flagFreelist = 0x10

	bucketLeafFlag = 0x01
	noFreelist     = ^uint64(0)

	// maxTreeDepth bounds the walk: a real B+tree of a collection is a few
	// levels deep, a damaged one may loop.
	maxTreeDepth = 64
)

// ErrNotCollection is returned by Open for a file that is not a mnemo
// collection (empty, or not a BoltDB file); it is refused, never
// overwritten.
var ErrNotCollection = errors.New("not a mnemo collection")

// ErrCorrupt marks a damaged collection: a page or record that does not
// read. The error names what is bad; mnemo check --repair salvages the rest.
var ErrCorrupt = errors.New("the collection is damaged")

// CorruptError says what is damaged in which collection file.
type CorruptError struct {
	Path   string
	Detail string
}

func (e *CorruptError) Error() string {
	return fmt.Sprintf("the collection %s is damaged: %s", e.Path, e.Detail)
}

func (e *CorruptError) Is(target error) bool { return target == ErrCorrupt }

// boltMeta is one decoded meta page.
type boltMeta struct {
	pageSize uint32
	root     uint64
	freelist uint64
	hwm      uint64 // pages in use: every valid page ID is below it
	txid     uint64
	err      error // why the page does not validate, nil when it does
}

func decodeMeta(b []byte) boltMeta {
	var m boltMeta
	if len(b) < pageHeaderLen+metaLen {
		m.err = errors.New("short page")
		return m
	}
	p := b[pageHeaderLen : pageHeaderLen+metaLen]
	le := binary.LittleEndian
	m.pageSize, m.root, m.freelist = le.Uint32(p[8:]), le.Uint64(p[16:]), le.Uint64(p[32:])
	m.hwm, m.txid = le.Uint64(p[40:]), le.Uint64(p[48:])
	h := fnv.New64a()
	h.Write(p[:56])
	switch {
	case le.Uint32(p[0:]) != boltMagic:
		m.err = errors.New("no BoltDB magic number")
	case le.Uint32(p[4:]) != boltVersion:
		m.err = fmt.Errorf("BoltDB version %d", le.Uint32(p[4:]))
	case le.Uint64(p[56:]) != h.Sum64():
		m.err = errors.New("checksum mismatch")
	case m.pageSize < 512 || m.pageSize > 1<<24 || m.pageSize&(m.pageSize-1) != 0:
		m.err = fmt.Errorf("impossible page size %d", m.pageSize)
	case m.hwm < 2 || m.root >= m.hwm || (m.freelist != noFreelist && m.freelist >= m.hwm) || m.root < 2:
		m.err = fmt.Errorf("page numbers out of range (root %d, freelist %d, high-water mark %d)", m.root, m.freelist, m.hwm)
	}
	return m
}

// boltFile is a BoltDB file opened for checked reads.
type boltFile struct {
	f        *os.File
	path     string
	size     int64
	pageSize int
	meta     boltMeta    // the meta bbolt would use
	metas    [2]boltMeta // both meta pages as found
}

// openBoltFile reads and validates the meta pages of path. It fails with
// ErrNotCollection when no meta page is a BoltDB one, and with a
// *CorruptError when the file is shorter than its meta says.
func openBoltFile(path string) (*boltFile, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	bf, err := inspect(f, path)
	if err != nil {
		f.Close()
		return nil, err
	}
	return bf, nil
}

func inspect(f *os.File, path string) (*boltFile, error) {
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, fmt.Errorf("%s is not a regular file: %w", path, ErrNotCollection)
	}
	bf := &boltFile{f: f, path: path, size: info.Size()}
	if bf.size == 0 {
		return nil, fmt.Errorf("%s is empty (0 bytes): %w", path, ErrNotCollection)
	}
	first := make([]byte, 4096)
	n, err := f.ReadAt(first, 0)
	if err != nil && !errors.Is(err, io.EOF) {
		return nil, err
	}
	bf.metas[0] = decodeMeta(first[:n])
	// The second meta page is one page in; the page size comes from the
	// first meta, or, when it is damaged, from the sizes bbolt allows.
	sizes := []int{int(bf.metas[0].pageSize)}
	if bf.metas[0].err != nil {
		sizes = sizes[:0]
		for s := 1024; s <= 1<<16; s *= 2 {
			sizes = append(sizes, s)
		}
	}
	bf.metas[1] = boltMeta{err: errors.New("not found")}
	for _, s := range sizes {
		buf := make([]byte, pageHeaderLen+metaLen)
		if n, _ := f.ReadAt(buf, int64(s)); n == len(buf) {
			if m := decodeMeta(buf); m.err == nil && int(m.pageSize) == s {
				bf.metas[1] = m
				break
			}
		}
	}
	// bbolt uses the valid meta with the higher transaction ID.
	a, b := bf.metas[0], bf.metas[1]
	if b.txid > a.txid {
		a, b = b, a
	}
	switch {
	case a.err == nil:
		bf.meta = a
	case b.err == nil:
		bf.meta = b
	case looksForeign(f):
		return nil, fmt.Errorf("%s is not a BoltDB file: %w", path, ErrNotCollection)
	default:
		return nil, &CorruptError{Path: path, Detail: fmt.Sprintf("both meta pages are bad (page 0: %v; page 1: %v)", bf.metas[0].err, bf.metas[1].err)}
	}
	bf.pageSize = int(bf.meta.pageSize)
	if need := int64(bf.meta.hwm) * int64(bf.pageSize); bf.size < need {
		return nil, &CorruptError{Path: path, Detail: fmt.Sprintf("the file is truncated: its %d pages of %d bytes need %d bytes, it has %d", bf.meta.hwm, bf.pageSize, need, bf.size)}
	}
	return bf, nil
}

// looksForeign tells a file that never was a collection from one whose
// meta pages were damaged: a BoltDB file has pages that know their own
// number (2, 3, 4 ...) after the two meta pages.
func looksForeign(f *os.File) bool {
	head := make([]byte, pageHeaderLen)
	for size := int64(1024); size <= 1<<16; size *= 2 {
		for id := int64(2); id <= 4; id++ {
			if n, _ := f.ReadAt(head, id*size); n < len(head) {
				break
			}
			flags := binary.LittleEndian.Uint16(head[8:])
			if binary.LittleEndian.Uint64(head) == uint64(id) && (flags == flagBranch || flags == flagLeaf || flags == flagFreelist) {
				return false
			}
		}
	}
	return true
}

func (bf *boltFile) Close() error { return bf.f.Close() }

// page reads page id with its overflow pages, checking that it lies below
// the high-water mark and inside the file.
func (bf *boltFile) page(id uint64) ([]byte, error) {
	if id >= bf.meta.hwm {
		return nil, fmt.Errorf("page %d is above the high-water mark %d", id, bf.meta.hwm)
	}
	off := int64(id) * int64(bf.pageSize)
	head := make([]byte, pageHeaderLen)
	if _, err := bf.f.ReadAt(head, off); err != nil {
		return nil, fmt.Errorf("page %d: %w", id, err)
	}
	overflow := uint64(binary.LittleEndian.Uint32(head[12:]))
	if id+overflow >= bf.meta.hwm {
		return nil, fmt.Errorf("page %d: overflow of %d pages runs past the high-water mark", id, overflow)
	}
	buf := make([]byte, int64(overflow+1)*int64(bf.pageSize))
	if _, err := bf.f.ReadAt(buf, off); err != nil {
		return nil, fmt.Errorf("page %d: %w", id, err)
	}
	if got := binary.LittleEndian.Uint64(buf); got != id {
		return nil, fmt.Errorf("page %d identifies as page %d", id, got)
	}
	return buf, nil
}

// leafElems decodes a leaf page's elements, every offset checked.
func leafElems(id uint64, p []byte) ([]leafElem, error) {
	count := int(binary.LittleEndian.Uint16(p[10:]))
	if pageHeaderLen+count*elemLen > len(p) {
		return nil, fmt.Errorf("page %d: %d elements do not fit", id, count)
	}
	out := make([]leafElem, 0, count)
	for i := range count {
		at := pageHeaderLen + i*elemLen
		e := p[at : at+elemLen]
		le := binary.LittleEndian
		flags, pos, ks, vs := le.Uint32(e), uint64(le.Uint32(e[4:])), uint64(le.Uint32(e[8:])), uint64(le.Uint32(e[12:]))
		start := uint64(at) + pos
		if start+ks+vs > uint64(len(p)) || ks == 0 {
			return nil, fmt.Errorf("page %d: element %d points outside the page", id, i)
		}
		out = append(out, leafElem{bucket: flags&bucketLeafFlag != 0, key: p[start : start+ks], value: p[start+ks : start+ks+vs]})
	}
	return out, nil
}

type leafElem struct {
	bucket     bool
	key, value []byte
}

// branchChildren decodes a branch page's child page IDs.
func branchChildren(id uint64, p []byte) ([]uint64, error) {
	count := int(binary.LittleEndian.Uint16(p[10:]))
	if pageHeaderLen+count*elemLen > len(p) {
		return nil, fmt.Errorf("page %d: %d elements do not fit", id, count)
	}
	out := make([]uint64, count)
	for i := range count {
		at := pageHeaderLen + i*elemLen
		pos, ks := uint64(binary.LittleEndian.Uint32(p[at:])), uint64(binary.LittleEndian.Uint32(p[at+4:]))
		if uint64(at)+pos+ks > uint64(len(p)) {
			return nil, fmt.Errorf("page %d: element %d points outside the page", id, i)
		}
		out[i] = binary.LittleEndian.Uint64(p[at+8:])
	}
	return out, nil
}

// freelist returns the free page IDs, or an error when the freelist page
// does not read.
func (bf *boltFile) freelist() (map[uint64]bool, error) {
	free := map[uint64]bool{}
	if bf.meta.freelist == noFreelist {
		return free, nil
	}
	p, err := bf.page(bf.meta.freelist)
	if err != nil {
		return nil, err
	}
	if binary.LittleEndian.Uint16(p[8:]) != flagFreelist {
		return nil, fmt.Errorf("page %d should be the freelist", bf.meta.freelist)
	}
	count, at := uint64(binary.LittleEndian.Uint16(p[10:])), pageHeaderLen
	if count == 0xFFFF {
		count, at = binary.LittleEndian.Uint64(p[pageHeaderLen:]), pageHeaderLen+8
	}
	if uint64(at)+count*8 > uint64(len(p)) {
		return nil, fmt.Errorf("freelist page %d: %d IDs do not fit", bf.meta.freelist, count)
	}
	for i := range count {
		free[binary.LittleEndian.Uint64(p[uint64(at)+i*8:])] = true
	}
	return free, nil
}

// walk is one pass over the bucket tree.
type walk struct {
	bf       *boltFile
	reached  map[uint64]bool // pages reached, overflow included
	problems []string
	// record is called for every key/value of a bucket (nested buckets
	// are named by the path of their names joined with "/").
	record func(bucket string, k, v []byte)
}

func (w *walk) problem(format string, args ...any) {
	w.problems = append(w.problems, fmt.Sprintf(format, args...))
}

// tree walks the pages of the bucket rooted at page id.
func (w *walk) tree(bucket string, id uint64, depth int) {
	if depth > maxTreeDepth {
		w.problem("bucket %q: tree deeper than %d levels (a loop?) at page %d", bucket, maxTreeDepth, id)
		return
	}
	if id < 2 {
		w.problem("bucket %q: points at meta page %d", bucket, id)
		return
	}
	if w.reached[id] {
		w.problem("bucket %q: page %d is reached twice", bucket, id)
		return
	}
	p, err := w.bf.page(id)
	if err != nil {
		w.problem("bucket %q: %v", bucket, err)
		return
	}
	for i := uint64(0); i*uint64(w.bf.pageSize) < uint64(len(p)); i++ {
		w.reached[id+i] = true
	}
	w.node(bucket, id, p, depth)
}

// node reads one page of a bucket's tree (or an inline bucket's page).
func (w *walk) node(bucket string, id uint64, p []byte, depth int) {
	switch flags := binary.LittleEndian.Uint16(p[8:]); flags {
	case flagBranch:
		kids, err := branchChildren(id, p)
		if err != nil {
			w.problem("bucket %q: %v", bucket, err)
			return
		}
		for _, k := range kids {
			w.tree(bucket, k, depth+1)
		}
	case flagLeaf:
		elems, err := leafElems(id, p)
		if err != nil {
			w.problem("bucket %q: %v", bucket, err)
			return
		}
		for _, e := range elems {
			if e.bucket {
				w.child(bucket, e, depth)
				continue
			}
			if w.record != nil {
				w.record(bucket, e.key, e.value)
			}
		}
	default:
		w.problem("bucket %q: page %d has type %#x, not a branch or leaf", bucket, id, flags)
	}
}

// child follows a nested bucket's header.
func (w *walk) child(parent string, e leafElem, depth int) {
	name := string(e.key)
	if parent != "" {
		name = parent + "/" + name
	}
	if len(e.value) < 16 {
		w.problem("bucket %q: short bucket header", name)
		return
	}
	root := binary.LittleEndian.Uint64(e.value)
	if root != 0 {
		w.tree(name, root, depth+1)
		return
	}
	inline := e.value[16:]
	if len(inline) < pageHeaderLen {
		w.problem("bucket %q: short inline page", name)
		return
	}
	w.node(name, 0, inline, depth+1)
}

// walkFile walks every bucket of bf from its root, calling record for
// each key/value found, and returns the pages it reached and the problems
// it met. It never panics, whatever the file holds.
func walkFile(bf *boltFile, record func(bucket string, k, v []byte)) (reached map[uint64]bool, problems []string) {
	w := &walk{bf: bf, reached: map[uint64]bool{0: true, 1: true}, record: record}
	w.tree("", bf.meta.root, 0)
	return w.reached, w.problems
}

// firstProblem walks the file's pages with checked reads and names the
// first damage found, so a panic or fault inside bbolt can be reported
// with the page it came from; "" when the walk finds none.
func firstProblem(path string) string {
	bf, err := openBoltFile(path)
	if err != nil {
		return ""
	}
	defer bf.Close()
	_, problems := walkFile(bf, nil)
	if len(problems) == 0 {
		return ""
	}
	return problems[0]
}

package store

import "syscall"

// ReleaseMapped lets the kernel drop the collection pages this process has
// read so far from its resident memory; they stay in the page cache and
// are mapped again when read. A long read (a streamed backup of a big
// collection) calls it now and then, so its resident size stays small
// instead of growing to the size of the file. It is a hint: nothing is
// lost or changed if it fails.
func (t *Tx) ReleaseMapped() {
	if !t.tx.Writable() { // a write transaction's pages may be in use by its nodes
		info := t.tx.DB().Info()
		_, _, _ = syscall.Syscall(syscall.SYS_MADVISE, info.Data, uintptr(t.tx.Size()), syscall.MADV_DONTNEED)
	}
}

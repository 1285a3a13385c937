package store

import "syscall"

// ReleaseMapped lets the kernel drop the collection pages this process has
// read so far from its resident memory; they stay in the page cache and
// are mapped again when read. A long read (a streamed backup of a big
// collection, or a merge that reads the whole collection) calls it now and
// then, so its resident size stays small instead of growing to the size
// of the file. It is a hint: nothing is lost or changed if it fails.
//
// It is safe in a write transaction too: bbolt maps the file read-only and
// shared (MAP_SHARED), so a dropped page is read back from the page cache
// with the same bytes, and the nodes that point into the mapping see
// them again; a transaction writes the file only when it commits.
func (t *Tx) ReleaseMapped() {
	info := t.tx.DB().Info()
	_, _, _ = syscall.Syscall(syscall.SYS_MADVISE, info.Data, uintptr(t.tx.Size()), syscall.MADV_DONTNEED)
}

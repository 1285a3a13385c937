package anki

import (
	"archive/zip"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
)

// Limits on what a package may unpack to, so a hostile zip cannot fill the
// disk or memory.
const (
	// MaxUnpackedSize caps the total uncompressed size of a package.
	MaxUnpackedSize int64 = 2 << 30
	// maxRatio caps an entry's compression ratio (uncompressed /
	// compressed) once it is bigger than ratioFloor.
	maxRatio   = 1000
	ratioFloor = 1 << 20
	// maxMediaMap caps the size of the JSON media map.
	maxMediaMap = 64 << 20
)

// Errors about the package as a whole. They are wrapped with details.
var (
	// ErrNotPackage means the file is not a zip holding an Anki collection.
	ErrNotPackage = errors.New("not an Anki package")
	// ErrUnsupported means the package is a valid Anki package of a kind
	// mnemo does not read (the zstd "latest" format, or a newer meta).
	ErrUnsupported = errors.New("unsupported Anki package")
	// ErrUnsafe means the package has entries that could escape the
	// target folder or unpack to an unreasonable size.
	ErrUnsafe = errors.New("unsafe Anki package")
)

// safeEntryName reports whether a zip entry name is a bare file name.
func safeEntryName(name string) bool {
	return name != "" && name != "." && name != ".." && !strings.ContainsAny(name, `/\`+"\x00") &&
		!strings.Contains(name, "..") && !strings.Contains(name, ":")
}

// checkZip refuses unsafe entry names and sizes; it returns the entries
// by name.
func checkZip(zr *zip.Reader) (map[string]*zip.File, error) {
	byName := make(map[string]*zip.File, len(zr.File))
	var total uint64
	for _, f := range zr.File {
		if !safeEntryName(f.Name) {
			return nil, fmt.Errorf("%w: entry name %q is not a bare file name", ErrUnsafe, f.Name)
		}
		if _, dup := byName[f.Name]; dup {
			return nil, fmt.Errorf("%w: entry %q appears twice", ErrUnsafe, f.Name)
		}
		byName[f.Name] = f
		total += f.UncompressedSize64
		if total > uint64(MaxUnpackedSize) {
			return nil, fmt.Errorf("%w: unpacks to more than %d bytes", ErrUnsafe, MaxUnpackedSize)
		}
		if f.UncompressedSize64 > ratioFloor && f.UncompressedSize64/max(f.CompressedSize64, 1) > maxRatio {
			return nil, fmt.Errorf("%w: entry %q is compressed more than %d:1", ErrUnsafe, f.Name, maxRatio)
		}
	}
	return byName, nil
}

// readEntry reads a whole (small) entry, refusing more than limit bytes.
func readEntry(f *zip.File, limit int64) ([]byte, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", f.Name, err)
	}
	defer rc.Close()
	b, err := io.ReadAll(io.LimitReader(rc, limit+1))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", f.Name, err)
	}
	if int64(len(b)) > limit {
		return nil, fmt.Errorf("%w: entry %q is larger than %d bytes", ErrUnsafe, f.Name, limit)
	}
	return b, nil
}

// extract copies an entry to a new temporary file and returns its path,
// decompressing it when zstd is set (collection.anki21b); the copy stops
// at the entry's declared size, or MaxUnpackedSize for a zstd stream (a
// lying header cannot make it write more), and when ctx is done.
func extract(ctx context.Context, f *zip.File, dir string, zstd bool) (string, error) {
	rc, err := f.Open()
	if err != nil {
		return "", fmt.Errorf("open %s: %w", f.Name, err)
	}
	defer rc.Close()
	var r io.Reader = rc
	limit := int64(min(f.UncompressedSize64, uint64(MaxUnpackedSize)))
	if zstd {
		d, err := newZstdReader(rc)
		if err != nil {
			return "", fmt.Errorf("%w: %s: %w", ErrNotPackage, f.Name, err)
		}
		defer d.Close()
		r, limit = d, MaxUnpackedSize
	}
	out, err := os.CreateTemp(dir, "mnemo-import-*.anki2")
	if err != nil {
		return "", fmt.Errorf("unpack %s: %w", f.Name, err)
	}
	n, err := io.Copy(out, io.LimitReader(ctxReader{ctx, r}, limit+1))
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err == nil && n > limit {
		if zstd {
			err = fmt.Errorf("%w: entry %q unpacks to more than %d bytes", ErrUnsafe, f.Name, limit)
		} else {
			err = fmt.Errorf("%w: entry %q is larger than declared", ErrUnsafe, f.Name)
		}
	}
	if err != nil {
		_ = os.Remove(out.Name())
		if zstd && !errors.Is(err, ErrUnsafe) && !errors.Is(err, context.Canceled) {
			return "", fmt.Errorf("%w: unpack %s: %w", ErrNotPackage, f.Name, err)
		}
		return "", fmt.Errorf("unpack %s: %w", f.Name, err)
	}
	return out.Name(), nil
}

// packageMeta reads the optional meta entry: a protobuf PackageMetadata
// whose field 1 (varint) is the version: 1 legacy1, 2 legacy2, 3 latest.
func packageMeta(b []byte) (int, error) {
	version := 0
	for i := 0; i < len(b); {
		key, n := uvarint(b[i:])
		if n <= 0 {
			return 0, fmt.Errorf("%w: meta is not a valid protobuf message", ErrNotPackage)
		}
		i += n
		field, wire := key>>3, key&7
		switch wire {
		case 0:
			v, n := uvarint(b[i:])
			if n <= 0 {
				return 0, fmt.Errorf("%w: meta is not a valid protobuf message", ErrNotPackage)
			}
			i += n
			if field == 1 {
				version = int(min(v, 1<<20))
			}
		case 2:
			l, n := uvarint(b[i:])
			if n <= 0 || l > uint64(len(b)-i-n) {
				return 0, fmt.Errorf("%w: meta is not a valid protobuf message", ErrNotPackage)
			}
			i += n + int(l)
		case 1:
			i += 8
		case 5:
			i += 4
		default:
			return 0, fmt.Errorf("%w: meta is not a valid protobuf message", ErrNotPackage)
		}
	}
	return version, nil
}

func uvarint(b []byte) (uint64, int) {
	var x uint64
	for i := 0; i < len(b) && i < 10; i++ {
		c := b[i]
		x |= uint64(c&0x7f) << (7 * i)
		if c < 0x80 {
			return x, i + 1
		}
	}
	return 0, 0
}

// collectionEntry picks the collection to read: collection.anki21b
// (zstd, latest) when the meta says so or it is the only one, else
// collection.anki21 over collection.anki2; refuses unknown packages.
func collectionEntry(files map[string]*zip.File) (f *zip.File, latest bool, err error) {
	version := 0
	if m, ok := files["meta"]; ok {
		b, err := readEntry(m, 1<<16)
		if err != nil {
			return nil, false, err
		}
		if version, err = packageMeta(b); err != nil {
			return nil, false, err
		}
		if version > 3 {
			return nil, false, fmt.Errorf("%w: package meta version %d is newer than mnemo knows; "+
				"export it again from Anki with \"Support older Anki versions\" ticked", ErrUnsupported, version)
		}
	}
	if f, ok := files["collection.anki21b"]; ok && (version == 3 || (files["collection.anki21"] == nil && files["collection.anki2"] == nil)) {
		return f, true, nil
	}
	if version == 3 {
		return nil, false, fmt.Errorf("%w: the meta says collection.anki21b but there is none", ErrNotPackage)
	}
	if f, ok := files["collection.anki21"]; ok {
		return f, false, nil
	}
	if f, ok := files["collection.anki2"]; ok {
		return f, false, nil
	}
	return nil, false, fmt.Errorf("%w: no collection.anki2, collection.anki21 or collection.anki21b inside", ErrNotPackage)
}

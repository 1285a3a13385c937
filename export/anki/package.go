package anki

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/sha1"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/klauspost/compress/zstd"

	"github.com/mnemo-app/mnemo/export"
	"github.com/mnemo-app/mnemo/internal/fsync"
)

// ImportOptions tune Import.
type ImportOptions struct {
	// MediaDir is the collection's media folder. When set, the package's
	// media files are unpacked into a staging folder inside it, to be
	// moved into place by Media.Commit once the cards are stored. Empty
	// means media is checked but not unpacked (a dry run).
	MediaDir string
}

// maxMediaFiles caps the media files one package may bring.
const maxMediaFiles = 100_000

// Import reads an Anki package: an .apkg or a .colpkg, legacy
// (collection.anki21 or collection.anki2, schema 11) or current
// (collection.anki21b, zstd-compressed schema 18, with a protobuf media
// list and zstd-compressed media files). Notes of cloze types become cloze
// cards; notes of other types with at least two fields become basic cards
// (a second template becomes the reversed card). Fields are turned back
// into Markdown, decks and tags are kept, and each card's review log is
// replayed through FSRS to rebuild its schedule and reviews. Cards that
// mnemo exported get their IDs back from the Source field; others get new
// IDs.
//
// Unsafe packages (path names, sizes), corrupt databases, databases with
// views or triggers and formats mnemo does not read are refused with an
// error and nothing else; media files with unsafe names are left out with
// a warning. A cancelled ctx stops the import with ctx.Err() (wrapped);
// the temporary files are removed either way.
func Import(ctx context.Context, r io.ReaderAt, size int64, now time.Time, opts ImportOptions) (export.Collection, *Media, []string, error) {
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return export.Collection{}, nil, nil, fmt.Errorf("%w: %w", ErrNotPackage, err)
	}
	files, err := checkZip(zr)
	if err != nil {
		return export.Collection{}, nil, nil, err
	}
	colFile, latest, err := collectionEntry(files)
	if err != nil {
		return export.Collection{}, nil, nil, err
	}
	im := &importer{ctx: ctx, now: now}
	entries, err := im.mediaList(files, latest)
	if err != nil {
		return export.Collection{}, nil, nil, err
	}
	dir, err := export.MkdirTemp("", importTempPrefix)
	if err != nil {
		return export.Collection{}, nil, nil, fmt.Errorf("import: %w", err)
	}
	defer os.RemoveAll(dir)
	dbPath, err := extract(ctx, colFile, dir, latest)
	if err != nil {
		return export.Collection{}, nil, nil, err
	}
	col, err := im.read(dbPath)
	if err != nil {
		return export.Collection{}, nil, nil, err
	}
	media, err := im.unpackMedia(entries, latest, opts.MediaDir, &col)
	if err != nil {
		return export.Collection{}, nil, nil, err
	}
	return col, media, im.warnings, nil
}

// ImportFile is Import on the package at path.
func ImportFile(ctx context.Context, path string, now time.Time, opts ImportOptions) (export.Collection, *Media, []string, error) {
	f, err := os.Open(path)
	if err != nil {
		return export.Collection{}, nil, nil, fmt.Errorf("import: %w", err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return export.Collection{}, nil, nil, fmt.Errorf("import: %w", err)
	}
	if !st.Mode().IsRegular() {
		return export.Collection{}, nil, nil, fmt.Errorf("%w: %s is not a regular file", ErrNotPackage, path)
	}
	return Import(ctx, f, st.Size(), now, opts)
}

// importTempPrefix names the temporary folders imports unpack into; a
// later run removes those a killed one left.
const importTempPrefix = ".mnemo-import-"

// mediaEntry is one media file of a package: its zip entry and the name
// the notes use.
type mediaEntry struct {
	file *zip.File
	name string
}

// mediaList reads the package's media list (JSON for legacy packages, a
// zstd-compressed protobuf MediaEntries for current ones). Names that are
// not bare file names are left out with one warning.
func (im *importer) mediaList(files map[string]*zip.File, latest bool) ([]mediaEntry, error) {
	mf, ok := files["media"]
	if !ok {
		return nil, nil
	}
	b, err := readEntry(mf, maxMediaMap)
	if err != nil {
		return nil, err
	}
	var names map[string]string
	if latest {
		if b, err = unzstd(b, maxMediaMap); err != nil {
			return nil, fmt.Errorf("%w: media list: %w", ErrNotPackage, err)
		}
		list, err := mediaEntries(b)
		if err != nil {
			return nil, err
		}
		names = make(map[string]string, len(list))
		for i, n := range list {
			names[strconv.Itoa(i)] = n
		}
	} else if len(b) > 0 && json.Unmarshal(b, &names) != nil {
		im.warnf("the media list is not JSON; media files are not imported")
		return nil, nil
	}
	if len(names) > maxMediaFiles {
		return nil, fmt.Errorf("%w: the package lists %d media files (at most %d)", ErrUnsafe, len(names), maxMediaFiles)
	}
	keys := make([]string, 0, len(names))
	for k := range names {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var out []mediaEntry
	var refused, missing []string
	for _, k := range keys {
		name := names[k]
		f, ok := files[k]
		switch {
		case !safeMediaFileName(name):
			refused = append(refused, strconv.Quote(name))
		case !ok:
			missing = append(missing, name)
		default:
			out = append(out, mediaEntry{file: f, name: name})
		}
	}
	if len(refused) > 0 {
		im.warnf("%d media files refused: their names are not bare file names (%s)", len(refused), listSome(refused))
	}
	if len(missing) > 0 {
		im.warnf("%d media files are listed but missing from the package (%s)", len(missing), listSome(missing))
	}
	return out, nil
}

func listSome(xs []string) string {
	if len(xs) > 5 {
		return strings.Join(xs[:5], ", ") + ", ..."
	}
	return strings.Join(xs, ", ")
}

// safeMediaFileName reports whether a media name may become a file in the
// media folder: a bare name, no traversal, no hidden or special names.
func safeMediaFileName(name string) bool {
	return safeEntryName(name) && !strings.HasPrefix(name, ".") && !strings.HasPrefix(name, "-") &&
		len(name) <= 255 && filepath.Base(name) == name && !filepath.IsAbs(name) &&
		!strings.ContainsFunc(name, func(r rune) bool { return r < 0x20 || r == 0x7f })
}

// mediaEntries decodes a protobuf MediaEntries message: repeated
// MediaEntry entries = 1, each with string name = 1. The n-th entry is
// the zip entry named n.
func mediaEntries(b []byte) ([]string, error) {
	var names []string
	err := protoFields(b, func(field, wire uint64, v uint64, data []byte) error {
		if field != 1 || wire != 2 {
			return nil
		}
		name := ""
		err := protoFields(data, func(f, w uint64, _ uint64, d []byte) error {
			if f == 1 && w == 2 {
				name = string(d)
			}
			return nil
		})
		names = append(names, name)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("%w: media list: %w", ErrNotPackage, err)
	}
	return names, nil
}

// protoFields calls fn for each field of a protobuf message: varints come
// as v, length-delimited fields as data; fixed-width fields as v too.
func protoFields(b []byte, fn func(field, wire uint64, v uint64, data []byte) error) error {
	for i := 0; i < len(b); {
		key, n := uvarint(b[i:])
		if n <= 0 {
			return errors.New("not a valid protobuf message")
		}
		i += n
		field, wire := key>>3, key&7
		switch wire {
		case 0:
			v, n := uvarint(b[i:])
			if n <= 0 {
				return errors.New("not a valid protobuf message")
			}
			i += n
			if err := fn(field, wire, v, nil); err != nil {
				return err
			}
		case 1, 5:
			w := 8
			if wire == 5 {
				w = 4
			}
			if len(b)-i < w {
				return errors.New("not a valid protobuf message")
			}
			var v uint64
			for k := w - 1; k >= 0; k-- {
				v = v<<8 | uint64(b[i+k])
			}
			i += w
			if err := fn(field, wire, v, nil); err != nil {
				return err
			}
		case 2:
			l, n := uvarint(b[i:])
			if n <= 0 || l > uint64(len(b)-i-n) {
				return errors.New("not a valid protobuf message")
			}
			i += n
			if err := fn(field, wire, 0, b[i:i+int(l)]); err != nil {
				return err
			}
			i += int(l)
		default:
			return errors.New("not a valid protobuf message")
		}
	}
	return nil
}

// unzstd decompresses a small zstd frame, refusing more than limit bytes.
func unzstd(b []byte, limit int64) ([]byte, error) {
	d, err := zstd.NewReader(bytes.NewReader(b), zstd.WithDecoderConcurrency(1), zstd.WithDecoderMaxMemory(uint64(limit)+1))
	if err != nil {
		return nil, err
	}
	defer d.Close()
	out, err := io.ReadAll(io.LimitReader(d, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(out)) > limit {
		return nil, fmt.Errorf("%w: decompresses to more than %d bytes", ErrUnsafe, limit)
	}
	return out, nil
}

// Media is the media of an import, unpacked into a staging folder inside
// the collection's media folder. Commit moves the files into place once
// the cards are stored; Discard removes them. A nil *Media has nothing.
type Media struct {
	dir, staging string
	files        []string // names in staging, moved to dir
}

// Files lists the names Commit moves into the media folder.
func (m *Media) Files() []string {
	if m == nil {
		return nil
	}
	return slices.Clone(m.files)
}

// Commit moves the staged files into the media folder and removes the
// staging folder.
func (m *Media) Commit() error {
	if m == nil {
		return nil
	}
	defer os.RemoveAll(m.staging)
	for _, name := range m.files {
		if err := os.Rename(filepath.Join(m.staging, name), filepath.Join(m.dir, name)); err != nil {
			return fmt.Errorf("media %s: %w", name, err)
		}
	}
	if len(m.files) == 0 {
		return nil
	}
	return fsync.Dir(m.dir) // the media's new names
}

// Discard removes the staged files.
func (m *Media) Discard() {
	if m != nil {
		_ = os.RemoveAll(m.staging)
	}
}

// unpackMedia stages the media files into dir (see Media). A file the
// media folder already holds with the same content is reused; one with a
// clashing name gets a name of its own and the cards' references follow.
func (im *importer) unpackMedia(entries []mediaEntry, latest bool, dir string, col *export.Collection) (*Media, error) {
	if dir == "" || len(entries) == 0 {
		return nil, nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("media folder: %w", err)
	}
	staging, err := export.MkdirTemp(dir, importTempPrefix)
	if err != nil {
		return nil, fmt.Errorf("media folder: %w", err)
	}
	m := &Media{dir: dir, staging: staging}
	renamed := map[string]string{}
	var total int64
	for _, e := range entries {
		if err := im.ctx.Err(); err != nil {
			m.Discard()
			return nil, err
		}
		name, n, err := stageMedia(im.ctx, e, latest, m, &total)
		if err != nil {
			m.Discard()
			return nil, err
		}
		if name != e.name {
			renamed[e.name] = name
		}
		_ = n
	}
	if len(renamed) > 0 {
		for i := range col.Cards {
			c := &col.Cards[i]
			for old, nu := range renamed {
				c.Question = strings.ReplaceAll(c.Question, "]("+old+")", "]("+nu+")")
				c.Answer = strings.ReplaceAll(c.Answer, "]("+old+")", "]("+nu+")")
				c.Text = strings.ReplaceAll(c.Text, "]("+old+")", "]("+nu+")")
			}
		}
	}
	return m, nil
}

// stageMedia writes one media entry into the staging folder and returns
// the name it will have in the media folder.
func stageMedia(ctx context.Context, e mediaEntry, latest bool, m *Media, total *int64) (string, int64, error) {
	rc, err := e.file.Open()
	if err != nil {
		return "", 0, fmt.Errorf("media %s: %w", e.name, err)
	}
	defer rc.Close()
	var r io.Reader = rc
	if latest {
		d, err := newZstdReader(rc)
		if err != nil {
			return "", 0, fmt.Errorf("media %s: %w", e.name, err)
		}
		defer d.Close()
		r = d
	}
	tmp, err := os.CreateTemp(m.staging, ".part-*")
	if err != nil {
		return "", 0, err
	}
	h := sha1.New()
	left := MaxUnpackedSize - *total
	n, err := io.Copy(io.MultiWriter(tmp, h), io.LimitReader(ctxReader{ctx, r}, left+1))
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	*total += n
	if err == nil && *total > MaxUnpackedSize {
		err = fmt.Errorf("%w: media unpacks to more than %d bytes", ErrUnsafe, MaxUnpackedSize)
	}
	if err != nil {
		os.Remove(tmp.Name())
		return "", 0, fmt.Errorf("media %s: %w", e.name, err)
	}
	sum := h.Sum(nil)
	name := e.name
	if same, exists := sameFile(filepath.Join(m.dir, name), sum); exists {
		if same {
			os.Remove(tmp.Name())
			return name, n, nil
		}
		ext := filepath.Ext(name)
		name = strings.TrimSuffix(name, ext) + "-" + hex.EncodeToString(sum[:4]) + ext
		if same, exists := sameFile(filepath.Join(m.dir, name), sum); exists && same {
			os.Remove(tmp.Name())
			return name, n, nil
		}
	}
	if slices.Contains(m.files, name) {
		os.Remove(tmp.Name())
		return name, n, nil
	}
	if err := os.Rename(tmp.Name(), filepath.Join(m.staging, name)); err != nil {
		os.Remove(tmp.Name())
		return "", 0, fmt.Errorf("media %s: %w", e.name, err)
	}
	m.files = append(m.files, name)
	return name, n, nil
}

// sameFile reports whether path exists and whether its SHA-1 is sum.
func sameFile(path string, sum []byte) (same, exists bool) {
	f, err := openRegular(path)
	if err != nil {
		_, serr := os.Lstat(path)
		return false, serr == nil
	}
	defer f.Close()
	h := sha1.New()
	if _, err := io.Copy(h, f); err != nil {
		return false, true
	}
	return bytes.Equal(h.Sum(nil), sum), true
}

// newZstdReader decodes one zstd stream with bounded memory.
func newZstdReader(r io.Reader) (*zstd.Decoder, error) {
	return zstd.NewReader(r, zstd.WithDecoderConcurrency(1), zstd.WithDecoderMaxMemory(1<<30))
}

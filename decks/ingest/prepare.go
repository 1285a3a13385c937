package ingest

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"slices"

	"github.com/mnemo-app/mnemo/cards/markdown"
	"github.com/mnemo-app/mnemo/decks/store"
)

// prepare runs cfg.Prepare over the notes an add (paths) or a sync (the
// stored paths, with override applied) will read, before the write
// transaction: only notes whose mode needs it and that changed since the
// last read. It reads the collection in short read-only transactions and
// never writes; a note it cannot read is left to the real run to report.
func prepare(ctx context.Context, st *store.Store, cfg Config, paths []store.AddedPath, override func(*store.AddedPath)) error {
	if cfg.Prepare == nil {
		return nil
	}
	if paths == nil {
		if err := st.View(func(tx *store.Tx) error {
			stored, err := tx.Paths()
			for _, p := range stored {
				if override != nil {
					override(&p)
				}
				paths = append(paths, p)
			}
			return err
		}); err != nil {
			return err
		}
	}
	if !slices.ContainsFunc(paths, func(p store.AddedPath) bool { return cfg.Prepare(modeOf(p)) != nil }) {
		return nil // no note needs preparing: spare reading every file record
	}
	var sources map[string]store.Source
	err := st.View(func(tx *store.Tx) error {
		all, err := tx.Sources()
		if err != nil {
			return err
		}
		sources = make(map[string]store.Source, len(all))
		for _, s := range all {
			sources[s.Path] = s
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, p := range paths {
		fn := cfg.Prepare(modeOf(p))
		if fn == nil {
			continue
		}
		files, _, err := walk(p.Path)
		if err != nil {
			continue // the run reports it
		}
		for _, f := range files {
			if err := ctx.Err(); err != nil {
				return err
			}
			s, known := sources[f.path]
			if known && !cfg.Force && f.info.Size() == s.Size && f.info.ModTime().Equal(s.ModTime) {
				continue
			}
			src, ok := readSmall(f.path)
			if !ok {
				continue
			}
			if known && !cfg.Force {
				sum := sha256.Sum256(src)
				if hex.EncodeToString(sum[:]) == s.Hash {
					continue
				}
			}
			fn(markdown.ParseDocument(f.path, src))
		}
	}
	return nil
}

// readSmall reads a note of at most MaxFileSize bytes.
func readSmall(path string) ([]byte, bool) {
	src, err := readNote(path)
	return src, err == nil && len(src) <= MaxFileSize
}

// modeOf is the generation mode of an added path (auto when unset).
func modeOf(p store.AddedPath) markdown.GenerateMode {
	if p.Generate == "" {
		return markdown.GenerateAuto
	}
	return p.Generate
}

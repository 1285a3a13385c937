package jsonbackup

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/mnemo-app/mnemo/cards"
	"github.com/mnemo-app/mnemo/decks"
	"github.com/mnemo-app/mnemo/export"
)

// Format and Version identify the backup format this package writes.
const (
	Format  = "mnemo-backup"
	Version = 1
)

// ErrFormat is returned (wrapped) when the input is not a mnemo backup or
// is of a version this mnemo cannot read.
var ErrFormat = errors.New("not a readable mnemo backup")

// header is read first to check format and version before the rest.
type header struct {
	Format  string `json:"format"`
	Version int    `json:"version"`
}

// document is the whole backup, field order fixed.
type document struct {
	Format       string                   `json:"format"`
	Version      int                      `json:"version"`
	Created      time.Time                `json:"created,omitzero"`
	Exported     time.Time                `json:"exported,omitzero"`
	TimeZone     string                   `json:"time_zone"`
	RolloverHour int                      `json:"rollover_hour"`
	DeckOptions  map[string]decks.Options `json:"deck_options"`
	Cards        []cards.Card             `json:"cards"`
	Reviews      []cards.Review           `json:"reviews"`
}

// Write writes col as a version-1 backup. Cards are sorted by ID and
// reviews by time then card ID; col itself is not modified.
func Write(w io.Writer, col export.Collection) error {
	doc := document{
		Format: Format, Version: Version, Created: col.Created, Exported: col.Now,
		TimeZone: col.Zone().String(), RolloverHour: col.Rollover(),
		DeckOptions: col.Options, Cards: slices.Clone(col.Cards), Reviews: slices.Clone(col.Reviews),
	}
	if doc.DeckOptions == nil {
		doc.DeckOptions = map[string]decks.Options{}
	}
	if doc.Cards == nil {
		doc.Cards = []cards.Card{}
	}
	if doc.Reviews == nil {
		doc.Reviews = []cards.Review{}
	}
	slices.SortStableFunc(doc.Cards, func(a, b cards.Card) int { return strings.Compare(string(a.ID), string(b.ID)) })
	slices.SortStableFunc(doc.Reviews, func(a, b cards.Review) int {
		if c := a.Time.Compare(b.Time); c != 0 {
			return c
		}
		return strings.Compare(string(a.CardID), string(b.CardID))
	})
	for i := 1; i < len(doc.Cards); i++ {
		if doc.Cards[i].ID == doc.Cards[i-1].ID {
			return fmt.Errorf("backup: card ID %s appears twice", doc.Cards[i].ID)
		}
	}
	b, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	b = append(b, '\n')
	if _, err := w.Write(b); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	return nil
}

// Read reads a backup written by Write. It refuses other formats and
// versions other than 1 with an error wrapping ErrFormat.
func Read(r io.Reader) (export.Collection, error) {
	b, err := io.ReadAll(r)
	if err != nil {
		return export.Collection{}, fmt.Errorf("read backup: %w", err)
	}
	var h header
	if err := json.Unmarshal(b, &h); err != nil {
		return export.Collection{}, fmt.Errorf("%w: invalid JSON: %w", ErrFormat, err)
	}
	if h.Format != Format {
		return export.Collection{}, fmt.Errorf("%w: format is %q, want %q", ErrFormat, h.Format, Format)
	}
	if h.Version != Version {
		if h.Version > Version {
			return export.Collection{}, fmt.Errorf("%w: backup version %d was written by a newer mnemo (this one reads version %d); upgrade mnemo",
				ErrFormat, h.Version, Version)
		}
		return export.Collection{}, fmt.Errorf("%w: unknown backup version %d (this mnemo reads version %d)", ErrFormat, h.Version, Version)
	}
	var doc document
	dec := json.NewDecoder(bytes.NewReader(b))
	if err := dec.Decode(&doc); err != nil {
		return export.Collection{}, fmt.Errorf("%w: %w", ErrFormat, err)
	}
	loc, err := time.LoadLocation(doc.TimeZone)
	if err != nil {
		return export.Collection{}, fmt.Errorf("backup: time zone %q: %w", doc.TimeZone, err)
	}
	col := export.Collection{
		Cards: doc.Cards, Reviews: doc.Reviews, Created: doc.Created, Now: doc.Exported,
		Location: loc, RolloverHour: doc.RolloverHour,
	}
	if len(doc.DeckOptions) > 0 {
		col.Options = doc.DeckOptions
	}
	for name, o := range col.Options {
		if err := o.Validate(); err != nil {
			return export.Collection{}, fmt.Errorf("backup: options of deck %q: %w", name, err)
		}
	}
	seen := make(map[cards.ID]bool, len(col.Cards))
	for _, c := range col.Cards {
		if c.ID == "" || seen[c.ID] {
			return export.Collection{}, fmt.Errorf("%w: card ID %q is empty or appears twice", ErrFormat, c.ID)
		}
		seen[c.ID] = true
	}
	return col, nil
}

package store

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/mnemo-app/mnemo/cards"
)

// bucketSuggestions holds generated cards whose confidence was below the
// generator's auto threshold: offered to the user, never reviewed until
// accepted. Keys are the card's source path, a NUL byte and its ID, so a
// sync finds one note's suggestions with a prefix scan; values are JSON
// cards.
var bucketSuggestions = []byte("suggestions")

func suggestionKey(path string, id cards.ID) []byte {
	return []byte(path + "\x00" + string(id))
}

// PutSuggestion stores (or refreshes) a pending suggestion.
func (t *Tx) PutSuggestion(c cards.Card) error {
	if c.ID == "" {
		return fmt.Errorf("suggestion without an ID: %q", c.Question)
	}
	return putJSON(t.b(bucketSuggestions), suggestionKey(c.Source.Path, c.ID), c)
}

// Suggestion returns the pending suggestion whose ID is id, or starts
// with it when that prefix is unique.
func (t *Tx) Suggestion(id string) (cards.Card, bool, error) {
	var found []byte
	n := 0
	err := t.b(bucketSuggestions).ForEach(func(k, v []byte) error {
		i := bytes.IndexByte(k, 0)
		if i >= 0 && strings.HasPrefix(string(k[i+1:]), id) {
			n++
			if string(k[i+1:]) == id {
				found, n = k, 1
				return errStop
			}
			found = k
		}
		return nil
	})
	if err != nil && err != errStop {
		return cards.Card{}, false, err
	}
	if n == 0 {
		return cards.Card{}, false, nil
	}
	if n > 1 {
		return cards.Card{}, false, fmt.Errorf("%d suggestions start with %q: give more of the ID", n, id)
	}
	return getJSON[cards.Card](t, bucketSuggestions, found)
}

var errStop = fmt.Errorf("stop")

// DeleteSuggestion forgets a suggestion (accepted, rejected, or no longer
// generated from its note).
func (t *Tx) DeleteSuggestion(path string, id cards.ID) error {
	return t.b(bucketSuggestions).Delete(suggestionKey(path, id))
}

// Suggestions returns the pending suggestions in note order: by source
// path, then line.
func (t *Tx) Suggestions() ([]cards.Card, error) {
	out, err := allJSON[cards.Card](t, bucketSuggestions)
	if err != nil {
		return nil, err
	}
	sortByLine(out)
	return out, nil
}

// SuggestionsOf returns the pending suggestions read from the note at path.
func (t *Tx) SuggestionsOf(path string) ([]cards.Card, error) {
	prefix := []byte(path + "\x00")
	var out []cards.Card
	c := t.b(bucketSuggestions).Cursor()
	for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
		s, _, err := getJSON[cards.Card](t, bucketSuggestions, k)
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, nil
}

// sortByLine orders cards of one path by line (keys already group paths).
func sortByLine(cs []cards.Card) {
	for i := 1; i < len(cs); i++ {
		for j := i; j > 0 && cs[j].Source.Path == cs[j-1].Source.Path && cs[j].Source.Line < cs[j-1].Source.Line; j-- {
			cs[j], cs[j-1] = cs[j-1], cs[j]
		}
	}
}

package store

import "github.com/mnemo-app/mnemo/cards"

// encodeCardV1 writes a card as mnemo did in version 1 of the card codec
// (the source as one absolute path, no confidence), for the tests of
// reading and migrating old collections.
func encodeCardV1(c *cards.Card) []byte {
	e := encoder{}
	e.b = append(e.b, cardCodecV1)
	e.str(string(c.ID))
	e.str(string(c.Kind))
	e.str(string(c.Note))
	e.str(c.Deck)
	e.str(c.Question)
	e.str(c.Answer)
	e.str(c.Text)
	e.varint(int64(c.Ord))
	e.strs(c.Tags)
	e.strs(c.Context)
	e.str(c.Source.Path)
	e.varint(int64(c.Source.Line))
	e.varint(int64(c.Source.EndLine))
	e.str(c.Origin)
	e.boolean(c.Edited)
	e.uvarint(c.Position)
	e.schedule(&c.Schedule)
	e.boolean(c.Suspended)
	e.boolean(c.Orphaned)
	e.time(c.BuriedUntil)
	e.time(c.Added)
	e.time(c.Modified)
	return e.b
}

// encodeCardV2 is version 2: version 1 plus the generator's confidence.
func encodeCardV2(c *cards.Card) []byte {
	e := encoder{b: encodeCardV1(c)}
	e.b[0] = cardCodecV2
	e.float(c.Confidence)
	return e.b
}

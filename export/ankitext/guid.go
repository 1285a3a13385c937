package ankitext

import (
	"crypto/sha1"
	"crypto/sha256"
	"encoding/binary"
	"strings"
)

// base91 is the alphabet of Anki's and genanki's GUIDs.
const base91 = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&()*+,-./:;<=>?@[]^_`{|}~"

// GUIDFor is a port of genanki's guid_for(*values): the first 8 bytes of
// the SHA-256 of the values joined by "__", read as a big-endian integer and
// written in base 91, most significant digit first.
func GUIDFor(values ...string) string {
	sum := sha256.Sum256([]byte(strings.Join(values, "__")))
	n := binary.BigEndian.Uint64(sum[:8])
	if n == 0 {
		return ""
	}
	var buf [12]byte
	i := len(buf)
	for n > 0 {
		i--
		buf[i] = base91[n%91]
		n /= 91
	}
	return string(buf[i:])
}

// NoteGUID is the GUID of the Anki note made from mnemo note id.
func NoteGUID(noteID string) string { return GUIDFor("mnemo", noteID) }

// FieldChecksum is Anki's csum: the first 4 bytes, big-endian, of the SHA-1
// of field after StripHTMLPreservingMediaFilenames.
func FieldChecksum(field string) uint32 {
	return checksumStripped(StripHTMLPreservingMediaFilenames(field))
}

// checksumStripped is the csum of an already stripped field.
func checksumStripped(stripped string) uint32 { return ChecksumBytes([]byte(stripped)) }

// ChecksumBytes is the csum of an already stripped field held in b, which
// lets the exporter reuse one buffer instead of copying every field.
func ChecksumBytes(b []byte) uint32 {
	sum := sha1.Sum(b)
	return binary.BigEndian.Uint32(sum[:4])
}

// DefaultDeckName is the Anki deck of cards whose Deck is empty.
const DefaultDeckName = "mnemo"

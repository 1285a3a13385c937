package generate

// The languages the rules tell apart. Question templates exist for
// English, German, Spanish and French; in any other language only cloze cards and
// the language-neutral rules run.
const (
	langEnglish = "en"
	langGerman  = "de"
	langSpanish = "es"
	langFrench  = "fr"
	langOther   = "other"
)

// Function words frequent in running text of each language and rare in
// the others; a note's language is the one whose words it uses most.
var (
	enMarkers = setOf("the", "and", "is", "are", "of", "to", "in", "that", "with", "for", "it", "this",
		"was", "be", "by", "on", "which", "from", "an", "or", "not", "when", "can", "has")
	deMarkers = setOf("der", "die", "das", "und", "ist", "sind", "nicht", "ein", "eine", "einen", "dem",
		"den", "mit", "zu", "von", "sich", "auf", "für", "wird", "werden", "im", "auch", "wenn", "bei",
		"oder", "wie", "nach", "des", "man", "kann", "zum", "zur", "aus")
	frMarkers = setOf("le", "les", "des", "et", "est", "une", "du", "dans", "qui", "pour", "pas",
		"sur", "avec", "il", "elle", "au", "aux", "ce", "cette", "sont", "mais", "ou", "donc", "être")
	esMarkers = setOf("el", "la", "los", "las", "y", "es", "son", "que", "en", "un", "una", "por", "con",
		"para", "se", "del", "al", "como", "lo", "su", "sus", "más", "pero", "este", "esta", "cuando",
		"también", "o", "muy", "hay")
)

// detectLanguage guesses the language of a note from its function words.
// Short or mixed notes default to English, the language of the tagger.
//
// It runs on every note, so it reads the bytes once and looks each word
// up in markerTable by its letters packed into a uint64 (no hashing of
// strings, no map).
func detectLanguage(src []byte) string {
	if len(src) > langSample {
		src = src[:langSample]
	}
	var t langTally
	var key uint64 // the current word's last 8 bytes, lower-cased, packed as packWord packs
	n := 0         // the current word's length in bytes; 0 between words
	for _, b := range src {
		if c := letterLower[b]; c != 0 {
			key = key<<8 | uint64(c)
			n++
			continue
		}
		if n > 0 {
			t.word(key, n)
			key, n = 0, 0
		}
	}
	if n > 0 {
		t.word(key, n)
	}
	en, de, es, fr, words := t.en, t.de, t.es, t.fr, t.words
	switch {
	case fr > en && fr > de && fr > es && fr >= 3:
		return langFrench
	case de > en && de >= es && de >= 3:
		return langGerman
	case es > en && es > de && es >= 3:
		return langSpanish
	case words > 30 && en*50 < words && de*50 < words && es*50 < words:
		return langOther
	}
	return langEnglish
}

// langTally counts a note's words and its marker words per language.
type langTally struct{ en, de, es, fr, words int }

// word counts a word of n bytes, packed as key; only a word of at most 8
// bytes can be a marker.
func (t *langTally) word(key uint64, n int) {
	t.words++
	if n > 8 {
		return
	}
	m := markerTable.lookup(key)
	t.en += int(m & 1)
	t.de += int(m >> 1 & 1)
	t.es += int(m >> 2 & 1)
	t.fr += int(m >> 3 & 1)
}

// letterLower maps the bytes detectLanguage counts as letters (ASCII
// letters and every byte of a multi-byte character) to themselves with
// ASCII lower-cased, and every other byte to 0.
var letterLower = func() (t [256]byte) {
	for c := 0; c < 256; c++ {
		switch {
		case c >= 'a' && c <= 'z', c >= 0x80:
			t[c] = byte(c)
		case c >= 'A' && c <= 'Z':
			t[c] = byte(c + 'a' - 'A')
		}
	}
	return t
}()

// markerTable maps each marker word, packed as detectLanguage packs a
// word, to a bit per language (en, de, es, fr).
var markerTable = func() (t packedTable) {
	for i, set := range []map[string]bool{enMarkers, deMarkers, esMarkers, frMarkers} {
		for w := range set {
			if len(w) > 8 {
				panic("marker word longer than 8 bytes: " + w)
			}
			t.or(packWord(w), 1<<i)
		}
	}
	return t
}()

// packWord packs a word of at most 8 bytes into a uint64, last byte
// lowest; a word never packs to 0, and words of different lengths differ.
func packWord(w string) uint64 {
	var k uint64
	for i := 0; i < len(w); i++ {
		k = k<<8 | uint64(w[i])
	}
	return k
}

// packedTable is an open-addressing hash table from packed words to
// language bits.
type packedTable struct {
	keys [256]uint64
	bits [256]uint8
}

func (t *packedTable) slot(k uint64) uint8 { return uint8((k * 0x9E3779B97F4A7C15) >> 56) }

func (t *packedTable) lookup(k uint64) uint8 {
	for i := t.slot(k); ; i++ {
		switch t.keys[i] {
		case k:
			return t.bits[i]
		case 0:
			return 0
		}
	}
}

func (t *packedTable) or(k uint64, b uint8) {
	i := t.slot(k)
	for t.keys[i] != 0 && t.keys[i] != k {
		i++
	}
	t.keys[i] = k
	t.bits[i] |= b
}

// langSample is how much of a note detectLanguage reads: its function
// words show within the first few kilobytes.
const langSample = 4 << 10

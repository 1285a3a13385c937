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
func detectLanguage(src []byte) string {
	if len(src) > langSample {
		src = src[:langSample]
	}
	var en, de, es, fr, words int
	var buf [8]byte
	start := -1
	flush := func(end int) {
		if start < 0 {
			return
		}
		if end-start > 8 {
			start = -1
			words++
			return
		}
		w := lowerInto(buf[:0], src[start:end])
		start = -1
		words++
		// m[string(b)] does not allocate.
		m := markers[string(w)]
		en += int(m & 1)
		de += int(m >> 1 & 1)
		es += int(m >> 2 & 1)
		fr += int(m >> 3 & 1)
	}
	for i := 0; i < len(src); i++ {
		c := src[i]
		letter := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
		if letter {
			if start < 0 {
				start = i
			}
			continue
		}
		flush(i)
	}
	flush(len(src))
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

// markers maps each marker word to a bit per language (en, de, es, fr).
var markers = func() map[string]uint8 {
	m := map[string]uint8{}
	for i, set := range []map[string]bool{enMarkers, deMarkers, esMarkers, frMarkers} {
		for w := range set {
			m[w] |= 1 << i
		}
	}
	return m
}()

// langSample is how much of a note detectLanguage reads: its function
// words show within the first few kilobytes.
const langSample = 4 << 10

// lowerInto appends word to dst with its ASCII letters lower-cased.
func lowerInto(dst, word []byte) []byte {
	for _, c := range word {
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		dst = append(dst, c)
	}
	return dst
}

package generate

// The languages the rules tell apart. Question templates exist for
// English, German and Spanish; in any other language only cloze cards and
// the language-neutral rules run.
const (
	langEnglish = "en"
	langGerman  = "de"
	langSpanish = "es"
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
	var en, de, es, fr, words int
	start := -1
	flush := func(end int) {
		if start < 0 {
			return
		}
		w := lowerASCIIWord(src[start:end])
		start = -1
		words++
		if enMarkers[w] {
			en++
		}
		if deMarkers[w] {
			de++
		}
		if esMarkers[w] {
			es++
		}
		if frMarkers[w] {
			fr++
		}
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
		return langOther
	case de > en && de >= es && de >= 3:
		return langGerman
	case es > en && es > de && es >= 3:
		return langSpanish
	case words > 30 && en*50 < words && de*50 < words && es*50 < words:
		return langOther
	}
	return langEnglish
}

// lowerASCIIWord lower-cases the ASCII letters of a word.
func lowerASCIIWord(b []byte) string {
	buf := make([]byte, len(b))
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	return string(buf)
}

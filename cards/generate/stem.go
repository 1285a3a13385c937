package generate

import "sync"

// stemCache remembers the stems of words seen before: a vault repeats its
// vocabulary, and stemming is the main cost of Check and Dedupe. It stops
// growing at stemCacheMax words.
var stemCache = struct {
	sync.RWMutex
	m map[string]string
}{m: map[string]string{}}

const stemCacheMax = 1 << 16

// stemCached is stem with the cache; w is not retained.
func stemCached(w []byte) string {
	stemCache.RLock()
	s, ok := stemCache.m[string(w)]
	stemCache.RUnlock()
	if ok {
		return s
	}
	s = stem(string(w))
	stemCache.Lock()
	if len(stemCache.m) < stemCacheMax {
		stemCache.m[string(w)] = s
	}
	stemCache.Unlock()
	return s
}

// stem reduces a lower-case English word to its Porter stem (M. F. Porter,
// "An algorithm for suffix stripping", 1980), so "matrices"/"matrix" stay
// apart but "combined"/"combines"/"combining" meet at "combin". Words with
// bytes outside a-z, and words of one or two letters, are returned as is.
func stem(w string) string {
	if len(w) <= 2 {
		return w
	}
	for i := 0; i < len(w); i++ {
		if w[i] < 'a' || w[i] > 'z' {
			return w
		}
	}
	var buf [48]byte
	var b []byte
	if len(w) < len(buf) {
		b = append(buf[:0], w...)
	} else {
		b = []byte(w)
	}
	if b = stemBytes(b); string(b) == w {
		return w
	}
	return string(b)
}

// stemBytes runs Porter's steps over b in place (it never grows beyond
// len(b)+1 bytes).
func stemBytes(b []byte) []byte {
	b = step1a(b)
	b = step1b(b)
	b = step1c(b)
	b = step2(b)
	b = step3(b)
	b = step4(b)
	b = step5(b)
	return b
}

// cons reports whether b[i] is a consonant in Porter's sense: not a vowel,
// and 'y' only when it follows a vowel or starts the word.
func cons(b []byte, i int) bool {
	switch b[i] {
	case 'a', 'e', 'i', 'o', 'u':
		return false
	case 'y':
		return i == 0 || !cons(b, i-1)
	}
	return true
}

// measure counts the VC sequences of b: [C](VC)^m[V].
func measure(b []byte) int {
	m, i, n := 0, 0, len(b)
	for i < n && cons(b, i) {
		i++
	}
	for i < n {
		for i < n && !cons(b, i) {
			i++
		}
		if i >= n {
			break
		}
		for i < n && cons(b, i) {
			i++
		}
		m++
	}
	return m
}

func hasVowel(b []byte) bool {
	for i := range b {
		if !cons(b, i) {
			return true
		}
	}
	return false
}

func doubleCons(b []byte) bool {
	n := len(b)
	return n >= 2 && b[n-1] == b[n-2] && cons(b, n-1)
}

// cvc: the stem ends consonant-vowel-consonant, the last not w, x or y.
func cvc(b []byte) bool {
	n := len(b)
	if n < 3 || !cons(b, n-3) || cons(b, n-2) || !cons(b, n-1) {
		return false
	}
	c := b[n-1]
	return c != 'w' && c != 'x' && c != 'y'
}

func hasSuffix(b []byte, s string) bool {
	return len(b) >= len(s) && string(b[len(b)-len(s):]) == s
}

func step1a(b []byte) []byte {
	switch {
	case hasSuffix(b, "sses"), hasSuffix(b, "ies"):
		return b[:len(b)-2]
	case hasSuffix(b, "ss"):
		return b
	case hasSuffix(b, "s"):
		return b[:len(b)-1]
	}
	return b
}

func step1b(b []byte) []byte {
	if hasSuffix(b, "eed") {
		if measure(b[:len(b)-3]) > 0 {
			return b[:len(b)-1]
		}
		return b
	}
	var stemmed []byte
	switch {
	case hasSuffix(b, "ed") && hasVowel(b[:len(b)-2]):
		stemmed = b[:len(b)-2]
	case hasSuffix(b, "ing") && hasVowel(b[:len(b)-3]):
		stemmed = b[:len(b)-3]
	default:
		return b
	}
	switch {
	case hasSuffix(stemmed, "at"), hasSuffix(stemmed, "bl"), hasSuffix(stemmed, "iz"):
		return append(stemmed, 'e')
	case doubleCons(stemmed):
		if c := stemmed[len(stemmed)-1]; c != 'l' && c != 's' && c != 'z' {
			return stemmed[:len(stemmed)-1]
		}
		return stemmed
	case measure(stemmed) == 1 && cvc(stemmed):
		return append(stemmed, 'e')
	}
	return stemmed
}

func step1c(b []byte) []byte {
	if hasSuffix(b, "y") && hasVowel(b[:len(b)-1]) {
		b[len(b)-1] = 'i'
	}
	return b
}

// rule replaces suffix from with to when the rest's measure exceeds min.
type rule struct {
	from, to string
}

// replaceFirst applies the first rule whose suffix matches (the longest,
// as the lists are ordered); only that rule is tried.
func replaceFirst(b []byte, rules []rule, min int) []byte {
	for _, r := range rules {
		if !hasSuffix(b, r.from) {
			continue
		}
		rest := b[:len(b)-len(r.from)]
		if measure(rest) > min {
			return append(rest, r.to...)
		}
		return b
	}
	return b
}

var step2Rules = []rule{
	{"ational", "ate"}, {"tional", "tion"}, {"enci", "ence"}, {"anci", "ance"},
	{"izer", "ize"}, {"bli", "ble"}, {"alli", "al"}, {"entli", "ent"}, {"eli", "e"},
	{"ousli", "ous"}, {"ization", "ize"}, {"ation", "ate"}, {"ator", "ate"},
	{"alism", "al"}, {"iveness", "ive"}, {"fulness", "ful"}, {"ousness", "ous"},
	{"aliti", "al"}, {"iviti", "ive"}, {"biliti", "ble"}, {"logi", "log"},
}

func step2(b []byte) []byte { return replaceFirst(b, step2Rules, 0) }

var step3Rules = []rule{
	{"icate", "ic"}, {"ative", ""}, {"alize", "al"}, {"iciti", "ic"},
	{"ical", "ic"}, {"ful", ""}, {"ness", ""},
}

func step3(b []byte) []byte { return replaceFirst(b, step3Rules, 0) }

// step4Suffixes are ordered so that a longer suffix is seen before any
// suffix it ends with ("ement" before "ment" before "ent").
var step4Suffixes = []string{
	"ement", "ment", "ance", "ence", "able", "ible", "ant", "ent", "ism", "ate",
	"iti", "ous", "ive", "ize", "ion", "al", "er", "ic", "ou",
}

func step4(b []byte) []byte {
	for _, s := range step4Suffixes {
		if !hasSuffix(b, s) {
			continue
		}
		rest := b[:len(b)-len(s)]
		if measure(rest) <= 1 {
			return b
		}
		if s == "ion" && !(hasSuffix(rest, "s") || hasSuffix(rest, "t")) {
			return b
		}
		return rest
	}
	return b
}

func step5(b []byte) []byte {
	if hasSuffix(b, "e") {
		rest := b[:len(b)-1]
		if m := measure(rest); m > 1 || m == 1 && !cvc(rest) {
			b = rest
		}
	}
	if hasSuffix(b, "ll") && measure(b) > 1 {
		b = b[:len(b)-1]
	}
	return b
}

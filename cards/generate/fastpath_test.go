package generate

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"
)

// The fast paths of the hot helpers must answer exactly as the plain code
// they replaced. Each is checked against that code (kept here) on every
// line, sentence-sized piece and word of the dump notes and on edge cases.

func fastPathInputs(t *testing.T) []string {
	t.Helper()
	in := []string{"", " ", "a", "www.", "WwW.x", "ww.", "http://x", "https:/", "a://", ":/", "`x`", "[a](b)", "<x>",
		`\`, "take", " take", " takes ", " called ", "called x", " known as ", " known  as ", " termed", " termed ",
		"x by y", "by", "ÄÖÜ Straße", "\u00a0nbsp\u00a0word", "tab\tsep\vv\ff", "über für das", "émotion est",
		"le chat et", "también también también", "werden werden werden", "Über für für für", "\xff\xfe bad utf8", "I'm", "TODO: ask the TA", "e.g. (aside).", "→ ⇒ -> =>", "end."}
	for _, n := range dumpNotes(t) {
		for _, line := range strings.Split(string(n.src), "\n") {
			in = append(in, line)
			in = append(in, strings.Fields(line)...)
		}
		in = append(in, string(n.src))
	}
	return in
}

func TestFastPathsMatchPlainCode(t *testing.T) {
	for _, s := range fastPathInputs(t) {
		if got, want := mayHaveMarkup(s), plainMayHaveMarkup(s); got != want {
			t.Errorf("mayHaveMarkup(%q) = %v, want %v", s, got, want)
		}
		if got, want := mayHaveFactVerb([]byte(s)), plainMayHaveFactVerb([]byte(s)); got != want {
			t.Errorf("mayHaveFactVerb(%q) = %v, want %v", s, got, want)
		}
		if got, want := countFields(s), plainCountFields(s); got != want {
			t.Errorf("countFields(%q) = %d, want %d", s, got, want)
		}
		if got, want := detectLanguage([]byte(s)), plainDetectLanguage([]byte(s)); got != want {
			t.Errorf("detectLanguage(%q) = %q, want %q", s, got, want)
		}
		if got, want := string(lowerBytes(nil, s)), strings.ToLower(s); got != want {
			t.Errorf("lowerBytes(%q) = %q, want %q", s, got, want)
		}
		if got, want := fieldsInto(nil, s), strings.Fields(s); strings.Join(got, "\x00") != strings.Join(want, "\x00") || len(got) != len(want) {
			t.Errorf("fieldsInto(%q) = %q, want %q", s, got, want)
		}
		if got, want := lastWord(s), plainLastWord(s); got != want {
			t.Errorf("lastWord(%q) = %q, want %q", s, got, want)
		}
		if got, want := stripEmphasis(s), plainStripEmphasis(s); got != want {
			t.Errorf("stripEmphasis(%q) = %q, want %q", s, got, want)
		}
		for _, sub := range []string{"a", "the", "s"} {
			if got, want := containsAfterSpace(s, sub), strings.Contains(s, " "+sub); got != want {
				t.Errorf("containsAfterSpace(%q, %q) = %v, want %v", s, sub, got, want)
			}
		}
		if len(s) < 200 {
			ln := scanLine(s)
			if got, want := ln.hasExplicitMarkup(), plainHasExplicitMarkup(&ln); got != want {
				t.Errorf("hasExplicitMarkup(%q) = %v, want %v", s, got, want)
			}
		}
	}
}

func plainMayHaveMarkup(s string) bool {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '`', '[', '<', '\\':
			return true
		case ':':
			if i+2 < len(s) && s[i+1] == '/' && s[i+2] == '/' {
				return true
			}
		case 'w', 'W':
			if i+3 < len(s) && (s[i+1] == 'w' || s[i+1] == 'W') && (s[i+2] == 'w' || s[i+2] == 'W') && s[i+3] == '.' {
				return true
			}
		}
	}
	return false
}

func plainMayHaveFactVerb(b []byte) bool {
	if bytes.Contains(b, []byte(" called ")) || bytes.Contains(b, []byte(" known as ")) || bytes.Contains(b, []byte(" termed ")) ||
		bytes.Contains(b, []byte(" take")) {
		return true
	}
	for i := 0; i < len(b); {
		for i < len(b) && !isASCIILetter(b[i]) {
			i++
		}
		j := i
		for j < len(b) && isASCIILetter(b[j]) {
			j++
		}
		if j > i {
			w := b[i:j]
			if _, ok := factVerbs[string(w)]; ok || string(w) == "by" {
				return true
			}
		}
		i = j
	}
	return false
}

func plainCountFields(s string) int {
	var w wordCounter
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f' {
				w.space()
			} else {
				w.char(isWordByte(c) && c != '_')
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		w.rune(r)
		i += size
	}
	return w.total()
}

func plainDetectLanguage(src []byte) string {
	if len(src) > langSample {
		src = src[:langSample]
	}
	markers := map[string]uint8{}
	for i, set := range []map[string]bool{enMarkers, deMarkers, esMarkers, frMarkers} {
		for w := range set {
			markers[w] |= 1 << i
		}
	}
	var en, de, es, fr, words int
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
		var w []byte // ASCII letters lower-cased, other bytes as they are
		for _, c := range src[start:end] {
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			w = append(w, c)
		}
		start = -1
		words++
		m := markers[string(w)]
		en += int(m & 1)
		de += int(m >> 1 & 1)
		es += int(m >> 2 & 1)
		fr += int(m >> 3 & 1)
	}
	for i := 0; i < len(src); i++ {
		c := src[i]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80 {
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

func plainLastWord(s string) string {
	f := strings.Fields(s)
	if len(f) == 0 {
		return ""
	}
	return strings.ToLower(strings.Trim(f[len(f)-1], ".,;:!?*_\"'()"))
}

func plainStripEmphasis(s string) string {
	if !strings.ContainsAny(s, "*_") {
		return s
	}
	ln := scanLine(s)
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if (c == '*' || c == '_') && !inSpans(ln.codes, i) {
			if c == '*' {
				continue
			}
			if i == 0 || i == len(s)-1 || !isWordByte(s[i-1]) || !isWordByte(s[i+1]) {
				continue
			}
		}
		b.WriteByte(c)
	}
	return strings.TrimSpace(b.String())
}

func plainHasExplicitMarkup(ln *line) bool {
	if ln.index("::", 0) >= 0 {
		return true
	}
	if i := ln.index("==", 0); i >= 0 && ln.index("==", i+2) > i+2 {
		return true
	}
	if i := ln.index("{{c", 0); i >= 0 && i+3 < len(ln.s) && ln.s[i+3] >= '0' && ln.s[i+3] <= '9' {
		return true
	}
	return false
}

// Package termtext makes untrusted text safe to print on a terminal.
//
// Note text, deck names, tags, file names and imported fields reach the
// terminal through every printer mnemo has (tables, card views, the plain
// and full-screen review, warnings and errors). A note must not be able to
// drive the terminal: CSI (ESC [ 2 J clears the screen), OSC (OSC 52 writes
// the clipboard, OSC 0 sets the title), DCS and APC strings, 8-bit C1
// controls, bidi overrides that reorder what is shown (Trojan Source) and
// NULs. Clean shows every C0/C1 control in caret notation, as cat -v does
// (ESC is "^[", NUL "^@", the C1 CSI U+009B "^[["), so hostile text is
// visible but inert; it drops the bidi embedding, override and isolate
// characters and turns invalid UTF-8 into U+FFFD.
package termtext

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// Clean returns s with every terminal control made visible and inert.
// Newlines and tabs are kept; CR LF becomes LF and a lone CR "^M" (it would
// let a line overwrite itself).
func Clean(s string) string {
	if safe(s, true) {
		return s
	}
	return clean(s, true)
}

// Line is Clean for one-line fields (table cells, headers, status lines):
// newlines and tabs become spaces as well.
func Line(s string) string {
	if safe(s, false) {
		return s
	}
	return clean(s, false)
}

// safe reports whether s has nothing to clean, so the common case does
// not allocate.
func safe(s string, multiline bool) bool {
	for i := 0; i < len(s); i++ {
		b := s[i]
		if b < 0x20 || b == 0x7f {
			if multiline && (b == '\n' || b == '\t') {
				continue
			}
			return false
		}
		if b >= 0x80 {
			return false // check runes only when there are non-ASCII bytes
		}
	}
	return true
}

func clean(s string, multiline bool) string {
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case r == utf8.RuneError && size == 1:
			b.WriteRune(utf8.RuneError)
		case r == '\n' || r == '\t':
			if multiline {
				b.WriteRune(r)
			} else {
				b.WriteByte(' ')
			}
		case r == '\r':
			switch {
			case i < len(s) && s[i] == '\n':
				// CR LF: the LF that follows is written on its own.
			case multiline:
				b.WriteString("^M")
			default:
				b.WriteByte(' ')
			}
		case r < 0x20:
			b.WriteByte('^')
			b.WriteByte(byte(r) + 0x40)
		case r == 0x7f:
			b.WriteString("^?")
		case r >= 0x80 && r <= 0x9f:
			// A C1 control is ESC plus a letter (U+009B CSI = ESC [).
			b.WriteString("^[")
			b.WriteByte(byte(r - 0x40))
		case isBidiControl(r):
			// Dropped: it only reorders the text around it.
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// isBidiControl reports the embedding, override and isolate characters
// (LRE, RLE, PDF, LRO, RLO, LRI, RLI, FSI, PDI). The marks LRM, RLM and
// ALM stay: they affect one position only and real RTL text uses them.
func isBidiControl(r rune) bool {
	return (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069)
}

// Hostile holds every kind of terminal control a note could carry. The
// printer tests across mnemo feed it to their printer and assert, with
// HasControl, that none of it reaches the output.
const Hostile = "plain \x1b[2J\x1b[31mred\x1b[0m " + // CSI: clear screen, colour
	"\x1b]52;c;aGVsbG8=\x07 " + // OSC 52: write the clipboard
	"\x1b]0;pwned\x1b\\ " + // OSC 0: window title, ST-terminated
	"\x1bP+q544e\x1b\\ " + // DCS
	"\u009b2J \u009d0;t\u009c " + // C1 CSI, OSC, ST
	"\u202eevil\u202c \u2066iso\u2069 " + // bidi override and isolate
	"nul\x00 bell\x07 bs\x08 del\x7f cr\rover " +
	"bad\xff\xfe utf8"

// Strings cleans every element of list with Line, for tags and context
// headings printed on one line.
func Strings(list []string) []string {
	out := make([]string, len(list))
	for i, s := range list {
		out[i] = Line(s)
	}
	return out
}

// HasControl reports whether s holds anything Clean would change besides
// line structure: tests use it to assert printed output is inert.
func HasControl(s string) bool {
	for _, r := range s {
		if r == '\n' || r == '\t' {
			continue
		}
		if r < 0x20 || (r >= 0x7f && r <= 0x9f) || isBidiControl(r) {
			return true
		}
	}
	return !utf8.ValidString(s)
}

// JSONWriter returns a writer for JSON text that writes DEL, the C1
// controls and the bidi controls encoding/json leaves raw as \u escapes, so JSON printed to
// a terminal is inert too while decoding to the same strings. (The C0
// controls encoding/json escapes itself.) Each Write must hold whole runes,
// as json.Encoder's one Write per value does.
func JSONWriter(w io.Writer) io.Writer { return jsonWriter{w} }

type jsonWriter struct{ w io.Writer }

func (j jsonWriter) Write(p []byte) (int, error) {
	if _, err := j.w.Write(EscapeJSON(p)); err != nil {
		return 0, err
	}
	return len(p), nil
}

// EscapeJSON returns JSON text with DEL, the C1 controls and the bidi
// controls written as \u escapes (p itself when it has none). p must hold
// whole runes.
func EscapeJSON(p []byte) []byte {
	if !needsJSONEscape(p) {
		return p
	}
	out := make([]byte, 0, len(p)+16)
	for i := 0; i < len(p); {
		r, size := utf8.DecodeRune(p[i:])
		if (r >= 0x7f && r <= 0x9f) || isBidiControl(r) {
			out = fmt.Appendf(out, `\u%04x`, r)
		} else {
			out = append(out, p[i:i+size]...)
		}
		i += size
	}
	return out
}

func needsJSONEscape(p []byte) bool {
	for i := 0; i < len(p); i++ {
		if p[i] == 0x7f || p[i] == 0xc2 || p[i] == 0xe2 { // DEL, lead bytes of U+0080-U+009F and U+2000-U+2FFF
			return true
		}
	}
	return false
}

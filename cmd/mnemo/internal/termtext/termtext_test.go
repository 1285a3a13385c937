package termtext

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestCleanTable(t *testing.T) {
	for _, tc := range []struct {
		name, in, clean, line string
	}{
		{"plain text is untouched", "héllo 世界 — ok", "héllo 世界 — ok", "héllo 世界 — ok"},
		{"newline and tab kept by Clean only", "a\n\tb", "a\n\tb", "a  b"},
		{"CSI shown in caret notation", "\x1b[2Jx", "^[[2Jx", "^[[2Jx"},
		{"OSC 52 clipboard write", "\x1b]52;c;aGk=\x07", "^[]52;c;aGk=^G", "^[]52;c;aGk=^G"},
		{"C1 CSI as its 7-bit form", "\u009b31m", "^[[31m", "^[[31m"},
		{"C1 OSC and ST", "\u009d0;t\u009c", "^[]0;t^[\\", "^[]0;t^[\\"},
		{"NUL and DEL", "a\x00b\x7f", "a^@b^?", "a^@b^?"},
		{"bidi overrides and isolates dropped", "a\u202eb\u202cc\u2066d\u2069", "abcd", "abcd"},
		{"bidi marks kept", "a\u200fb\u200e", "a\u200fb\u200e", "a\u200fb\u200e"},
		{"CR LF is a newline, a lone CR is shown", "a\r\nb\rc", "a\nb^Mc", "a b c"},
		{"invalid UTF-8 replaced", "a\xffb", "a\ufffdb", "a\ufffdb"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := Clean(tc.in); got != tc.clean {
				t.Errorf("Clean(%q) = %q, want %q", tc.in, got, tc.clean)
			}
			if got := Line(tc.in); got != tc.line {
				t.Errorf("Line(%q) = %q, want %q", tc.in, got, tc.line)
			}
		})
	}
}

func TestCleanLeavesNoControl(t *testing.T) {
	for name, f := range map[string]func(string) string{"Clean": Clean, "Line": Line} {
		out := f(Hostile)
		if HasControl(out) || strings.ContainsAny(out, "\x1b\x00\x07") {
			t.Errorf("%s left a control in %q", name, out)
		}
		if f(out) != out {
			t.Errorf("%s is not idempotent on %q", name, out)
		}
	}
	if !HasControl(Hostile) {
		t.Fatal("HasControl misses the hostile text")
	}
	if strings.Contains(Line(Hostile), "\n") {
		t.Error("Line kept a newline")
	}
}

func FuzzClean(f *testing.F) {
	f.Add(Hostile)
	f.Add("ok\n")
	f.Fuzz(func(t *testing.T, s string) {
		for _, out := range []string{Clean(s), Line(s)} {
			if HasControl(out) {
				t.Fatalf("control left in %q (from %q)", out, s)
			}
		}
	})
}

func BenchmarkClean(b *testing.B) {
	safeText := strings.Repeat("What is the capital of France? Paris. ", 20)
	for _, in := range []struct{ name, s string }{{"safe", safeText}, {"hostile", Hostile}} {
		b.Run(in.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				Clean(in.s)
			}
		})
	}
}

func TestJSONWriter(t *testing.T) {
	var b strings.Builder
	if err := json.NewEncoder(JSONWriter(&b)).Encode(map[string]string{"q": Hostile}); err != nil {
		t.Fatal(err)
	}
	if HasControl(b.String()) {
		t.Fatalf("control left in %q", b.String())
	}
	var back map[string]string
	if err := json.Unmarshal([]byte(b.String()), &back); err != nil {
		t.Fatal(err)
	}
	if want := strings.ReplaceAll(Hostile, "\xff\xfe", "\ufffd\ufffd"); back["q"] != want {
		t.Fatalf("decoded %q, want %q", back["q"], want)
	}
}

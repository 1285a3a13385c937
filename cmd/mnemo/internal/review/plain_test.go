package review

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"github.com/mnemo-app/mnemo/scheduler/study"
	"io"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/mnemo-app/mnemo/cards"
)

// protocolLine matches every line the plain mode may print (see doc.go).
var protocolLine = regexp.MustCompile(`^(card \S+ · .+ · \d+ new · \d+ learning · \d+ review|context: .+|source: .+|[QA]: .+|   .+|\[enter\] show answer|rate: 1 again \(\S+\) · 2 hard \(\S+\) · 3 good \(\S+\) · 4 easy \(\S+\)|rated (again|hard|good|easy) · next in \S+|leech: .+|undone: card \S+|nothing to undo|suspended: card \S+|buried: card \S+|keys: .+|hint: .+|error: .+|done: no more cards due|summary: \d+ reviewed · \d+ again \(\d+%\) · .+ · \d+ due tomorrow · \d+ new tomorrow)$`)

// checkProtocol fails on a line outside the protocol, or a last line
// that is not the summary.
func checkProtocol(t testing.TB, out string) {
	t.Helper()
	if !strings.HasSuffix(out, "\n") {
		t.Fatalf("output does not end with a newline: %q", out)
	}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	for i, l := range lines {
		if !protocolLine.MatchString(l) {
			t.Fatalf("line %d is outside the protocol: %q\n%s", i+1, l, out)
		}
	}
	if !strings.HasPrefix(lines[len(lines)-1], "summary: ") {
		t.Fatalf("last line is not the summary: %q", lines[len(lines)-1])
	}
}

func TestRunPlain(t *testing.T) {
	leech := cards.Card{ID: "leechcard1", Kind: cards.KindBasic, Deck: "geo", Question: "Hard one?", Answer: "Yes"}
	tests := []struct {
		name   string
		cards  []cards.Card
		setup  func(*fakeSession)
		input  string
		calls  string
		err    error
		review int
	}{
		{
			name:  "session",
			cards: []cards.Card{cardBasic, cardCloze, cardCode, cardReversed},
			// good; again; undo (cloze back); hard; rating before the
			// answer; unknown; help; suspend; empty line after the answer;
			// easy; bury the cloze, which empties the queue (the last
			// lines are never read).
			input:  "\n3\nshow\nagain\nu\n\nHARD\n1\nfoo\n?\ns\n\n\n4\nb\n\ngood\n",
			calls:  "answer good,answer again,undo,answer hard,suspend gosumprint,answer easy,bury juliagilla",
			review: 3,
		},
		{name: "end of input mid card", cards: []cards.Card{cardBasic, cardCloze}, input: "\n"},
		{name: "end of input without newline", cards: []cards.Card{cardBasic}, input: "\r\n3", calls: "answer good", review: 1},
		{name: "undo at start", cards: []cards.Card{cardBasic}, input: "u\nundo\nq\n", calls: "undo,undo"},
		{name: "quit", cards: []cards.Card{cardBasic, cardCloze}, input: "\n2\nquit\n3\n", calls: "answer hard", review: 1},
		{name: "empty queue", input: "\n"},
		{name: "markdown", cards: []cards.Card{{
			ID: "markdown01", Kind: cards.KindBasic, Deck: "geo",
			Question: "Which **two** lists?\n\n- [Go](https://go.dev)\n- `gofmt`\n\n1. one\n2. two",
			Answer:   "| a | b |\n|---|---|\n| 1 | 2 |\n\n> quoted\n> text\n\n![diagram](d.png)",
		}}, input: "\n4\n", calls: "answer easy", review: 1},
		{
			name: "leech", cards: []cards.Card{leech, cardBasic},
			setup: func(f *fakeSession) { f.leeches[leech.ID] = true },
			input: "\n1\n", calls: "answer again", review: 1,
		},
		{
			name: "session error is shown and retried", cards: []cards.Card{cardBasic},
			setup: func(f *fakeSession) {
				f.errs["answer"] = errors.New("disk\nhiccup")
				f.errs["suspend"] = errors.New("locked")
			},
			input: "\n3\ns\n3\n", calls: "answer good,suspend kenyacapit,answer good", review: 1,
		},
		{
			name: "fatal error", cards: []cards.Card{cardBasic, cardCloze},
			setup: func(f *fakeSession) { f.errs["bury"] = fmt.Errorf("%w: database closed", study.ErrFatal) },
			input: "b\n3\n", calls: "bury kenyacapit", err: study.ErrFatal,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newFake(tt.cards...)
			if tt.setup != nil {
				tt.setup(s)
			}
			var out bytes.Buffer
			sum, err := RunPlain(context.Background(), s, strings.NewReader(tt.input), &out)
			if !errors.Is(err, tt.err) || (tt.err == nil && err != nil) {
				t.Fatalf("err = %v, want %v", err, tt.err)
			}
			if got := strings.Join(s.calls, ","); got != tt.calls {
				t.Errorf("calls:\n got %s\nwant %s", got, tt.calls)
			}
			if sum.Reviewed != tt.review {
				t.Errorf("reviewed = %d, want %d", sum.Reviewed, tt.review)
			}
			checkProtocol(t, out.String())
			name := strings.ReplaceAll(tt.name, " ", "-")
			golden(t, filepath.Join("testdata", "plain", name+".golden"), "# input: "+fmt.Sprintf("%q", tt.input)+"\n"+out.String())
		})
	}
}

func TestRunPlainClock(t *testing.T) {
	s := newFake(cardBasic, cardCloze)
	_, err := RunPlain(context.Background(), s, strings.NewReader("\n3\n\n1\n"), io.Discard, WithClock(fakeClock(2*time.Second)))
	if err != nil {
		t.Fatal(err)
	}
	// One clock reading when the card is shown, one when it is rated.
	if len(s.tooks) != 2 || s.tooks[0] != 2*time.Second || s.tooks[1] != 2*time.Second {
		t.Fatalf("tooks = %v", s.tooks)
	}
	s = newFake(cardBasic)
	if _, err := RunPlain(context.Background(), s, strings.NewReader("\n3\n"), io.Discard); err != nil {
		t.Fatal(err)
	}
	if s.tooks[0] != 0 {
		t.Fatalf("took without a clock = %v", s.tooks[0])
	}
}

func TestRunPlainContext(t *testing.T) {
	pr, pw := io.Pipe()
	defer pw.Close()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	var out bytes.Buffer
	go func() {
		_, err := RunPlain(ctx, newFake(cardBasic), pr, &out)
		done <- err
	}()
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	checkProtocol(t, out.String())
}

type failWriter struct{ after int }

func (w *failWriter) Write(b []byte) (int, error) {
	if w.after <= 0 {
		return 0, errors.New("broken pipe")
	}
	w.after--
	return len(b), nil
}

func TestRunPlainWriteError(t *testing.T) {
	s := newFake(cardBasic, cardCloze)
	_, err := RunPlain(context.Background(), s, strings.NewReader("\n3\n\n3\n"), &failWriter{after: 2})
	if err == nil || !strings.Contains(err.Error(), "broken pipe") {
		t.Fatalf("err = %v", err)
	}
	if len(s.calls) != 0 {
		t.Fatalf("went on answering after the output broke: %v", s.calls)
	}
}

type errReader struct{}

func (errReader) Read([]byte) (int, error) { return 0, errors.New("terminal gone") }

func TestRunPlainReadError(t *testing.T) {
	_, err := RunPlain(context.Background(), newFake(cardBasic), errReader{}, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "read input: terminal gone") {
		t.Fatalf("err = %v", err)
	}
}

func TestParseCommand(t *testing.T) {
	tests := []struct {
		in   string
		cmd  command
		rate cards.Rating
	}{
		{"", cmdShow, 0}, {"  ", cmdShow, 0}, {"show", cmdShow, 0}, {"SHOW", cmdShow, 0},
		{"1", cmdRate, cards.Again}, {"again", cmdRate, cards.Again}, {"2", cmdRate, cards.Hard},
		{"Hard", cmdRate, cards.Hard}, {"3", cmdRate, cards.Good}, {" good ", cmdRate, cards.Good},
		{"4", cmdRate, cards.Easy}, {"easy", cmdRate, cards.Easy},
		{"u", cmdUndo, 0}, {"undo", cmdUndo, 0}, {"s", cmdSuspend, 0}, {"suspend", cmdSuspend, 0},
		{"b", cmdBury, 0}, {"bury", cmdBury, 0}, {"?", cmdHelp, 0}, {"help", cmdHelp, 0},
		{"q", cmdQuit, 0}, {"quit", cmdQuit, 0}, {"exit", cmdQuit, 0},
		{"5", cmdUnknown, 0}, {"0", cmdUnknown, 0}, {"goo", cmdUnknown, 0}, {"3 3", cmdUnknown, 0},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%q", tt.in), func(t *testing.T) {
			cmd, r := parseCommand(tt.in)
			if cmd != tt.cmd || r != tt.rate {
				t.Errorf("parseCommand(%q) = %v, %v; want %v, %v", tt.in, cmd, r, tt.cmd, tt.rate)
			}
		})
	}
}

func FuzzRunPlain(f *testing.F) {
	for _, seed := range []string{"", "\n3\n", "u\n\n1\nq\n", "s\nb\n\n4\n", "\n\n\n", "?\nfoo\n\x00\n", "\r\n2\r\n"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, input string) {
		s := newFake(cardBasic, cardCloze, cardCode, cardReversed)
		var out bytes.Buffer
		sum, err := RunPlain(context.Background(), s, strings.NewReader(input), &out)
		if err != nil {
			t.Fatalf("error on input %q: %v", input, err)
		}
		checkProtocol(t, out.String())
		if sum.Reviewed < 0 || sum.Again > sum.Reviewed {
			t.Fatalf("summary %+v", sum)
		}
	})
}

package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/mnemo-app/mnemo/cmd/mnemo/internal/review"
	"github.com/urfave/cli/v2"
)

// TestEveryCommandRejectsMistakes walks the whole command tree, so a
// command added later is covered without a line here: an unknown flag,
// an unknown subcommand and an argument to a command that takes none are
// usage errors (exit 2) that print nothing on stdout, and help for every
// command works.
func TestEveryCommandRejectsMistakes(t *testing.T) {
	app := newApp(&env{getenv: func(string) string { return "" }})
	var walk func(path []string, cmds []*cli.Command)
	walk = func(path []string, cmds []*cli.Command) {
		for _, cmd := range cmds {
			if cmd.Name == "help" {
				continue
			}
			p := append(append([]string{}, path...), cmd.Name)
			name := strings.Join(p, " ")
			t.Run(name, func(t *testing.T) {
				c := newCLI(t)
				expectCode(t, c, 2, append(p, "--no-such-flag")...)
				if len(cmd.Subcommands) > 0 || cmd.ArgsUsage == "" {
					expectCode(t, c, 2, append(p, "bogusword")...)
				}
				if out, _, code := c.run("", append([]string{"help"}, p...)...); code != 0 || !strings.Contains(out, "mnemo "+name) {
					t.Errorf("mnemo help %s: exit %d\n%s", name, code, out)
				}
			})
			walk(p, cmd.Subcommands)
		}
	}
	walk(nil, app.Commands)
}

func expectCode(t *testing.T, c *cliT, want int, args ...string) {
	t.Helper()
	out, errOut, code := c.run("", args...)
	if code != want || out != "" || !strings.HasPrefix(errOut, "mnemo: ") {
		t.Errorf("mnemo %s: exit %d (want %d), stdout %q, stderr %q", strings.Join(args, " "), code, want, out, errOut)
	}
}

func TestReportExitCodes(t *testing.T) {
	tests := []struct {
		name string
		err  error
		code int
		msg  string
	}{
		{"success", nil, 0, ""},
		{"failure", errors.New("disk full"), 1, "mnemo: disk full\n"},
		{"usage", usageError("bad flag", "see help"), 2, "mnemo: bad flag\nhint: see help\n"},
		{"interrupt", fmt.Errorf("add: %w", context.Canceled), 130, "mnemo: interrupted; nothing was changed by the unfinished command\n"},
		{"ctrl+c in the review", fmt.Errorf("review: %w", review.ErrInterrupted), 130, "mnemo: review interrupted; the answers given so far are saved\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var w bytes.Buffer
			if code := report(&w, tt.err); code != tt.code || w.String() != tt.msg {
				t.Errorf("report = %d %q, want %d %q", code, w.String(), tt.code, tt.msg)
			}
		})
	}
}

func TestReadLineGivesWayToCtrlC(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe() // a terminal nobody types on
	defer pw.Close()
	go cancel()
	if _, err := readLine(ctx, bufio.NewReader(pr)); !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	line, err := readLine(context.Background(), bufio.NewReader(strings.NewReader("yes\n")))
	if line != "yes\n" || err != nil {
		t.Fatalf("readLine = %q, %v", line, err)
	}
}

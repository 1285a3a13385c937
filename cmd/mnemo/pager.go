package main

import (
	"io"
	"os"
	"os/exec"
	"strings"
)

// pager sends a long listing through $PAGER, as git does: only when
// stdout is a terminal, never when it is piped or redirected. MNEMO_PAGER
// wins over PAGER; unset or empty, it is `less -FRX` (which quits at once
// when the text fits the screen); "cat" means no pager.
type pager struct {
	w    io.Writer
	cmd  *exec.Cmd
	pipe io.WriteCloser
}

// startPager returns a pager whose writer is stdout itself when no pager
// applies or the pager cannot start.
func startPager(e *env) *pager {
	p := &pager{w: e.stdout}
	if !isTerminal(e.stdout) {
		return p
	}
	command, ok := pagerCommand(e.getenv)
	if !ok {
		return p
	}
	cmd := exec.Command("sh", "-c", command)
	cmd.Stdout, cmd.Stderr = e.stdout, e.stderr
	cmd.Env = os.Environ()
	if e.getenv("LESS") == "" {
		cmd.Env = append(cmd.Env, "LESS=FRX")
	}
	pipe, err := cmd.StdinPipe()
	if err != nil {
		return p
	}
	if err := cmd.Start(); err != nil {
		return p
	}
	p.cmd, p.pipe = cmd, pipe
	p.w = &quitSafeWriter{w: pipe}
	return p
}

// pagerCommand resolves the pager's command line; ok is false for none.
func pagerCommand(getenv func(string) string) (string, bool) {
	for _, name := range []string{"MNEMO_PAGER", "PAGER"} {
		if v := strings.TrimSpace(getenv(name)); v != "" {
			return v, v != "cat"
		}
	}
	return "less -FRX", true
}

// close waits for the person to quit the pager.
func (p *pager) close() error {
	if p.cmd == nil {
		return nil
	}
	p.pipe.Close()
	// The pager's own exit status (q pressed early, say) is not mnemo's.
	_ = p.cmd.Wait()
	return nil
}

// quitSafeWriter drops what is written after the pager quit: the listing
// is not wanted any more, and that is no error.
type quitSafeWriter struct {
	w    io.Writer
	gone bool
}

func (q *quitSafeWriter) Write(b []byte) (int, error) {
	if !q.gone {
		if _, err := q.w.Write(b); err != nil {
			q.gone = true
		}
	}
	return len(b), nil
}

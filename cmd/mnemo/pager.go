package main

import (
	"bytes"
	"errors"
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

// pagedOutput returns where a long listing is written while the
// collection is open, and show, to call once it is closed. With a pager the
// text waits in memory (about 100 bytes a line) and show pages it, so a
// pager left open for minutes never keeps the collection locked; without
// one the writer is stdout itself and show does nothing.
func pagedOutput(e *env) (w io.Writer, show func() error) {
	command, ok := pagerFor(e)
	if !ok {
		return e.stdout, func() error { return nil }
	}
	var buf bytes.Buffer
	return &buf, func() error {
		p := startPager(e, command)
		_, err := p.w.Write(buf.Bytes())
		return errors.Join(err, p.close())
	}
}

// pagerFor returns the pager command when stdout is a terminal and a
// pager is wanted.
func pagerFor(e *env) (string, bool) {
	if !isTerminal(e.stdout) {
		return "", false
	}
	return pagerCommand(e.getenv)
}

// startPager runs command as the pager; its writer is stdout itself when
// the pager cannot start.
func startPager(e *env, command string) *pager {
	p := &pager{w: e.stdout}
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

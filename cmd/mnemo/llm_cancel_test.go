package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// Ctrl-C while the language model is thinking: the request is dropped
// (the server sees the client leave), the command exits 130, and the
// collection is what it was before.
func TestCtrlCDuringLLMRequest(t *testing.T) {
	c := newCLI(t)
	c.transformersNote()
	c.note("kenya.md", "Capital of Kenya::Nairobi\n")
	c.ok("add", filepath.Join(c.dir, "notes"), "--generate", "off")
	before := c.backup("before.json")

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	left := make(chan struct{}, 16)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body) // the server notices a gone client only once the body is read
		cancel()                    // Ctrl-C while this request is in flight
		select {
		case <-r.Context().Done():
			left <- struct{}{}
		case <-time.After(30 * time.Second): // a safety net, not a measurement
		}
	}))
	defer srv.Close()

	_, errOut, code := c.runCtx(ctx, "sync", "--force", "--generate", "llm", "--llm-url", srv.URL+"/v1")
	if code != 130 || !strings.Contains(errOut, "interrupted") {
		t.Fatalf("exit %d, stderr %q; want 130 and an interrupted message", code, errOut)
	}
	select {
	case <-left:
	case <-time.After(30 * time.Second):
		t.Error("the model request stayed open after the command returned")
	}
	if after := c.backup("after.json"); !bytes.Equal(before, after) {
		t.Errorf("an interrupted sync changed the collection:\n%s", lineDiff(before, after))
	}
}

package main

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mnemo-app/mnemo/decks/store"
)

// While the language model is being asked, the collection is not locked:
// another mnemo process can open it for writing.
func TestLLMRequestsRunWithTheCollectionUnlocked(t *testing.T) {
	c := newCLI(t)
	c.transformersNote()
	c.ok("add", filepath.Join(c.dir, "notes"), "--generate", "off") // the collection exists
	calls := 0
	inner := fakeLLM(t, "the herculean task of interpreting", &calls)
	defer inner.Close()
	var lockedDuringCall []error
	proxy := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		st, err := store.Open(c.db, store.OpenOptions{LockTimeout: 200 * time.Millisecond})
		if err == nil {
			st.Close()
		}
		lockedDuringCall = append(lockedDuringCall, err)
		inner.Config.Handler.ServeHTTP(w, r)
	})
	srv := httptest.NewServer(proxy)
	defer srv.Close()
	out := c.ok("sync", "--force", "--generate", "llm", "--llm-url", srv.URL+"/v1", "--json")
	if calls == 0 || !strings.Contains(out, `"origin": "llm"`) {
		t.Fatalf("the model was not asked or its card not saved (%d calls):\n%s", calls, out)
	}
	for i, err := range lockedDuringCall {
		if errors.Is(err, store.ErrLocked) || err != nil {
			t.Errorf("request %d: opening the collection during the model call failed: %v", i+1, err)
		}
	}
}

package main

import (
	"errors"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

var updateScripts = flag.Bool("update", false, "rewrite the transcripts in testdata/script with the actual output")

// childRunMain makes the test binary run as mnemo itself, for benchmarks
// that measure a whole process (benchPeakRSS).
const childRunMain = "MNEMO_TEST_RUN_MAIN"

func TestMain(m *testing.M) {
	if os.Getenv(childRunMain) == "1" {
		os.Args = append([]string{"mnemo"}, os.Args[1:]...)
		code := runMain()
		if f := os.Getenv(childPeakFile); f != "" {
			writePeakRSS(f)
		}
		os.Exit(code)
	}
	os.Exit(testscript.RunMain(m, map[string]func() int{"mnemo": runMain}))
}

// TestScripts runs the transcripts in testdata/script: one file per
// command, each reading like a terminal session (see testscript's docs for
// the syntax). Every script gets its own collection, a fixed clock and
// time zone, and no terminal.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:           filepath.Join("testdata", "script"),
		UpdateScripts: *updateScripts,
		Cmds:          map[string]func(*testscript.TestScript, bool, []string){"status": cmdStatus},
		Setup: func(env *testscript.Env) error {
			env.Setenv("MNEMO_DB", filepath.Join(env.WorkDir, "collection.db"))
			env.Setenv("MNEMO_NOW", "2026-11-27T09:00:00Z")
			env.Setenv("HOME", env.WorkDir)
			env.Setenv("XDG_DATA_HOME", filepath.Join(env.WorkDir, ".local", "share"))
			env.Setenv("TZ", "UTC")
			env.Setenv("NO_COLOR", "1")
			return nil
		},
	})
}

// cmdStatus runs a command and checks its exit code, which testscript's
// `! exec` does not: `status 2 mnemo import csv x.csv`. Its output is
// checked with stdout and stderr as after exec.
func cmdStatus(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: status CODE COMMAND [ARG...]")
	}
	want, err := strconv.Atoi(args[0])
	if err != nil {
		ts.Fatalf("status: %q is not an exit code", args[0])
	}
	got := 0
	if err := ts.Exec(args[1], args[2:]...); err != nil {
		var exit *exec.ExitError
		if !errors.As(err, &exit) {
			ts.Fatalf("status: %v", err)
		}
		got = exit.ExitCode()
	}
	if got != want {
		ts.Fatalf("exit code %d, want %d", got, want)
	}
}

package main

import (
	"fmt"
	"runtime/debug"
	"strings"

	"github.com/urfave/cli/v2"
)

// version can be set at build time with -ldflags "-X main.version=v1.2.3";
// otherwise it comes from the build info Go records in the binary.
var version = ""

// buildInfo is what `mnemo version` reports.
type buildInfo struct {
	Version  string `json:"version"`
	Revision string `json:"revision,omitempty"`
	Time     string `json:"time,omitempty"`
	Modified bool   `json:"modified,omitempty"`
	Go       string `json:"go"`
}

// readBuildInfo reads the module version and VCS stamp of the running
// binary: `go install ...@v1.2.3` records the version, a build in a
// checkout records the commit and its date. "dev" is left only when the
// binary carries neither (go run, or -buildvcs=false).
func readBuildInfo(read func() (*debug.BuildInfo, bool)) buildInfo {
	b := buildInfo{Version: version}
	info, ok := read()
	if !ok {
		if b.Version == "" {
			b.Version = "dev"
		}
		return b
	}
	b.Go = info.GoVersion
	if b.Version == "" && info.Main.Version != "" && info.Main.Version != "(devel)" {
		b.Version = info.Main.Version
	}
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			b.Revision = s.Value
		case "vcs.time":
			b.Time = s.Value
		case "vcs.modified":
			b.Modified = s.Value == "true"
		}
	}
	if b.Version == "" {
		b.Version = "dev"
	}
	return b
}

// String is the one line of `mnemo --version`.
func (b buildInfo) String() string {
	var extra []string
	if b.Revision != "" {
		rev := b.Revision
		if len(rev) > 12 {
			rev = rev[:12]
		}
		if b.Modified {
			rev += "+modified"
		}
		extra = append(extra, "commit "+rev)
	}
	if b.Time != "" {
		extra = append(extra, b.Time)
	}
	if b.Go != "" {
		extra = append(extra, b.Go)
	}
	if len(extra) == 0 {
		return b.Version
	}
	return b.Version + " (" + strings.Join(extra, ", ") + ")"
}

func versionCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "version",
		Usage: "print the version, commit and build date",
		Flags: []cli.Flag{jsonFlag()},
		Action: func(c *cli.Context) error {
			b := readBuildInfo(debug.ReadBuildInfo)
			if c.Bool("json") {
				return writeJSON(e.stdout, b)
			}
			_, err := fmt.Fprintln(e.stdout, "mnemo", b)
			return err
		},
	}
}

// jsonFlag is --json, the same on every command that reports something.
func jsonFlag() cli.Flag {
	return &cli.BoolFlag{Name: "json", Usage: "print JSON (a stable shape; see the README)"}
}

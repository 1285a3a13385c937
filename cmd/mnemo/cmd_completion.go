package main

import (
	"fmt"
	"io"
	"regexp"
	"sort"
	"strings"

	"github.com/urfave/cli/v2"
)

// Completion scripts and the man page are generated from the app's command
// tree, so every command and flag (including ones added later) is in them
// without a list to keep up to date.

func completionCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:      "completion",
		Usage:     "print a shell completion script (bash, zsh or fish)",
		ArgsUsage: "bash|zsh|fish",
		Description: "Load it for this shell, or install it (see the README):\n" +
			"  bash:  source <(mnemo completion bash)\n" +
			"  zsh:   source <(mnemo completion zsh)\n" +
			"  fish:  mnemo completion fish | source",
		Action: func(c *cli.Context) error {
			if c.NArg() != 1 {
				return usageError("completion takes one shell: bash, zsh or fish", "mnemo completion bash")
			}
			tree := completionTree(c.App)
			switch sh := c.Args().First(); sh {
			case "bash":
				return writeBash(e.stdout, tree)
			case "zsh":
				return writeZsh(e.stdout, tree)
			case "fish":
				return writeFish(e.stdout, tree)
			default:
				return usageError(fmt.Sprintf("no completion for shell %q", sh), "use bash, zsh or fish")
			}
		},
	}
}

func manCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:        "man",
		Usage:       "print the manual page (roff)",
		Description: "Install it with:  mnemo man > ~/.local/share/man/man1/mnemo.1",
		Action: func(c *cli.Context) error {
			page, err := c.App.ToManWithSection(1)
			if err != nil {
				return fmt.Errorf("render the manual page: %w", err)
			}
			_, err = io.WriteString(e.stdout, page)
			return err
		},
	}
}

// compNode is one command as completion sees it: its words, flags and
// whether it takes file arguments.
type compNode struct {
	path     string // "mnemo", "mnemo import", ...
	subs     []compItem
	flags    []compFlag
	files    bool // positional arguments are paths
	hasWords bool // takes positional arguments at all
}

type compItem struct{ name, usage string }

type compFlag struct {
	names []string // with dashes: --deck, -n
	usage string
	value bool // takes a value
	file  bool // the value is a path
}

// placeholder finds the `NAME` urfave/cli shows for a flag's value.
var placeholder = regexp.MustCompile("`([^`]*)`")

// fileWords are argument and value names that mean "a path".
var fileWords = regexp.MustCompile(`PATH|FILE|OUT|\.apkg|\.json|\.csv`)

func completionTree(app *cli.App) []compNode {
	root := compNode{path: app.Name, flags: compFlags(app.Flags)}
	var nodes []compNode
	var walk func(path string, cmds []*cli.Command) []compItem
	walk = func(path string, cmds []*cli.Command) []compItem {
		var items []compItem
		for _, cmd := range cmds {
			if cmd.Hidden {
				continue
			}
			items = append(items, compItem{cmd.Name, cmd.Usage})
			p := path + " " + cmd.Name
			n := compNode{path: p, flags: compFlags(cmd.Flags), hasWords: cmd.ArgsUsage != "",
				files: fileWords.MatchString(cmd.ArgsUsage)}
			n.subs = walk(p, cmd.Subcommands)
			nodes = append(nodes, n)
		}
		return items
	}
	root.subs = walk(app.Name, app.Commands)
	return append([]compNode{root}, nodes...)
}

func compFlags(flags []cli.Flag) []compFlag {
	out := []compFlag{{names: []string{"--help", "-h"}, usage: "show help"}}
	for _, f := range flags {
		names := f.Names()
		if names[0] == "help" {
			continue
		}
		cf := compFlag{}
		for _, n := range names {
			if len(n) == 1 {
				cf.names = append(cf.names, "-"+n)
			} else {
				cf.names = append(cf.names, "--"+n)
			}
		}
		if d, ok := f.(cli.DocGenerationFlag); ok {
			cf.usage = placeholder.ReplaceAllString(d.GetUsage(), "$1")
			cf.value = d.TakesValue()
			cf.file = cf.value && fileWords.MatchString(d.GetUsage())
		}
		out = append(out, cf)
	}
	return out
}

func (n compNode) subNames() []string {
	var s []string
	for _, i := range n.subs {
		s = append(s, i.name)
	}
	return s
}

func (n compNode) flagWords(valueOnly bool) []string {
	var s []string
	for _, f := range n.flags {
		if !valueOnly || f.value {
			s = append(s, f.names...)
		}
	}
	sort.Strings(s)
	return s
}

// shellQuote quotes s for bash, zsh and fish alike (single quotes).
func shellQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

func fishQuote(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, "'", `\'`).Replace(s) + "'"
}

// caseTable writes a shell `case "$1" in ... esac` over the command paths,
// one branch per node that has something to say.
func caseTable(w *strings.Builder, nodes []compNode, body func(compNode) string) {
	w.WriteString("    case \"$1\" in\n")
	for _, n := range nodes {
		if b := body(n); b != "" {
			fmt.Fprintf(w, "    %s) %s ;;\n", shellQuote(n.path), b)
		}
	}
	w.WriteString("    esac\n")
}

func words(ws []string) string {
	if len(ws) == 0 {
		return ""
	}
	return "echo " + shellQuote(strings.Join(ws, " "))
}

func writeBash(out io.Writer, nodes []compNode) error {
	var w strings.Builder
	w.WriteString(`# bash completion for mnemo, generated by 'mnemo completion bash'.
# Load now:      source <(mnemo completion bash)
# Install:       mnemo completion bash > ~/.local/share/bash-completion/completions/mnemo

# _mnemo_words PATH KIND prints the words of the command at PATH:
# its subcommands (cmds), flags (flags), flags that take a value (valued),
# flags whose value is a path (fileflags), or "files" when it takes paths.
_mnemo_words() {
    case "$2" in
    cmds)
`)
	caseTable(&w, nodes, func(n compNode) string { return words(n.subNames()) })
	w.WriteString("    ;;\n    flags)\n")
	caseTable(&w, nodes, func(n compNode) string { return words(n.flagWords(false)) })
	w.WriteString("    ;;\n    valued)\n")
	caseTable(&w, nodes, func(n compNode) string { return words(n.flagWords(true)) })
	w.WriteString("    ;;\n    fileflags)\n")
	caseTable(&w, nodes, func(n compNode) string {
		var s []string
		for _, f := range n.flags {
			if f.file {
				s = append(s, f.names...)
			}
		}
		return words(s)
	})
	w.WriteString("    ;;\n    files)\n")
	caseTable(&w, nodes, func(n compNode) string {
		if n.files {
			return "echo files"
		}
		return ""
	})
	w.WriteString(`    ;;
    esac
}

# _mnemo_path prints the command path of words 1..COMP_CWORD-1, skipping
# flags and their values; it ends in " =" when the word being completed is
# a flag's value.
_mnemo_path() {
    local path=mnemo word i skip=
    for ((i = 1; i < COMP_CWORD; i++)); do
        word=${COMP_WORDS[i]}
        if [[ -n $skip ]]; then skip=; continue; fi
        case $word in
        -*=*) continue ;;
        -*)
            [[ " $(_mnemo_words "$path" valued) " == *" $word "* ]] && skip=$word
            continue ;;
        esac
        [[ " $(_mnemo_words "$path" cmds) " == *" $word "* ]] && path="$path $word"
    done
    echo "$path${skip:+ =$skip}"
}

_mnemo() {
    local cur=${COMP_WORDS[COMP_CWORD]} path
    path=$(_mnemo_path)
    COMPREPLY=()
    if [[ $path == *" ="* ]]; then
        local flag=${path##*=}
        path=${path% =*}
        if [[ " $(_mnemo_words "$path" fileflags) " == *" $flag "* ]]; then
            compopt -o filenames 2>/dev/null
            COMPREPLY=($(compgen -f -- "$cur"))
        fi
        return 0
    fi
    if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "$(_mnemo_words "$path" flags)" -- "$cur"))
        return 0
    fi
    COMPREPLY=($(compgen -W "$(_mnemo_words "$path" cmds)" -- "$cur"))
    if [[ -n $(_mnemo_words "$path" files) ]]; then
        compopt -o filenames 2>/dev/null
        COMPREPLY+=($(compgen -f -- "$cur"))
    fi
    return 0
}

complete -F _mnemo mnemo
`)
	_, err := io.WriteString(out, w.String())
	return err
}

func writeZsh(out io.Writer, nodes []compNode) error {
	var w strings.Builder
	w.WriteString(`#compdef mnemo
# zsh completion for mnemo, generated by 'mnemo completion zsh'.
# Load now:  source <(mnemo completion zsh)
# Install:   mnemo completion zsh > "${fpath[1]}/_mnemo"  (then restart zsh)

# _mnemo_words PATH KIND prints "word:description" lines (cmds, flags) or
# words (valued, fileflags, files) of the command at PATH.
_mnemo_words() {
    case "$2" in
    cmds)
`)
	lines := func(items []compItem) string {
		if len(items) == 0 {
			return ""
		}
		var ls []string
		for _, i := range items {
			ls = append(ls, strings.ReplaceAll(i.name, ":", `\:`)+":"+i.usage)
		}
		return "print -rl -- " + strings.Join(quoteAll(ls), " ")
	}
	caseTable(&w, nodes, func(n compNode) string { return lines(n.subs) })
	w.WriteString("    ;;\n    flags)\n")
	caseTable(&w, nodes, func(n compNode) string {
		var items []compItem
		for _, f := range n.flags {
			for _, name := range f.names {
				items = append(items, compItem{name, f.usage})
			}
		}
		return lines(items)
	})
	w.WriteString("    ;;\n    valued)\n")
	caseTable(&w, nodes, func(n compNode) string { return words(n.flagWords(true)) })
	w.WriteString("    ;;\n    fileflags)\n")
	caseTable(&w, nodes, func(n compNode) string {
		var s []string
		for _, f := range n.flags {
			if f.file {
				s = append(s, f.names...)
			}
		}
		return words(s)
	})
	w.WriteString("    ;;\n    files)\n")
	caseTable(&w, nodes, func(n compNode) string {
		if n.files {
			return "echo files"
		}
		return ""
	})
	w.WriteString(`    ;;
    esac
}

_mnemo() {
    local cmdpath=mnemo word skip= i
    for ((i = 2; i < CURRENT; i++)); do
        word=${words[i]}
        if [[ -n $skip ]]; then skip=; continue; fi
        case $word in
        -*=*) continue ;;
        -*)
            [[ " $(_mnemo_words "$cmdpath" valued) " == *" $word "* ]] && skip=$word
            continue ;;
        esac
        [[ -n ${(M)${(f)"$(_mnemo_words "$cmdpath" cmds)"}:#$word:*} ]] && cmdpath="$cmdpath $word"
    done
    if [[ -n $skip ]]; then
        [[ " $(_mnemo_words "$cmdpath" fileflags) " == *" $skip "* ]] && _files
        return
    fi
    local -a items
    if [[ ${words[CURRENT]} == -* ]]; then
        items=(${(f)"$(_mnemo_words "$cmdpath" flags)"})
        _describe -t flags 'flag' items
        return
    fi
    items=(${(f)"$(_mnemo_words "$cmdpath" cmds)"})
    (( ${#items} )) && _describe -t commands 'command' items
    [[ -n $(_mnemo_words "$cmdpath" files) ]] && _files
}

if [[ $funcstack[1] == _mnemo ]]; then
    _mnemo "$@"
else
    compdef _mnemo mnemo
fi
`)
	_, err := io.WriteString(out, w.String())
	return err
}

func quoteAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = shellQuote(s)
	}
	return out
}

func writeFish(out io.Writer, nodes []compNode) error {
	var w strings.Builder
	w.WriteString(`# fish completion for mnemo, generated by 'mnemo completion fish'.
# Load now:  mnemo completion fish | source
# Install:   mnemo completion fish > ~/.config/fish/completions/mnemo.fish

function __mnemo_words --description 'words of a mnemo command: cmds or valued flags'
    switch "$argv[1] $argv[2]"
`)
	for _, n := range nodes {
		if subs := n.subNames(); len(subs) > 0 {
			fmt.Fprintf(&w, "    case %s\n        printf '%%s\\n' %s\n", fishQuote(n.path+" cmds"), strings.Join(subs, " "))
		}
		if v := n.flagWords(true); len(v) > 0 {
			fmt.Fprintf(&w, "    case %s\n        printf '%%s\\n' %s\n", fishQuote(n.path+" valued"), strings.Join(v, " "))
		}
	}
	w.WriteString(`    end
end

function __mnemo_path --description 'the mnemo command being typed, e.g. "mnemo import"'
    set -l path mnemo
    set -l skip 0
    for word in (commandline -opc)[2..-1]
        if test $skip = 1
            set skip 0
            continue
        end
        switch $word
            case '-*=*'
                continue
            case '-*'
                contains -- $word (__mnemo_words "$path" valued); and set skip 1
                continue
        end
        contains -- $word (__mnemo_words "$path" cmds); and set path "$path $word"
    end
    echo $path
end

function __mnemo_at --description 'true when the command being typed is $argv'
    test (__mnemo_path) = "$argv"
end

complete -c mnemo -f
`)
	for _, n := range nodes {
		cond := fishQuote("__mnemo_at " + n.path)
		for _, s := range n.subs {
			fmt.Fprintf(&w, "complete -c mnemo -n %s -a %s -d %s\n", cond, fishQuote(s.name), fishQuote(s.usage))
		}
		for _, f := range n.flags {
			var opts []string
			for _, name := range f.names {
				if strings.HasPrefix(name, "--") {
					opts = append(opts, "-l "+fishQuote(name[2:]))
				} else {
					opts = append(opts, "-s "+fishQuote(name[1:]))
				}
			}
			switch {
			case f.file:
				opts = append(opts, "-r -F")
			case f.value:
				opts = append(opts, "-x")
			}
			fmt.Fprintf(&w, "complete -c mnemo -n %s %s -d %s\n", cond, strings.Join(opts, " "), fishQuote(f.usage))
		}
		if n.files {
			fmt.Fprintf(&w, "complete -c mnemo -n %s -F\n", cond)
		}
	}
	_, err := io.WriteString(out, w.String())
	return err
}

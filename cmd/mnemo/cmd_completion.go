package main

import (
	"fmt"
	"io"
	"regexp"
	"sort"
	"strings"
	"sync"

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
			_, err = io.WriteString(e.stdout, page+manExtra)
			return err
		},
	}
}

// manExtra are the manual's sections the command definitions do not
// hold (README "Commands" says the same).
const manExtra = `
.SH EXIT STATUS
.TP
.B 0
success (also "nothing due", "no cards match")
.TP
.B 1
the command failed; the message says why and what to do
.TP
.B 2
a mistake on the command line: an unknown command, subcommand, flag or argument, or a bad value
.TP
.B 130
interrupted (Ctrl-C or SIGTERM, also at a prompt and in the full-screen review); answers given before it are saved

.SH ENVIRONMENT
.TP
.B MNEMO_DB
the collection file, as \fB--db\fP
.TP
.B MNEMO_NOW
the time every command uses, as \fB--now\fP
.TP
.B XDG_DATA_HOME
where the collection lives by default (\fI$XDG_DATA_HOME/mnemo/collection.db\fP, else \fI~/.local/share/mnemo/collection.db\fP)
.TP
.B MNEMO_PAGER, PAGER
the pager of long listings on a terminal (default \fIless -FRX\fP; \fIcat\fP for none)
.TP
.B VISUAL, EDITOR
the editor the review opens a card's note in
.TP
.B NO_COLOR
no colour anywhere
`

// compNode is one command as completion sees it: its words, flags and
// arguments.
type compNode struct {
	path  string // "mnemo", "mnemo import", ...
	subs  []compItem
	flags []compFlag
	files bool     // positional arguments are paths
	args  []string // per argument position: its choices ("again hard good easy"), or ""
}

type compItem struct{ name, usage string }

type compFlag struct {
	names   []string // with dashes: --deck, -n
	usage   string
	value   bool   // takes a value
	file    bool   // the value is a path
	choices string // the values it takes, space-separated, when they are a fixed list
}

// placeholder finds the `NAME` urfave/cli shows for a flag's value.
var placeholder = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile("`([^`]*)`") })

// fileWords are argument and value names that mean "a path".
var fileWords = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`PATH|FILE|OUT|\.apkg|\.json|\.csv`) })

// choiceList finds a fixed list of values in a usage text: new|learning|review.
var choiceList = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`\b[a-z]+(?:\|[a-z]+)+\b`) })

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
			n := compNode{path: p, flags: compFlags(cmd.Flags), files: fileWords().MatchString(cmd.ArgsUsage)}
			for _, tok := range strings.Fields(cmd.ArgsUsage) {
				n.args = append(n.args, strings.ReplaceAll(choiceList().FindString(tok), "|", " "))
			}
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
			cf.usage = placeholder().ReplaceAllString(d.GetUsage(), "$1")
			cf.value = d.TakesValue()
			cf.file = cf.value && fileWords().MatchString(d.GetUsage())
			if cf.value {
				cf.choices = strings.ReplaceAll(choiceList().FindString(d.GetUsage()), "|", " ")
			}
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

// flagWords lists the node's flag names, all or those that take a value
// (or whose value is a path).
func (n compNode) flagWords(keep func(compFlag) bool) []string {
	var s []string
	for _, f := range n.flags {
		if keep == nil || keep(f) {
			s = append(s, f.names...)
		}
	}
	sort.Strings(s)
	return s
}

func valueFlag(f compFlag) bool { return f.value }
func pathFlag(f compFlag) bool  { return f.file }

// shellQuote quotes s for bash and zsh (single quotes).
func shellQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

func fishQuote(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, "'", `\'`).Replace(s) + "'"
}

// wordTable writes the branches of the scripts' `_mnemo_words PATH KIND`:
// what each command offers, by kind. line formats one word with its
// description (zsh) or without (bash).
func wordTable(w *strings.Builder, nodes []compNode, line func(name, usage string) string) {
	branch := func(n compNode, kind string, words []string) {
		if len(words) > 0 {
			fmt.Fprintf(w, "    %s) printf '%%s\\n' %s ;;\n", shellQuote(n.path+"|"+kind), strings.Join(quoteAll(words), " "))
		}
	}
	for _, n := range nodes {
		var cmds, flags []string
		for _, i := range n.subs {
			cmds = append(cmds, line(i.name, i.usage))
		}
		for _, f := range n.flags {
			for _, name := range f.names {
				flags = append(flags, line(name, f.usage))
			}
			if f.choices != "" {
				for _, name := range f.names {
					branch(n, "value "+name, strings.Fields(f.choices))
				}
			}
		}
		branch(n, "cmds", cmds)
		branch(n, "flags", flags)
		branch(n, "valued", n.flagWords(valueFlag))
		branch(n, "pathflags", n.flagWords(pathFlag))
		for i, choices := range n.args {
			branch(n, fmt.Sprintf("arg %d", i), strings.Fields(choices))
		}
		if n.files {
			branch(n, "files", []string{"files"})
		}
	}
}

func quoteAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = shellQuote(s)
	}
	return out
}

// walkScript is the shell code, the same in bash and zsh, that finds the
// command being typed: path, the flag whose value is being typed (flag),
// and how many arguments come before the word being completed (npos).
// WORDS and FIRST, LAST name the shell's array of words and the range
// before the cursor.
const walkScript = `    local cmdpath=mnemo word flag= npos=0 i
    for ((i = FIRST; i < LAST; i++)); do
        word=${WORDS[i]}
        if [[ -n $flag ]]; then flag=; continue; fi
        case $word in
        -*=*) continue ;;
        -*)
            _mnemo_has "$cmdpath" valued "$word" && flag=$word
            continue ;;
        esac
        if ((npos == 0)) && _mnemo_has "$cmdpath" cmds "$word"; then
            cmdpath="$cmdpath $word"
        else
            npos=$((npos + 1))
        fi
    done
`

// hasScript is _mnemo_has PATH KIND WORD, true when WORD is one of the
// words (before any ":description") _mnemo_words prints; the same in bash
// and zsh, and without external commands.
const hasScript = `_mnemo_has() {
    local w
    while IFS= read -r w; do
        [[ ${w%%:*} == "$3" ]] && return 0
    done < <(_mnemo_words "$1" "$2")
    return 1
}
`

func writeBash(out io.Writer, nodes []compNode) error {
	var w strings.Builder
	w.WriteString(`# bash completion for mnemo, generated by 'mnemo completion bash'.
# Load now:      source <(mnemo completion bash)
# Install:       mnemo completion bash > ~/.local/share/bash-completion/completions/mnemo

# _mnemo_words PATH KIND prints, one a line, what the command at PATH
# offers: cmds, flags, valued (flags that take a value), pathflags (flags
# whose value is a path), "value FLAG" (a flag's fixed values), "arg N"
# (the fixed values of argument N), files (when arguments are paths).
_mnemo_words() {
    case "$1|$2" in
`)
	wordTable(&w, nodes, func(name, _ string) string { return name })
	w.WriteString(`    esac
}

`)
	w.WriteString(hasScript)
	w.WriteString(`
_mnemo() {
    local cur=${COMP_WORDS[COMP_CWORD]}
`)
	w.WriteString(strings.NewReplacer("WORDS", "COMP_WORDS", "FIRST", "1", "LAST", "COMP_CWORD").Replace(walkScript))
	w.WriteString(`    COMPREPLY=()
    local IFS=$'\n'
    if [[ -n $flag ]]; then
        if _mnemo_has "$cmdpath" pathflags "$flag"; then
            compopt -o filenames 2>/dev/null
            COMPREPLY=($(compgen -f -- "$cur"))
        else
            COMPREPLY=($(compgen -W "$(_mnemo_words "$cmdpath" "value $flag")" -- "$cur"))
        fi
        return 0
    fi
    if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "$(_mnemo_words "$cmdpath" flags)" -- "$cur"))
        return 0
    fi
    ((npos == 0)) && COMPREPLY=($(compgen -W "$(_mnemo_words "$cmdpath" cmds)" -- "$cur"))
    COMPREPLY+=($(compgen -W "$(_mnemo_words "$cmdpath" "arg $npos")" -- "$cur"))
    if [[ -n $(_mnemo_words "$cmdpath" files) ]]; then
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

# _mnemo_words PATH KIND prints, one a line, what the command at PATH
# offers: cmds and flags as word:description, valued (flags that take a
# value), pathflags (flags whose value is a path), "value FLAG" (a flag's
# fixed values), "arg N" (the fixed values of argument N), files.
_mnemo_words() {
    case "$1|$2" in
`)
	wordTable(&w, nodes, func(name, usage string) string { return strings.ReplaceAll(name, ":", `\:`) + ":" + usage })
	w.WriteString(`    esac
}

`)
	w.WriteString(hasScript)
	w.WriteString(`
_mnemo() {
`)
	w.WriteString(strings.NewReplacer("WORDS", "words", "FIRST", "2", "LAST", "CURRENT").Replace(walkScript))
	w.WriteString(`    local -a items
    if [[ -n $flag ]]; then
        if _mnemo_has "$cmdpath" pathflags "$flag"; then
            _files
        else
            items=(${(f)"$(_mnemo_words "$cmdpath" "value $flag")"})
            (( ${#items} )) && compadd -a items
        fi
        return
    fi
    if [[ ${words[CURRENT]} == -* ]]; then
        items=(${(f)"$(_mnemo_words "$cmdpath" flags)"})
        _describe -t flags 'flag' items
        return
    fi
    if ((npos == 0)); then
        items=(${(f)"$(_mnemo_words "$cmdpath" cmds)"})
        (( ${#items} )) && _describe -t commands 'command' items
    fi
    items=(${(f)"$(_mnemo_words "$cmdpath" "arg $npos")"})
    (( ${#items} )) && compadd -a items
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

func writeFish(out io.Writer, nodes []compNode) error {
	var w strings.Builder
	w.WriteString(`# fish completion for mnemo, generated by 'mnemo completion fish'.
# Load now:  mnemo completion fish | source
# Install:   mnemo completion fish > ~/.config/fish/completions/mnemo.fish

function __mnemo_words --description 'subcommands (cmds) or flags that take a value (valued) of a mnemo command'
    switch "$argv[1]|$argv[2]"
`)
	for _, n := range nodes {
		if subs := n.subNames(); len(subs) > 0 {
			fmt.Fprintf(&w, "    case %s\n        printf '%%s\\n' %s\n", fishQuote(n.path+"|cmds"), strings.Join(subs, " "))
		}
		if v := n.flagWords(valueFlag); len(v) > 0 {
			fmt.Fprintf(&w, "    case %s\n        printf '%%s\\n' %s\n", fishQuote(n.path+"|valued"), strings.Join(v, " "))
		}
	}
	w.WriteString(`    end
end

function __mnemo_state --description 'the mnemo command being typed and how many arguments it has so far'
    set -l path mnemo
    set -l npos 0
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
        if test $npos = 0; and contains -- $word (__mnemo_words "$path" cmds)
            set path "$path $word"
        else
            set npos (math $npos + 1)
        end
    end
    printf '%s\n' $path $npos
end

function __mnemo_at --description 'true when the command being typed is $argv'
    test (__mnemo_state)[1] = "$argv"
end

function __mnemo_arg --description 'true when argument $argv[2] of command $argv[1] is being typed'
    set -l st (__mnemo_state)
    test "$st[1]" = "$argv[1]"; and test "$st[2]" = "$argv[2]"
end

complete -c mnemo -f
`)
	for _, n := range nodes {
		cond := fishQuote("__mnemo_at " + n.path)
		if len(n.subs) > 0 {
			sub := fishQuote(fmt.Sprintf("__mnemo_arg '%s' 0", n.path))
			for _, s := range n.subs {
				fmt.Fprintf(&w, "complete -c mnemo -n %s -a %s -d %s\n", sub, fishQuote(s.name), fishQuote(s.usage))
			}
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
			case f.choices != "":
				opts = append(opts, "-x -a "+fishQuote(f.choices))
			case f.value:
				opts = append(opts, "-x")
			}
			fmt.Fprintf(&w, "complete -c mnemo -n %s %s -d %s\n", cond, strings.Join(opts, " "), fishQuote(f.usage))
		}
		for i, choices := range n.args {
			if choices != "" {
				fmt.Fprintf(&w, "complete -c mnemo -n %s -a %s\n", fishQuote(fmt.Sprintf("__mnemo_arg '%s' %d", n.path, i)), fishQuote(choices))
			}
		}
		if n.files {
			fmt.Fprintf(&w, "complete -c mnemo -n %s -F\n", cond)
		}
	}
	_, err := io.WriteString(out, w.String())
	return err
}

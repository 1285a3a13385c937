package main

import "github.com/urfave/cli/v2"

// commands lists mnemo's commands in the order help shows them.
func commands(e *env) []*cli.Command {
	return []*cli.Command{
		reviewCommand(e),
		dueCommand(e),
		addCommand(e),
		syncCommand(e),
		pathsCommand(e),
		cardsCommand(e),
		showCommand(e),
		decksCommand(e),
		pruneCommand(e),
		dropCommand(e),
		suggestionsCommand(e),
		rateCommand(e),
		suspendCommand(e),
		unsuspendCommand(e),
		forgetCommand(e),
		exportCommand(e),
		importCommand(e),
		settingsCommand(e),
		statsCommand(e),
		optimizeCommand(e),
		checkCommand(e),
		completionCommand(e),
		manCommand(e),
		versionCommand(e),
	}
}

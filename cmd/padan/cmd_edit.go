package main

import (
	"github.com/urfave/cli/v2"

	"github.com/padan-tm/padan/tm"
)

func init() { register(newEditCommand) }

// newEditCommand is `padan edit DOC SEG TEXT --lang TAG [--by NAME]` or
// `padan edit DOC --from FILE --lang TAG`: record editor revisions.
func newEditCommand(u *ui) *cli.Command {
	return reviseCommand(u, "edit", tm.RoleEditor, reviseHelp{
		usage: u.T("EditUsage"), description: u.T("EditDescription"), flagBy: u.T("EditFlagBy")})
}

// Command padan is a translation-memory tool for newsroom translators and
// editors: it segments Indonesian news, keeps every translator's and editor's
// revision in an embedded database, shows what the editor changed, finds
// matches, and exchanges TMX and XLIFF with CAT tools.
//
// Run `padan --help` for the commands and `padan demo` for the whole job on
// the built-in ANTARA article.
//
// Exit status: 0 on success, 1 on failure, 2 on a usage error.
package main

import "os"

func main() { os.Exit(runProcess(os.Args, osEnv())) }

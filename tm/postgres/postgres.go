// Package postgres adds PostgreSQL to the databases package tm opens: a
// program that imports it, for its side effect only, opens postgres:// and
// postgresql:// URLs with [github.com/padan-tm/padan/tm.Open] (padan's
// command does). The backend itself is tm/internal/postgres; this package
// only registers it, so that a program that needs only SQLite is built
// without it.
//
//	import _ "github.com/padan-tm/padan/tm/postgres"
package postgres

import _ "github.com/padan-tm/padan/tm/internal/postgres" // registers "postgres" and "postgresql"

package backend

import (
	"context"
	"sync"
)

// Opener opens (creating and migrating as needed) the database a DSN
// names, on one backend.
type Opener func(ctx context.Context, dsn string, o Options) (DB, error)

var (
	openersMu sync.Mutex
	openers   = map[string]Opener{}
)

// Register makes a backend available under a name ("postgres"), for
// package tm to open the DSNs that name it. A backend package calls it
// from its init function; the binary imports the package for that.
func Register(name string, open Opener) {
	openersMu.Lock()
	defer openersMu.Unlock()
	openers[name] = open
}

// Lookup returns the opener registered under name, or nil.
func Lookup(name string) Opener {
	openersMu.Lock()
	defer openersMu.Unlock()
	return openers[name]
}

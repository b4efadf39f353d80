// Package hook lets the packages under tm reach what package tm keeps
// unexported, without widening tm's public API: the conformance suite
// (tm/storetest) uses it to make a database as an older padan left it.
package hook

import "github.com/padan-tm/padan/tm/internal/backend"

// DB returns the backend of a *tm.Store; package tm sets it.
var DB func(store any) backend.DB

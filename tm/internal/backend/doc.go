// Package backend is the seam between padan's store and the databases it
// runs on: the interfaces that package tm (the domain) and package
// tm/memory (the memory index) need from storage, and the plain record
// types that cross it. It imports nothing of tm; each backend (SQLite in
// tm/internal/sqlite, PostgreSQL in tm/internal/postgres) implements it,
// and tm/storetest runs the same behaviours against every one.
//
// Transactions are values: [DB.Read] and [DB.Write] hand a [Tx] to the
// function that needs it; nothing travels in a context.Context.
package backend

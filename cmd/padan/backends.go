package main

// padan opens PostgreSQL databases too (--db postgres://…, PADAN_DB).
import _ "github.com/padan-tm/padan/tm/postgres"

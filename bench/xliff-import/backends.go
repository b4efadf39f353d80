package main

// The benchmark opens PostgreSQL databases too (-db postgres://…).
import _ "github.com/padan-tm/padan/tm/postgres"

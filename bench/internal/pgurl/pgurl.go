// Package pgurl tells the benchmarks' PostgreSQL URLs from SQLite paths and
// keeps their passwords out of what the benchmarks print.
package pgurl

import (
	"net/url"
	"strings"
)

// Is reports whether dsn is a PostgreSQL URL rather than a path.
func Is(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

// Hide returns text with the password of the URL dsn, if it has one,
// replaced by "xxxxx" (as url.URL.Redacted does), for error output of
// programs that were given dsn.
func Hide(text, dsn string) string {
	u, err := url.Parse(dsn)
	if err != nil || !Is(dsn) {
		return text
	}
	if pw, ok := u.User.Password(); ok && pw != "" {
		text = strings.ReplaceAll(text, ":"+pw+"@", ":xxxxx@")
		text = strings.ReplaceAll(text, ":"+url.PathEscape(pw)+"@", ":xxxxx@")
	}
	return text
}

// Package stored says how padan writes values into a database, whatever
// the backend: text in Unicode NFC, times in UTC at a fixed width so that
// text order is time order. The store, the memory index and the backends
// all use it, and it imports none of them.
package stored

import (
	"time"

	"golang.org/x/text/unicode/norm"
)

// TimeFormat is how times are stored: UTC, fixed width, so that text order
// is time order.
const TimeFormat = "2006-01-02T15:04:05.000000Z"

// NFC returns s in Unicode normalization form C.
func NFC(s string) string { return norm.NFC.String(s) }

// Time returns t as it is stored (see [TimeFormat]), or "" for the zero
// time.
func Time(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(TimeFormat)
}

// ParseTime reads a time stored by [Time]; "" or a malformed value gives
// the zero time.
func ParseTime(v string) time.Time {
	t, _ := time.Parse(TimeFormat, v)
	return t
}

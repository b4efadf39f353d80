package align

import "github.com/padan-tm/padan/internal/anchor"

// Numbers returns the numbers written in s, normalized so that the English
// and the Indonesian way of writing a number give the same string (see
// [anchor.Numbers]: "20.000" and "20,000" give "20000", "12,5" and "12.5"
// give "12.5", "1950-1953" gives "1950", "1953").
func Numbers(s string) []string { return anchor.Numbers(s) }

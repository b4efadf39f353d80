package tm

import "errors"

// ErrNumericName means a new document's name is a number (digits, with an
// optional sign): commands take a number for a document id, so such a
// name would shadow another document, or be shadowed by it.
var ErrNumericName = errors.New("tm: a document name must not be a number")

// numericName reports whether name is what a reference to a document by
// id looks like (see byRef): ASCII digits with an optional + or - sign.
func numericName(name string) bool {
	if name != "" && (name[0] == '+' || name[0] == '-') {
		name = name[1:]
	}
	if name == "" {
		return false
	}
	for i := 0; i < len(name); i++ {
		if name[i] < '0' || name[i] > '9' {
			return false
		}
	}
	return true
}

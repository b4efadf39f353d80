package main

import (
	"errors"

	"github.com/padan-tm/padan/tm"
)

// dataFailure localizes the errors of the store's data checks: a document
// without segments, a version that lost most of them, and a value holding a
// character the store refuses (see tm.FieldError). file names where the
// data came from ("" when it came from flags). It returns nil for any other
// error.
func dataFailure(u *ui, err error, file string) error {
	var (
		se *tm.ShrinkError
		fe *tm.FieldError
	)
	switch {
	case errors.Is(err, tm.ErrNoSegments):
		return u.Fail("DataNoSegments", map[string]any{"File": file}, err)
	case errors.As(err, &se):
		return u.Fail("DataShrunk", map[string]any{"File": file, "Doc": se.Document, "New": se.New, "Previous": se.Previous}, err)
	case errors.As(err, &fe):
		char := tm.CharName(fe.Rune)
		if errors.Is(fe.Err, tm.ErrInvalidUTF8) {
			char = u.T("DataInvalidByte")
		}
		d := map[string]any{"File": file, "Line": fe.Line, "Unit": fe.Unit, "Field": fe.Field, "Char": char, "Offset": fe.Offset}
		id := "DataFieldChar"
		switch {
		case file != "" && fe.Line > 0:
			id = "DataFieldCharLine"
		case file != "" && fe.Unit != "":
			id = "DataFieldCharFileUnit"
		case file != "":
			id = "DataFieldCharFile"
		case fe.Unit != "":
			id = "DataFieldCharUnit"
		}
		return u.Fail(id, d, err)
	}
	return nil
}

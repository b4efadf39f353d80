package main

import (
	"golang.org/x/text/message"
	"golang.org/x/text/number"
)

// decimal writes a number with digits fraction digits in the notation of
// the interface language: 0.80 in English, 0,80 in Indonesian (and 1,234.5
// against 1.234,5). Every number with a fraction that text output shows
// goes through it; JSON keeps Go's notation.
func (u *ui) decimal(f float64, digits int) string {
	return message.NewPrinter(u.Lang).Sprint(number.Decimal(f, number.Scale(digits)))
}

// number writes a number with as few fraction digits as it needs (87, 0.8),
// at most three, in the notation of the interface language.
func (u *ui) number(f float64) string {
	return message.NewPrinter(u.Lang).Sprint(number.Decimal(f, number.MaxFractionDigits(3)))
}

// percent writes a ratio as a percentage with one fraction digit, in the
// notation of the interface language (2.2% in English, 2,2% in Indonesian).
func (u *ui) percent(f float64) string {
	return u.decimal(100*f, 1) + "%"
}

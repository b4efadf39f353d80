package main

import "testing"

func TestNumbers(t *testing.T) {
	tests := []struct {
		name   string
		format func(*ui) string
		en, id string
	}{
		{"confidence", func(u *ui) string { return u.decimal(0.8, 3) }, "0.800", "0,800"},
		{"two digits", func(u *ui) string { return u.decimal(0.456, 2) }, "0.46", "0,46"},
		{"whole", func(u *ui) string { return u.decimal(3, 0) }, "3", "3"},
		{"thousands", func(u *ui) string { return u.decimal(1234.5, 1) }, "1,234.5", "1.234,5"},
		{"percent", func(u *ui) string { return u.percent(0.222) }, "22.2%", "22,2%"},
		{"percent zero", func(u *ui) string { return u.percent(0) }, "0.0%", "0,0%"},
		{"number with a fraction", func(u *ui) string { return u.number(0.8) }, "0.8", "0,8"},
		{"number without one", func(u *ui) string { return u.number(87) }, "87", "87"},
	}
	en, id := uiIn(t, "en"), uiIn(t, "id")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.format(en); got != tt.en {
				t.Errorf("English: %q, want %q", got, tt.en)
			}
			if got := tt.format(id); got != tt.id {
				t.Errorf("Indonesian: %q, want %q", got, tt.id)
			}
		})
	}
}

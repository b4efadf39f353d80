package pgurl

import "testing"

func TestIs(t *testing.T) {
	for dsn, want := range map[string]bool{
		"postgres://u@h/db": true, "postgresql://h/db": true, "padan.db": false, "/tmp/postgres://x": false, "": false,
	} {
		if got := Is(dsn); got != want {
			t.Errorf("Is(%q) = %v, want %v", dsn, got, want)
		}
	}
}

func TestHide(t *testing.T) {
	tests := []struct{ text, dsn, want string }{
		{"open postgres://desk:rahasia@db/padan: no", "postgres://desk:rahasia@db/padan", "open postgres://desk:xxxxx@db/padan: no"},
		{"open postgres://desk:a%2Fb@db/padan", "postgres://desk:a%2Fb@db/padan", "open postgres://desk:xxxxx@db/padan"},
		{"the folder postgres:/desk:rahasia@db does not exist", "postgres://desk:rahasia@db/padan", "the folder postgres:/desk:xxxxx@db does not exist"},
		{"the word rahasia stays", "postgres://desk:rahasia@db/padan", "the word rahasia stays"},
		{"open x.db: no", "x.db", "open x.db: no"},
	}
	for _, tt := range tests {
		if got := Hide(tt.text, tt.dsn); got != tt.want {
			t.Errorf("Hide(%q, %q) = %q, want %q", tt.text, tt.dsn, got, tt.want)
		}
	}
}

package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// uiIn returns a ui in the given interface language ("en" or "id").
func uiIn(t *testing.T, lang string) *ui {
	t.Helper()
	u, err := newUI([]string{"padan", "--ui-lang", lang}, func(string) string { return "" })
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func TestErrorText(t *testing.T) {
	open := func(errno syscall.Errno) error { return &fs.PathError{Op: "open", Path: "a.txt", Err: errno} }
	tests := []struct {
		name   string
		err    error
		en, id string
	}{
		{"missing file", open(syscall.ENOENT), "no such file or directory", "berkas atau folder tidak ada"},
		{"permission", open(syscall.EACCES), "permission denied", "izin ditolak"},
		{"operation not permitted", open(syscall.EPERM), "permission denied", "izin ditolak"},
		{"folder", &fs.PathError{Op: "read", Path: "dir", Err: syscall.EISDIR}, "is a directory", "ini folder, bukan berkas"},
		{"full disk", &fs.PathError{Op: "write", Path: "a.txt", Err: syscall.ENOSPC}, "no space left on device", "ruang penyimpanan di perangkat sudah penuh"},
		{"read-only", open(syscall.EROFS), "read-only file system", "sistem berkasnya hanya bisa dibaca"},
		{"not a folder", open(syscall.ENOTDIR), "not a directory", "salah satu bagian jalurnya bukan folder"},
		{"quota", open(syscall.EDQUOT), "disk quota exceeded", "kuota disk sudah habis"},
		{"wrapped keeps the path, drops the operations", fmt.Errorf("import a.txt: %w", open(syscall.ENOENT)),
			"a.txt: no such file or directory", "a.txt: berkas atau folder tidak ada"},
		{"rename", &os.LinkError{Op: "rename", Old: "a.tmp", New: "a.txt", Err: syscall.EACCES},
			"a.txt: permission denied", "a.txt: izin ditolak"},
		{"wrapped rename", fmt.Errorf("commit: %w", &os.LinkError{Op: "rename", Old: "a.tmp", New: "a.txt", Err: syscall.EROFS}),
			"a.txt: read-only file system", "a.txt: sistem berkasnya hanya bisa dibaca"},
		{"wrapped errno keeps its wrapping", fmt.Errorf("write standard output: %w", syscall.ENOSPC),
			"write standard output: no space left on device", "write standard output: ruang penyimpanan di perangkat sudah penuh"},
		{"bare errno", syscall.ENOSPC, "no space left on device", "ruang penyimpanan di perangkat sudah penuh"},
		{"sentinel", fmt.Errorf("stat x: %w", fs.ErrNotExist), "stat x: no such file or directory", "stat x: berkas atau folder tidak ada"},
		{"other errors keep their text", errors.New("xml: bad"), "xml: bad", "xml: bad"},
		{"unmapped errno keeps its text", open(syscall.EXDEV), "open a.txt: " + syscall.EXDEV.Error(), "open a.txt: " + syscall.EXDEV.Error()},
	}
	en, id := uiIn(t, "en"), uiIn(t, "id")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := en.errorText(tt.err); got != tt.en {
				t.Errorf("English: %q, want %q", got, tt.en)
			}
			if got := id.errorText(tt.err); got != tt.id {
				t.Errorf("Indonesian: %q, want %q", got, tt.id)
			}
		})
	}
}

// TestErrorTextRealFiles checks the mapping on errors the system really
// returns, not only on ones built by hand.
func TestErrorTextRealFiles(t *testing.T) {
	dir := t.TempDir()
	id := uiIn(t, "id")
	_, errMissing := os.ReadFile(filepath.Join(dir, "nope.txt"))
	_, errDir := os.ReadFile(dir)
	for _, tt := range []struct {
		err  error
		want string
	}{{errMissing, "berkas atau folder tidak ada"}, {errDir, "ini folder, bukan berkas"}} {
		if got := id.errorText(tt.err); got != tt.want {
			t.Errorf("%v: %q, want %q", tt.err, got, tt.want)
		}
	}
}

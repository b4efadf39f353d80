package main

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"github.com/urfave/cli/v2"
)

// outputFile returns where a command writes: standard output (no -o, "-"
// or /dev/stdout), or FILE. A device or a pipe (/dev/null, a FIFO) is
// written to directly. Any other FILE is written to a temporary file beside
// it that commit renames over it, so that a failed or interrupted command
// leaves no half-written file (and an existing FILE as it was); abort
// removes the temporary file and does nothing after commit. A new FILE gets
// mode 0644, an existing one keeps its mode.
//
// Before anything is written, outputFile refuses (with a localized error):
// a FILE that is the open database or one of its -wal, -shm or -journal
// files, compared by identity (symbolic links, "./", hard links); a FILE
// without any write bit (0444), or in a folder without any, which padan
// does not replace even when running as root; a folder. A symbolic link is followed: its target is
// written and the link stays a link. Temporary files that an earlier padan
// killed with SIGKILL left in the folder are removed (see
// removeStaleTemporaries); the running one is removed on SIGINT and
// SIGTERM (see runProcess).
func outputFile(c *cli.Context, u *ui, path string) (w io.Writer, commit func() error, abort func(), err error) {
	if isStdout(path) {
		return c.App.Writer, func() error { return nil }, func() {}, nil
	}
	fail := func(err error) error {
		return u.Fail("WriteFailed", map[string]any{"File": path, "Error": u.errorText(err)}, err)
	}
	target, err := resolveLinks(path)
	if err != nil {
		return nil, nil, nil, fail(err)
	}
	if f := sameAsDatabase(target, databaseFiles(c)); f != "" {
		d := map[string]any{"File": path, "Database": dbPath(c), "Part": f}
		if strings.HasSuffix(f, "-wal") || strings.HasSuffix(f, "-shm") || strings.HasSuffix(f, "-journal") {
			return nil, nil, nil, u.Fail("OutputIsDatabaseFile", d, nil)
		}
		return nil, nil, nil, u.Fail("OutputIsDatabase", d, nil)
	}
	fi, statErr := os.Stat(target)
	switch {
	case statErr == nil && fi.IsDir():
		return nil, nil, nil, u.Fail("OutputIsFolder", map[string]any{"File": path}, nil)
	case statErr == nil && !fi.Mode().IsRegular():
		// A device or a pipe (/dev/null, /dev/full, a FIFO) is written to
		// directly: renaming a file over it would replace it.
		return deviceOutput(target, fail)
	case statErr == nil && fi.Mode().Perm()&0o222 == 0:
		return nil, nil, nil, u.Fail("OutputReadOnly", map[string]any{"File": path, "Mode": "0" + strconv.FormatUint(uint64(fi.Mode().Perm()), 8)}, nil)
	}
	mode := fs.FileMode(0o644)
	if statErr == nil {
		mode = fi.Mode().Perm()
	}
	dir, base := filepath.Dir(target), filepath.Base(target)
	// The temporary file is created in the folder and renamed there: a
	// folder without any write bit is refused as a read-only file is,
	// whoever runs padan.
	if di, err := os.Stat(dir); err == nil && di.Mode().Perm()&0o222 == 0 {
		return nil, nil, nil, u.Fail("OutputFolderReadOnly", map[string]any{"File": path, "Folder": dir, "Mode": "0" + strconv.FormatUint(uint64(di.Mode().Perm()), 8)}, nil)
	}
	removeStaleTemporaries(dir)
	temps.Lock()
	f, err := os.CreateTemp(dir, "."+base+".padan-"+strconv.Itoa(os.Getpid())+"-*.tmp")
	if err == nil {
		temps.names[f.Name()] = true
	}
	temps.Unlock()
	if err != nil {
		return nil, nil, nil, fail(err)
	}
	done := false
	abort = func() {
		temps.Lock()
		defer temps.Unlock()
		if !done {
			done = true
			f.Close()
			os.Remove(f.Name())
			delete(temps.names, f.Name())
		}
	}
	commit = func() error {
		temps.Lock()
		defer temps.Unlock()
		if done {
			return nil
		}
		done = true
		delete(temps.names, f.Name())
		err := f.Chmod(mode)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err == nil {
			err = os.Rename(f.Name(), target)
		}
		if err != nil {
			os.Remove(f.Name())
			return fail(err)
		}
		return nil
	}
	return f, commit, abort, nil
}

// isStdout reports whether an -o value means standard output: none, "-"
// or /dev/stdout.
func isStdout(path string) bool { return path == "" || path == "-" || path == "/dev/stdout" }

// deviceOutput opens a device or a pipe for writing; commit closes it and
// reports the error of closing.
func deviceOutput(path string, fail func(error) error) (io.Writer, func() error, func(), error) {
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		return nil, nil, nil, fail(err)
	}
	closed := false
	abort := func() {
		if !closed {
			closed = true
			f.Close()
		}
	}
	commit := func() error {
		if closed {
			return nil
		}
		closed = true
		if err := f.Close(); err != nil {
			return fail(err)
		}
		return nil
	}
	return f, commit, abort, nil
}

// maxLinks bounds how many symbolic links resolveLinks follows, as the
// kernel does (ELOOP).
const maxLinks = 40

// errLinkLoop means a chain of symbolic links does not end.
var errLinkLoop = errors.New("too many levels of symbolic links")

// resolveLinks returns the file that writing to path writes to: path with
// every symbolic link followed, in its folders and at its end, even when
// the last link's target does not exist yet (the file to create). The
// result is absolute and clean.
func resolveLinks(path string) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	for range maxLinks {
		dir, base := filepath.Split(abs)
		if real, err := filepath.EvalSymlinks(dir); err == nil {
			dir = real
		}
		abs = filepath.Join(dir, base)
		fi, err := os.Lstat(abs)
		if err != nil || fi.Mode()&fs.ModeSymlink == 0 {
			return abs, nil
		}
		link, err := os.Readlink(abs)
		if err != nil {
			return "", err
		}
		if !filepath.IsAbs(link) {
			link = filepath.Join(dir, link)
		}
		abs = filepath.Clean(link)
	}
	return "", errLinkLoop
}

// sameAsDatabase returns the database file that target is (compared by
// identity when both exist, else by resolved path), or "".
func sameAsDatabase(target string, dbFiles []string) string {
	tfi, terr := os.Stat(target)
	for _, f := range dbFiles {
		if fi, err := os.Stat(f); err == nil && terr == nil {
			if os.SameFile(tfi, fi) {
				return f
			}
			continue
		}
		if r, err := resolveLinks(f); err == nil && r == target {
			return f
		}
	}
	return ""
}

// temps holds the temporary files of -o outputs being written, which an
// interruption removes. Its lock also orders a commit's rename against an
// interruption: an output is either renamed whole or removed.
var temps = struct {
	sync.Mutex
	names map[string]bool
}{names: map[string]bool{}}

// removeTemporaries removes the temporary files of the outputs being
// written and keeps temps locked, so that no output is committed after it:
// it is called on an interruption, just before the process exits.
func removeTemporaries() {
	temps.Lock()
	for name := range temps.names {
		os.Remove(name)
	}
}

// temporaryName matches the name of outputFile's temporary files,
// ".NAME.padan-PID-RANDOM.tmp", capturing the PID.
var temporaryName = regexp.MustCompile(`^\..*\.padan-([0-9]+)-[0-9]+\.tmp$`)

// removeStaleTemporaries removes from dir the temporary files of padan
// processes that no longer run (killed with SIGKILL while writing -o):
// only files named as outputFile names them whose PID is not a running
// process. Errors are ignored: the files are only litter.
func removeStaleTemporaries(dir string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	self := os.Getpid()
	for _, e := range entries {
		m := temporaryName.FindStringSubmatch(e.Name())
		if m == nil || !e.Type().IsRegular() {
			continue
		}
		pid, err := strconv.Atoi(m[1])
		if err != nil || pid == self || processRunning(pid) {
			continue
		}
		os.Remove(filepath.Join(dir, e.Name()))
	}
}

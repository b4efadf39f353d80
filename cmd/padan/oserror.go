package main

import (
	"errors"
	"io/fs"
	"os"
	"strings"
	"syscall"
)

// errorText is an error for a person, in the interface language: the common
// operating-system errors (a missing file, a refused permission, a full
// disk, …) are named in words of the interface language. An error that is
// itself about a path (*fs.PathError) gives only its reason, since the
// message it goes into names the file; an error that wraps one (or an
// *os.LinkError) gives the path and the reason, without the Go operations
// and wrappings around them ("open a.txt:", "import a.txt:"), which are
// English. A system error with no path keeps its wrapping and has its
// reason replaced. Other errors keep their text.
//
// This is the one place where system errors are localized: every message
// that shows an error's text passes it through here.
func (u *ui) errorText(err error) string {
	if err == nil {
		return ""
	}
	reason, ok := u.systemReason(err)
	if !ok {
		return err.Error()
	}
	if _, ok := err.(*fs.PathError); ok {
		return reason
	}
	if pe, ok := errors.AsType[*fs.PathError](err); ok {
		return pe.Path + ": " + reason
	}
	if le, ok := errors.AsType[*os.LinkError](err); ok {
		return le.New + ": " + reason
	}
	// The innermost error is the system's: replace its words where the
	// text ends with them ("write standard output: no space left on
	// device").
	leaf := err
	for next := errors.Unwrap(leaf); next != nil; next = errors.Unwrap(leaf) {
		leaf = next
	}
	if s, cut := strings.CutSuffix(err.Error(), leaf.Error()); cut {
		return s + reason
	}
	return reason
}

// systemReason names the common operating-system errors in the interface
// language, and reports false for other errors.
func (u *ui) systemReason(err error) (string, bool) {
	switch {
	case errors.Is(err, syscall.ENOSPC):
		return u.T("SysNoSpace"), true
	case errors.Is(err, syscall.EDQUOT):
		return u.T("SysQuota"), true
	case errors.Is(err, syscall.EROFS):
		return u.T("SysReadOnlyFS"), true
	case errors.Is(err, syscall.EISDIR):
		return u.T("SysIsDir"), true
	case errors.Is(err, syscall.ENOTDIR):
		return u.T("SysNotDir"), true
	case errors.Is(err, syscall.ENAMETOOLONG):
		return u.T("SysNameTooLong"), true
	case errors.Is(err, syscall.ELOOP):
		return u.T("SysLoop"), true
	case errors.Is(err, syscall.EMFILE), errors.Is(err, syscall.ENFILE):
		return u.T("SysTooManyFiles"), true
	case errors.Is(err, syscall.EIO):
		return u.T("SysIO"), true
	case errors.Is(err, fs.ErrNotExist):
		return u.T("SysNotExist"), true
	case errors.Is(err, fs.ErrPermission):
		return u.T("SysPermission"), true
	case errors.Is(err, fs.ErrExist):
		return u.T("SysExist"), true
	}
	return "", false
}

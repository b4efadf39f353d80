package terms

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/language"
)

// Errors of [ReadGlossary], the Err of a [*FileError].
var (
	// ErrHeader means the header row does not name a source and a target
	// language.
	ErrHeader = errors.New("terms: the header row must name the source and the target language (id,en,note)")
	// ErrRow means a row is malformed (see the message).
	ErrRow = errors.New("terms: bad row")
)

// FileError is a glossary or term-base file that cannot be read: where and
// why. Err is one of the package's sentinels or ErrStatus.
type FileError struct {
	File string
	Line int
	Msg  string
	Err  error
}

// Error returns "FILE: line N: MSG".
func (e *FileError) Error() string {
	return fmt.Sprintf("%s: line %d: %s", e.File, e.Line, e.Msg)
}

// Unwrap returns the sentinel.
func (e *FileError) Unwrap() error { return e.Err }

// MaxGlossaryField is the longest cell a glossary may have, in bytes.
const MaxGlossaryField = 4096

// ReadGlossary reads a CSV (sep ',') or TSV (sep '\t') glossary named name.
// Its header row names the columns: BCP 47 language tags (the first is the
// source language, each other one a target language) and optionally
// "note", "status" (preferred, admitted or forbidden: the status of the
// row's translations), "by" (who added the term). A cell may hold several
// translations separated by "|". Empty lines are skipped, and lines that
// begin with "#" are comments. Every error is a [*FileError] naming the line.
func ReadGlossary(r io.Reader, name string, sep rune) ([]Entry, error) {
	br := bufio.NewReader(r)
	if b, _ := br.Peek(3); string(b) == "\ufeff" {
		br.Discard(3)
	}
	cr := csv.NewReader(br)
	cr.Comma = sep
	cr.Comment = '#'
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = sep == '\t'
	cr.ReuseRecord = true
	fail := func(line int, err error, format string, args ...any) error {
		return &FileError{File: name, Line: line, Msg: fmt.Sprintf(format, args...), Err: err}
	}
	header, err := cr.Read()
	if err == io.EOF {
		return nil, fail(1, ErrHeader, "%s", "the file is empty")
	}
	if err != nil {
		return nil, csvError(name, err)
	}
	header = append([]string(nil), header...)
	line, _ := cr.FieldPos(0)
	langs := map[int]string{}
	var order []int
	cols := map[string]int{}
	for i, h := range header {
		h = strings.TrimSpace(h)
		switch strings.ToLower(h) {
		case "note", "status", "by":
			cols[strings.ToLower(h)] = i
			continue
		}
		tag, err := language.Parse(h)
		if err != nil || strings.Contains(h, "_") {
			return nil, fail(line, ErrHeader, "column %d: %q is neither a language tag nor note, status or by", i+1, h)
		}
		langs[i] = tag.String()
		order = append(order, i)
	}
	if len(order) < 2 {
		return nil, fail(line, ErrHeader, "%s", "the header row names fewer than two languages")
	}
	var out []Entry
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, csvError(name, err)
		}
		line, _ = cr.FieldPos(0)
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue
		}
		if len(rec) != len(header) {
			return nil, fail(line, ErrRow, "%d fields, the header has %d", len(rec), len(header))
		}
		for i, f := range rec {
			if !utf8.ValidString(f) {
				return nil, fail(line, ErrRow, "column %d is not valid UTF-8", i+1)
			}
			if len(f) > MaxGlossaryField {
				return nil, fail(line, ErrRow, "column %d is longer than %d bytes", i+1, MaxGlossaryField)
			}
		}
		get := func(col string) string {
			if i, ok := cols[col]; ok {
				return strings.TrimSpace(rec[i])
			}
			return ""
		}
		status, err := ParseStatus(strings.ToLower(get("status")))
		if err != nil {
			return nil, fail(line, ErrStatus, "status %q: use preferred, admitted or forbidden", get("status"))
		}
		src := strings.TrimSpace(rec[order[0]])
		if src == "" {
			return nil, fail(line, ErrRow, "the %s term is empty", langs[order[0]])
		}
		for _, ti := range order[1:] {
			var ts []Translation
			for _, t := range strings.Split(rec[ti], "|") {
				if t = strings.TrimSpace(t); t != "" {
					ts = append(ts, Translation{Text: t, Status: status})
				}
			}
			if len(ts) == 0 {
				continue
			}
			out = append(out, Entry{SourceLang: langs[order[0]], TargetLang: langs[ti], Source: src,
				Targets: ts, Note: get("note"), By: get("by")})
		}
	}
}

func csvError(name string, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return &FileError{File: name, Line: pe.Line, Msg: pe.Err.Error(), Err: ErrRow}
	}
	return fmt.Errorf("%s: %w", name, err)
}

// WriteTSV writes entries as a TSV glossary that [ReadGlossary] reads
// back: a header "SRC<TAB>TGT<TAB>status<TAB>note<TAB>by" from the first
// entry's languages, then one row per entry and status, translations of
// the same status joined by "|". Tabs, line breaks and "|" in texts are
// written as spaces.
func WriteTSV(w io.Writer, entries []Entry) error {
	if len(entries) == 0 {
		return nil
	}
	bw := bufio.NewWriter(w)
	clean := strings.NewReplacer("\t", " ", "\n", " ", "\r", " ", "|", " ", `"`, "'")
	fmt.Fprintf(bw, "%s\t%s\tstatus\tnote\tby\n", entries[0].SourceLang, entries[0].TargetLang)
	for _, e := range entries {
		for _, s := range []Status{Preferred, Admitted, Forbidden} {
			var ts []string
			for _, t := range e.Targets {
				if t.Status == s {
					ts = append(ts, clean.Replace(t.Text))
				}
			}
			if len(ts) == 0 {
				continue
			}
			fmt.Fprintf(bw, "%s\t%s\t%s\t%s\t%s\n", clean.Replace(e.Source), strings.Join(ts, "|"), s, clean.Replace(e.Note), clean.Replace(e.By))
		}
	}
	return bw.Flush()
}

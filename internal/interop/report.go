// Package interop runs the checks a real user would run on padan's TMX and
// XLIFF files: validation against the official schemas with xmllint (the
// schemas and their XML catalog are in schemas/ beside this file, with their
// sources and licences), the rules of the standards that the schemas cannot
// express, translate-toolkit reading the file, and OmegaT using it.
//
// They are external judges: they know nothing of padan's code. Each check
// returns a [Result] whose output ends with one line starting with PASS,
// FAIL or SKIP, and a status like a command's: [Pass], [Fail], [Usage],
// [Env] (a tool is missing) or [Skip]. Tests reach them through
// exports/internal/exporttest, which turns [Env] into a visible skip (a
// failure under PADAN_INTEROP=require).
package interop

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"

	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// The statuses a check ends with, as the shell tools they replace had them.
const (
	Pass  = 0  // the file passes
	Fail  = 1  // the file fails
	Usage = 2  // the check was called wrongly (e.g. no such file)
	Env   = 3  // a tool the check needs is missing
	Skip  = 77 // the tool cannot judge this file
)

// Namespaces the checks look for.
const (
	xliff12NS = "urn:oasis:names:tc:xliff:document:1.2"
	xliff11NS = "urn:oasis:names:tc:xliff:document:1.1"
	xliff2NS  = "urn:oasis:names:tc:xliff:document:2.0"
	xmlNS     = "http://www.w3.org/XML/1998/namespace"
	mtcNS     = "urn:oasis:names:tc:xliff:matches:2.0"
)

// Result is what a check found: its report, ending with the verdict line,
// and its status.
type Result struct {
	Output string
	Code   int
}

// Verdict returns the last line of the output, the PASS, FAIL or SKIP line.
func (r Result) Verdict() string {
	s := strings.TrimRight(r.Output, "\n")
	return s[strings.LastIndexByte(s, '\n')+1:]
}

// SchemasDir returns the folder holding the official schemas and the XML
// catalog.
func SchemasDir() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "schemas")
}

// report collects errors, warnings and notes, showing at most limit of each
// kind.
type report struct {
	limit            int
	errors, warnings int
	lines            []string
	seen             map[string]int
}

func newReport(limit int) *report {
	return &report{limit: limit, seen: map[string]int{}}
}

func (r *report) add(kind, key, msg string) {
	k := kind + "\x00" + key
	r.seen[k]++
	switch n := r.seen[k]; {
	case n <= r.limit:
		r.lines = append(r.lines, "  "+kind+": "+msg)
	case n == r.limit+1:
		r.lines = append(r.lines, fmt.Sprintf("  %s: (further '%s' messages not shown)", kind, key))
	}
}

func (r *report) errorf(key, format string, a ...any) {
	r.errors++
	r.add("error", key, fmt.Sprintf(format, a...))
}

func (r *report) warnf(key, format string, a ...any) {
	r.warnings++
	r.add("warning", key, fmt.Sprintf(format, a...))
}

func (r *report) infof(format string, a ...any) {
	r.lines = append(r.lines, "  info: "+fmt.Sprintf(format, a...))
}

func (r *report) detail(msg string) { r.lines = append(r.lines, "    "+msg) }

// finish renders the collected lines and the verdict line.
func (r *report) finish(name, path, okText, summary string) Result {
	var b strings.Builder
	for _, l := range r.lines {
		b.WriteString(l + "\n")
	}
	if r.errors > 0 {
		fmt.Fprintf(&b, "FAIL %s: %s: %d error(s), %d warning(s); %s\n", name, path, r.errors, r.warnings, summary)
		return Result{b.String(), Fail}
	}
	fmt.Fprintf(&b, "PASS %s: %s: %s, %d warning(s); %s\n", name, path, okText, r.warnings, summary)
	return Result{b.String(), Pass}
}

// verdict is a result made of one verdict line.
func verdict(code int, format string, a ...any) Result {
	return Result{fmt.Sprintf(format, a...) + "\n", code}
}

// langTag matches a well-formed BCP 47 language tag (simplified RFC 5646):
// language[-script][-region][-variant]*[-extension]*[-privateuse], or a
// private-use tag alone.
var langTag = regexp.MustCompile(`^(?:[A-Za-z]{2,3}(?:-[A-Za-z]{3}){0,3}|[A-Za-z]{4,8})` +
	`(?:-[A-Za-z]{4})?` +
	`(?:-(?:[A-Za-z]{2}|\d{3}))?` +
	`(?:-(?:[A-Za-z0-9]{5,8}|\d[A-Za-z0-9]{3}))*` +
	`(?:-[0-9A-WY-Za-wy-z](?:-[A-Za-z0-9]{2,8})+)*` +
	`(?:-[xX](?:-[A-Za-z0-9]{1,8})+)?$|^[xX](?:-[A-Za-z0-9]{1,8})+$`)

func langOK(tag string) bool { return langTag.MatchString(tag) }

var declaredEncoding = regexp.MustCompile(`^<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)["']`)

// sniffEncoding reports byte-order marks and the declared encoding of an
// XML file from its first bytes. unicodeRequired makes a declared
// non-Unicode encoding an error (TMX) rather than a warning (XLIFF).
func sniffEncoding(r *report, head []byte, unicodeRequired bool) string {
	switch {
	case bytes.HasPrefix(head, []byte("\xEF\xBB\xBF")):
		r.warnf("bom", "file starts with a UTF-8 byte-order mark: valid XML, but some tools and scripts choke on it; write UTF-8 without BOM")
		return "UTF-8 with BOM"
	case bytes.HasPrefix(head, []byte("\xFF\xFE")), bytes.HasPrefix(head, []byte("\xFE\xFF")):
		r.warnf("utf16", "file is UTF-16 (as DGT-TM ships its TMX): valid XML, but many tools and scripts expect UTF-8; export UTF-8")
		return "UTF-16"
	case len(head) >= 4 && (string(head[:4]) == "\x00<\x00?" || string(head[:4]) == "<\x00?\x00"):
		r.errorf("encoding", "file looks like UTF-16 without a byte-order mark")
		return "UTF-16 without BOM"
	}
	h := head
	if len(h) > 300 {
		h = h[:300]
	}
	m := declaredEncoding.FindSubmatch(h)
	if m == nil {
		return "UTF-8 (no declaration)"
	}
	enc := strings.ToUpper(string(m[1]))
	switch enc {
	case "UTF-8", "UTF8", "UTF-16", "UTF16":
	default:
		if unicodeRequired {
			r.errorf("encoding", "declared encoding %s: TMX files are always in Unicode (UTF-8 or UTF-16)", enc)
		} else {
			r.warnf("encoding", "declared encoding %s: legal XML, but exchange files should be UTF-8", enc)
		}
	}
	return enc
}

// readHead returns the first 4 KB of a file.
func readHead(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	buf := make([]byte, 4096)
	n, err := io.ReadFull(f, buf)
	if err == io.ErrUnexpectedEOF || err == io.EOF {
		err = nil
	}
	return buf[:n], err
}

// haveXmllint reports whether xmllint is on PATH.
func haveXmllint() bool {
	_, err := exec.LookPath("xmllint")
	return err == nil
}

// xmllint runs xmllint offline with the local catalog and reports what it
// says into r. It returns whether xmllint exited 0; warnings it prints on
// success become warnings.
func xmllint(r *report, args []string, path, what string) bool {
	schemas := SchemasDir()
	cmd := exec.Command("xmllint", append(append([]string{"--nonet", "--noout", "--huge"}, args...), path)...)
	cmd.Env = append(os.Environ(), "XML_CATALOG_FILES="+filepath.Join(schemas, "catalog.xml"))
	out, err := cmd.CombinedOutput()
	var lines []string
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(make([]byte, 64*1024), 16*1024*1024)
	for sc.Scan() {
		l := strings.ReplaceAll(sc.Text(), schemas+string(filepath.Separator), "schemas/")
		if strings.TrimSpace(l) == "" || strings.HasSuffix(l, " validates") {
			continue
		}
		lines = append(lines, l)
	}
	if err == nil {
		for _, l := range lines {
			if strings.Contains(l, "warning") {
				r.warnf("xmllint", "xmllint: %s", l)
			}
		}
		return true
	}
	code := -1
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	}
	reason := "xmllint failed"
	switch code {
	case 1:
		reason = "not well-formed XML"
	case 3, 4:
		reason = "not valid against " + what
	case 5:
		reason = "xmllint could not compile " + what
	}
	r.errorf("xmllint", "xmllint: %s (exit %d):", reason, code)
	limit := r.limit * 2
	for i, l := range lines {
		if i == limit {
			r.detail(fmt.Sprintf("... %d more xmllint lines", len(lines)-limit))
			break
		}
		r.detail(l)
	}
	return false
}

// openXML opens an XML file for encoding/xml, decoding UTF-16 (with a
// byte-order mark) to UTF-8, as the XML parsers of the tools do.
func openXML(path string) (io.ReadCloser, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	dec := unicode.BOMOverride(unicode.UTF8.NewDecoder())
	return struct {
		io.Reader
		io.Closer
	}{transform.NewReader(f, dec), f}, nil
}

// utf16Charset lets encoding/xml accept a document that declares UTF-16
// once its bytes have been decoded to UTF-8 by openXML.
func utf16Charset(label string, in io.Reader) (io.Reader, error) {
	switch strings.ToUpper(label) {
	case "UTF-16", "UTF16", "UTF-8", "UTF8":
		return in, nil
	}
	return nil, fmt.Errorf("declared encoding %s", label)
}

// SamplesDir returns the folder of hand-written TMX and XLIFF samples, valid
// and deliberately broken ones (each says what is wrong in a comment at its
// top), with EXPECTED listing what each check says of each.
func SamplesDir() string {
	return filepath.Join(filepath.Dir(SchemasDir()), "testdata", "samples")
}

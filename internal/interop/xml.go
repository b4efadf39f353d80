package interop

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
)

// element is a start tag as the checks see it: its namespace, local name,
// attributes and line.
type element struct {
	ns, local string
	attrs     map[string]string // "xml:lang", a bare local name, or "namespace local"
	line      int
}

// attrKey names an attribute the way the checks look it up.
func attrKey(n xml.Name) string {
	switch n.Space {
	case "":
		return n.Local
	case xmlNS, "xml":
		return "xml:" + n.Local
	}
	return n.Space + " " + n.Local
}

func newElement(se xml.StartElement, line int) element {
	e := element{ns: se.Name.Space, local: se.Name.Local, attrs: make(map[string]string, len(se.Attr)), line: line}
	for _, a := range se.Attr {
		if a.Name.Space == "xmlns" || (a.Name.Space == "" && a.Name.Local == "xmlns") {
			continue
		}
		e.attrs[attrKey(a.Name)] = a.Value
	}
	return e
}

// walker calls its callbacks for each start tag, end tag and text of an
// XML file, in document order.
type walker struct {
	start func(e element)
	end   func(ns, local string)
	text  func(s string)
}

// walk streams path through the callbacks. The error is a not-well-formed
// message.
func (w walker) walk(path string) error {
	f, err := openXML(path)
	if err != nil {
		return err
	}
	defer f.Close()
	d := xml.NewDecoder(f)
	d.CharsetReader = utf16Charset
	for {
		line, _ := d.InputPos()
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if w.start != nil {
				w.start(newElement(t, line))
			}
		case xml.EndElement:
			if w.end != nil {
				w.end(t.Name.Space, t.Name.Local)
			}
		case xml.CharData:
			if w.text != nil {
				w.text(string(t))
			}
		}
	}
}

// sniffRoot returns the root element of an XML file.
func sniffRoot(path string) (element, error) {
	f, err := openXML(path)
	if err != nil {
		return element{}, err
	}
	defer f.Close()
	d := xml.NewDecoder(f)
	d.CharsetReader = utf16Charset
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			return element{}, errors.New("no root element")
		}
		if err != nil {
			return element{}, fmt.Errorf("not well-formed XML: %v", err)
		}
		if se, ok := tok.(xml.StartElement); ok {
			l, _ := d.InputPos()
			return newElement(se, l), nil
		}
	}
}

// xliffVersion classifies an XLIFF root element: "1.2", "2.0" or "2.1", or
// "" with the reason the file is not a supported XLIFF document.
func xliffVersion(root element) (kind, why string) {
	version, hasVersion := root.attrs["version"]
	if root.local != "xliff" {
		return "", fmt.Sprintf("root element is <%s>, not <xliff>", root.local)
	}
	quoted := "None"
	if hasVersion {
		quoted = "'" + version + "'"
	}
	switch {
	case root.ns == xliff12NS:
		if version != "1.2" {
			return "", "XLIFF 1.2 namespace but version=" + quoted
		}
		return "1.2", ""
	case root.ns == xliff2NS:
		if version == "2.0" || version == "2.1" {
			return version, ""
		}
		return "", "XLIFF 2 namespace with version=" + quoted + ": only the 2.0 and 2.1 schemas are here"
	case root.ns == "urn:oasis:names:tc:xliff:document:2.1":
		return "", `namespace urn:oasis:names:tc:xliff:document:2.1 does not exist: XLIFF 2.1 keeps xmlns="` + xliff2NS + `" and says version="2.1"`
	case len(root.ns) > len("urn:oasis:names:tc:xliff:document:") && root.ns[:len("urn:oasis:names:tc:xliff:document:")] == "urn:oasis:names:tc:xliff:document:":
		return "", "XLIFF " + root.ns[len("urn:oasis:names:tc:xliff:document:"):] + " is not covered (only 1.2, 2.0 and 2.1)"
	}
	ns := root.ns
	if ns == "" {
		ns = "(none)"
	}
	return "", fmt.Sprintf("<xliff> in namespace '%s', not an XLIFF 1.2 or 2.x namespace", ns)
}

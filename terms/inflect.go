package terms

import "strings"

// irregular maps English irregular plurals to their singular.
var irregular = map[string]string{
	"men": "man", "women": "woman", "children": "child", "people": "person",
	"crises": "crisis", "analyses": "analysis", "theses": "thesis",
	"mice": "mouse", "feet": "foot", "teeth": "tooth", "geese": "goose",
	"data": "datum", "criteria": "criterion", "phenomena": "phenomenon",
}

// EnglishBases returns the forms a folded English word may be an inflection
// of (see the package documentation), the word itself first.
func EnglishBases(w string) []string {
	out := []string{w}
	add := func(s string) {
		if len(s) >= 2 {
			out = append(out, s)
		}
	}
	if s, ok := irregular[w]; ok {
		add(s)
	}
	n := len(w)
	switch {
	case strings.HasSuffix(w, "ies") && n > 4:
		add(w[:n-3] + "y")
	case strings.HasSuffix(w, "ves") && n > 4:
		add(w[:n-3] + "f")
		add(w[:n-3] + "fe")
	}
	if strings.HasSuffix(w, "es") && n > 3 {
		add(w[:n-2])
	}
	if strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && n > 3 {
		add(w[:n-1])
	}
	for _, sf := range []string{"ed", "ing"} {
		if !strings.HasSuffix(w, sf) || n-len(sf) < 2 {
			continue
		}
		b := w[:n-len(sf)]
		add(b)
		add(b + "e")
		if k := len(b); k >= 3 && b[k-1] == b[k-2] {
			add(b[:k-1]) // stopped → stop
		}
		if sf == "ed" && strings.HasSuffix(b, "i") {
			add(b[:len(b)-1] + "y") // carried → carry
		}
	}
	return out
}

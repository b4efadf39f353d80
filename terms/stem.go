package terms

import "strings"

// minStem is the fewest letters a stem keeps once affixes are removed.
const minStem = 3

// IndonesianStems returns the forms a folded Indonesian word may be an
// affixed form of (see the package documentation), the word itself first.
// It over-generates on purpose: the forms are only compared with the words
// of terms, never shown.
func IndonesianStems(w string) []string {
	out := []string{w}
	add := func(s string) {
		if len(s) < minStem {
			return
		}
		for _, x := range out {
			if x == s {
				return
			}
		}
		out = append(out, s)
	}
	// Clitics and suffixes: each form without them, with "which suffix"
	// remembered for the confix rule.
	type form struct {
		s      string
		suffix string // "", "kan", "i", "an"
	}
	forms := []form{{w, ""}}
	for _, cl := range []string{"nya", "lah", "kah", "pun"} {
		if strings.HasSuffix(w, cl) && len(w)-len(cl) >= minStem {
			forms = append(forms, form{w[:len(w)-len(cl)], ""})
			break
		}
	}
	for _, f := range forms[:len(forms):len(forms)] {
		for _, sf := range []string{"kan", "an", "i"} {
			if strings.HasSuffix(f.s, sf) && len(f.s)-len(sf) >= minStem {
				forms = append(forms, form{f.s[:len(f.s)-len(sf)], sf})
			}
		}
	}
	for _, f := range forms {
		add(f.s)
		for _, p := range unprefix(f.s) {
			if f.suffix == "an" && (p.prefix == "pe" || p.prefix == "per" || p.prefix == "ke") {
				continue // pe(N)-…-an, per-…-an, ke-…-an: another noun
			}
			add(p.stem)
		}
	}
	return out
}

type prefixed struct{ prefix, stem string }

// unprefix returns the stems w may have under one prefix (di-, ter-, ber-,
// ke-, se-, per-, me(N)-, pe(N)-), with the prefix's family: "me", "pe",
// "per", "ke" or the prefix itself.
func unprefix(w string) []prefixed {
	var out []prefixed
	add := func(prefix, stem string) {
		if len(stem) >= minStem {
			out = append(out, prefixed{prefix, stem})
		}
	}
	for _, p := range []string{"di", "ter", "ber", "bel", "be", "ke", "se", "per"} {
		if strings.HasPrefix(w, p) {
			fam := p
			if p == "bel" || p == "be" {
				fam = "ber"
			}
			add(fam, w[len(p):])
		}
	}
	for _, fam := range []string{"me", "pe"} {
		if !strings.HasPrefix(w, fam) {
			continue
		}
		rest := w[len(fam):]
		switch {
		case strings.HasPrefix(rest, "nge"):
			add(fam, rest[3:]) // menge-/penge- before one-syllable stems
			fallthrough
		case strings.HasPrefix(rest, "ng"):
			r := rest[2:]
			add(fam, r)
			if startsVowel(r) {
				add(fam, "k"+r)
			}
		case strings.HasPrefix(rest, "ny"):
			add(fam, "s"+rest[2:])
		case strings.HasPrefix(rest, "m"):
			r := rest[1:]
			add(fam, r)
			if startsVowel(r) {
				add(fam, "p"+r)
			}
		case strings.HasPrefix(rest, "n"):
			r := rest[1:]
			add(fam, r)
			if startsVowel(r) {
				add(fam, "t"+r)
			}
		default:
			// me- and pe- before l, r, w, y and nasals: melihat, merusak.
			add(fam, rest)
		}
	}
	return out
}

func startsVowel(s string) bool {
	return s != "" && strings.IndexByte("aeiou", s[0]) >= 0
}

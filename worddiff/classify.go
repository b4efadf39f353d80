package worddiff

import (
	"encoding/json"
	"strings"
	"unicode"
)

// Class says what kind of edit a [Change] is.
type Class int

// The classes of changes, in the order [Classify] tries them.
const (
	Spacing     Class = iota // only white space changed
	Punctuation              // only punctuation marks or symbols were deleted or inserted
	Case                     // the same words with other capitals
	Moved                    // words deleted here were inserted elsewhere in the unit (or the reverse)
	NumberEdit               // the numbers changed, the words around them did not
	Substituted              // words replaced by other words
	Inserted                 // words added
	Deleted                  // words removed
	numClasses
)

var classNames = [numClasses]string{"spacing", "punctuation", "case", "moved", "number", "substituted", "inserted", "deleted"}

// String returns the class's name as used in JSON and in message IDs:
// "spacing", "punctuation", "case", "moved", "number", "substituted",
// "inserted" or "deleted".
func (c Class) String() string {
	if c >= 0 && c < numClasses {
		return classNames[c]
	}
	return "Class(?)"
}

// MarshalText returns the class's name.
func (c Class) MarshalText() ([]byte, error) { return []byte(c.String()), nil }

// Classes returns every class, in order.
func Classes() []Class {
	cs := make([]Class, numClasses)
	for i := range cs {
		cs[i] = Class(i)
	}
	return cs
}

// Change is a maximal run of Delete and Insert ops in a diff, with its
// class. First and Last are the indexes of its first and last op.
type Change struct {
	Class       Class
	First, Last int
	Deleted     string // the deleted text, white space included
	Inserted    string // the inserted text
}

// Classify groups the non-equal ops of a diff into changes and classes
// each one. A change that only deletes words which another change of the
// unit inserts (compared without regard to case, ignoring punctuation), or
// only inserts words which another change deletes, is Moved, and so is
// that other change when it only inserts (or deletes) those same words.
//
// The search for moves compares words at most [MaxWork] times; past that,
// the remaining changes keep their class (see [ClassifyBounded]).
func Classify(ops []Op) []Change {
	changes, _ := classifyOps(ops, newBudget())
	return changes
}

// ClassifyBounded is [Classify], also reporting whether the search for
// moves was complete (false when it ran past [MaxWork]).
func ClassifyBounded(ops []Op) (changes []Change, exact bool) {
	return classifyOps(ops, newBudget())
}

// classifyOps is Classify within a budget.
func classifyOps(ops []Op, bud *budget) ([]Change, bool) {
	var changes []Change
	var del, ins [][]Token
	for i := 0; i < len(ops); i++ {
		if ops[i].Kind == Equal {
			continue
		}
		c := Change{First: i}
		var d, n []Token
		for ; i < len(ops) && ops[i].Kind != Equal; i++ {
			if ops[i].Kind == Delete {
				c.Deleted += ops[i].Text
				d = append(d, ops[i].Tokens...)
			} else {
				c.Inserted += ops[i].Text
				n = append(n, ops[i].Tokens...)
			}
		}
		c.Last = i - 1
		changes = append(changes, c)
		del, ins = append(del, d), append(ins, n)
	}
	for k := range changes {
		changes[k].Class = classify(del[k], ins[k])
	}
	// Moves: a pure deletion whose words another change inserts, or the
	// reverse.
	exact := true
moves:
	for k := range changes {
		if changes[k].Class != Deleted && changes[k].Class != Inserted {
			continue
		}
		for l := range changes {
			if l == k {
				continue
			}
			// containsWords compares at most this many words.
			if !bud.take(1 + (len(ins[l])+len(del[l]))*(len(del[k])+len(ins[k]))) {
				exact = false
				break moves
			}
			if changes[k].Class == Deleted && containsWords(ins[l], del[k]) ||
				changes[k].Class == Inserted && containsWords(del[l], ins[k]) {
				changes[k].Class = Moved
				// The other change is a move too when it holds nothing else.
				if (changes[l].Class == Deleted || changes[l].Class == Inserted) &&
					containsWords(append(del[k], ins[k]...), append(del[l], ins[l]...)) {
					changes[l].Class = Moved
				}
				break
			}
		}
	}
	return changes, exact
}

// classify classes one change from its deleted and inserted tokens.
func classify(del, ins []Token) Class {
	dw, iw := content(del), content(ins)
	if len(dw) == 0 && len(iw) == 0 {
		return Spacing
	}
	// Punctuation inside a word counts too: "U.N." and "UN" differ
	// only in their full stops.
	if pd, pi := unpunct(dw), unpunct(iw); pd == pi {
		return Punctuation
	} else if pd != "" && pi != "" && strings.EqualFold(pd, pi) {
		return Case
	}
	if (hasKind(dw, Number) || hasKind(iw, Number)) && sameWithout(dw, iw, Number) {
		return NumberEdit
	}
	dw, iw = words(dw), words(iw)
	switch {
	case len(dw) > 0 && len(iw) > 0:
		return Substituted
	case len(iw) > 0:
		return Inserted
	case len(dw) > 0:
		return Deleted
	}
	// Punctuation changed on one side, something else (codes) on the
	// other: treat as a substitution of what is there.
	return Substituted
}

// content drops white space.
func content(toks []Token) []Token {
	var out []Token
	for _, t := range toks {
		if t.Kind != Space {
			out = append(out, t)
		}
	}
	return out
}

// words keeps the tokens that carry words: everything but white space and
// punctuation.
func words(toks []Token) []Token {
	var out []Token
	for _, t := range toks {
		if t.Kind != Space && t.Kind != Punct {
			out = append(out, t)
		}
	}
	return out
}

// hasKind reports whether a token is of kind k.
func hasKind(toks []Token, k TokenKind) bool {
	for _, t := range toks {
		if t.Kind == k {
			return true
		}
	}
	return false
}

// sameWithout reports whether a and b have the same words once the tokens
// of kind k and punctuation are dropped, comparing without regard to case.
func sameWithout(a, b []Token, k TokenKind) bool {
	strip := func(toks []Token) string {
		var s []string
		for _, t := range toks {
			if t.Kind != k && t.Kind != Punct {
				s = append(s, t.Text)
			}
		}
		return strings.Join(s, "\x00")
	}
	return strings.EqualFold(strip(a), strip(b))
}

// containsWords reports whether the words of outer (punctuation ignored)
// hold the non-empty sequence of words of inner, without regard to case.
func containsWords(outer, inner []Token) bool {
	wo, wi := words(outer), words(inner)
	if len(wi) == 0 {
		return false
	}
next:
	for s := 0; s+len(wi) <= len(wo); s++ {
		for i := range wi {
			if !strings.EqualFold(wo[s+i].Text, wi[i].Text) {
				continue next
			}
		}
		return true
	}
	return false
}

// unpunct joins the tokens' texts, separated by a character no token
// contains, leaving out punctuation and symbols, also inside words (but
// not inside numbers).
func unpunct(toks []Token) string {
	var b strings.Builder
	for _, t := range toks {
		if t.Kind == Punct {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte(0)
		}
		if t.Kind == Number { // "3.5" and "35" are different numbers
			b.WriteString(t.Text)
			continue
		}
		for _, r := range t.Text {
			if !unicode.IsPunct(r) && !unicode.IsSymbol(r) {
				b.WriteRune(r)
			}
		}
	}
	return b.String()
}

// Counts is the number of changes of each class.
type Counts [numClasses]int

// Add counts the changes.
func (c *Counts) Add(changes []Change) {
	for _, ch := range changes {
		c[ch.Class]++
	}
}

// Total returns the number of changes of all classes.
func (c Counts) Total() int {
	n := 0
	for _, v := range c {
		n += v
	}
	return n
}

// MarshalJSON writes the counts as an object keyed by class name, every
// class present.
func (c Counts) MarshalJSON() ([]byte, error) {
	var b strings.Builder
	b.WriteByte('{')
	for i, v := range c {
		if i > 0 {
			b.WriteByte(',')
		}
		k, _ := json.Marshal(Class(i).String())
		b.Write(k)
		b.WriteByte(':')
		v, _ := json.Marshal(v)
		b.Write(v)
	}
	b.WriteByte('}')
	return []byte(b.String()), nil
}

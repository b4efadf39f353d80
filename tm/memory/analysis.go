package memory

import (
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"

	"github.com/padan-tm/padan/internal/fuzzy"
	"github.com/padan-tm/padan/tm/internal/stored"
	"github.com/padan-tm/padan/worddiff"
)

// analyze tokenizes a text with worddiff and prepares it for scoring.
func analyze(s string) fuzzy.Analysis {
	return fuzzy.Analyze(worddiff.Tokenize(s))
}

// analyzeKeys returns analyze(s).Keys, and only that (for indexing).
func analyzeKeys(s string) []string {
	return fuzzy.Keys(worddiff.Tokenize(s))
}

// Analyze prepares a text for scoring exactly as the memory does (worddiff
// tokens, NFC), for tools that score outside the store, such as the
// benchmark's exhaustive scan.
func Analyze(s string) fuzzy.Analysis { return analyze(stored.NFC(s)) }

// emptyKey is the token under which entries without any key are posted,
// so that a query without keys finds them.
const emptyKey = ""

// entryHash identifies an entry's content for de-duplication.
func entryHash(sourceLang, targetLang, source, target, codes string) []byte {
	h := sha256.New()
	for _, s := range []string{sourceLang, targetLang, source, target, codes} {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	return h.Sum(nil)[:16]
}

// contextHash identifies the neighbours of a unit in its document; nil
// when both are unknown.
func contextHash(prev, next string) []byte {
	if prev == "" && next == "" {
		return nil
	}
	h := sha256.Sum256([]byte(prev + "\x00" + next))
	return h[:8]
}

// encodeKeys writes token ids as unsigned varints.
func encodeKeys(ids []int64) []byte {
	b := make([]byte, 0, len(ids)*2)
	for _, id := range ids {
		b = binary.AppendUvarint(b, uint64(id))
	}
	return b
}

// decodeKeys reads token ids written by encodeKeys into dst.
func decodeKeys(dst []int64, b []byte) ([]int64, error) {
	dst = dst[:0]
	for len(b) > 0 {
		v, n := binary.Uvarint(b)
		if n <= 0 {
			return nil, fmt.Errorf("corrupt key list")
		}
		dst = append(dst, int64(v))
		b = b[n:]
	}
	return dst, nil
}

// encodePostings writes increasing entry ids as deltas from first.
func encodePostings(ids []int64) []byte {
	b := make([]byte, 0, len(ids)*2)
	prev := ids[0]
	for _, id := range ids[1:] {
		b = binary.AppendUvarint(b, uint64(id-prev))
		prev = id
	}
	return b
}

// appendPostings decodes a block written by encodePostings whose first id
// is first, appending the ids to dst.
func appendPostings(dst []int64, first int64, b []byte) ([]int64, error) {
	dst = append(dst, first)
	id := first
	for len(b) > 0 {
		var v uint64
		if b[0] < 0x80 { // most deltas of a posting list
			v, b = uint64(b[0]), b[1:]
		} else {
			var n int
			if v, n = binary.Uvarint(b); n <= 0 {
				return nil, errCorruptPostings
			}
			b = b[n:]
		}
		if v == 0 {
			return nil, errCorruptPostings
		}
		id += int64(v)
		dst = append(dst, id)
	}
	return dst, nil
}

// errCorruptPostings reports a posting block that encodePostings did not
// write.
var errCorruptPostings = errors.New("corrupt posting block")

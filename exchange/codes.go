package exchange

import (
	"encoding/json"
	"fmt"

	"github.com/padan-tm/padan/exports"
)

// EncodeCodes returns the JSON form in which the store keeps a text's
// inline codes (see [tm.Revision.Codes]): a JSON array of [exports.Code],
// or "" when there are none.
func EncodeCodes(codes []exports.Code) string {
	if len(codes) == 0 {
		return ""
	}
	b, err := json.Marshal(codes)
	if err != nil {
		// A Code holds only strings and numbers: Marshal cannot fail.
		panic(err)
	}
	return string(b)
}

// DecodeCodes reads inline codes stored by [EncodeCodes]; "" gives none.
func DecodeCodes(s string) ([]exports.Code, error) {
	if s == "" {
		return nil, nil
	}
	var codes []exports.Code
	if err := json.Unmarshal([]byte(s), &codes); err != nil {
		return nil, fmt.Errorf("stored inline codes: %w", err)
	}
	return codes, nil
}

// CanonicalTarget returns a target read from a file, whose code runes index
// codes, in the form the store keeps (see [exports.Canonical]), with its
// codes as stored JSON.
func CanonicalTarget(target string, codes []exports.Code) (string, string, error) {
	texts, cc, err := exports.Canonical(codes, target)
	if err != nil {
		return "", "", err
	}
	return texts[0], EncodeCodes(cc), nil
}

// StoredTarget returns a stored target and its codes' JSON in the form of
// [CanonicalTarget], so that a target stored before (say by `padan
// translate`, without codes) and the same target read back compare equal.
func StoredTarget(target, codesJSON string) (string, string, error) {
	codes, err := DecodeCodes(codesJSON)
	if err != nil {
		return "", "", err
	}
	return CanonicalTarget(target, codes)
}

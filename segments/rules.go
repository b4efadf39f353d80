package segments

import (
	"bytes"
	_ "embed"
	"sync"
)

// defaultSRX is padan's built-in rule file: Indonesian, English and a
// generic fallback.
//
//go:embed rules.srx
var defaultSRX []byte

var defaultRules = sync.OnceValue(func() *Rules {
	r, err := ParseSRX(bytes.NewReader(defaultSRX))
	if err != nil {
		// The file is embedded: TestDefaultRules catches a broken one.
		panic("segments: built-in rules: " + err.Error())
	}
	return r
})

// DefaultRules returns padan's built-in rules, an SRX 2.0 document embedded
// in the binary, with rules for Indonesian and English and a generic
// fallback for other languages. The result is shared: do not change it.
func DefaultRules() *Rules { return defaultRules() }

package tmx

import (
	"testing"

	"github.com/padan-tm/padan/internal/testenv"
)

func sharedSamples(t *testing.T) string {
	t.Helper()
	return testenv.SharedFile(t, "interop/samples")
}

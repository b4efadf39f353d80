package tmx

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/padan-tm/padan/exports/internal/exporttest"
)

// TestInterop writes the article's units and the tricky ones to a TMX and
// has the real tools judge it: the DTD and content checks, translate-toolkit
// (same units, same texts) and OmegaT (uses it as a memory).
func TestInterop(t *testing.T) {
	units := append(exporttest.Article(t), exporttest.Tricky()...)
	ctl := exporttest.Tricky()[0]
	ctl.ID, ctl.Source, ctl.Target = "ctl", "kontrol\x0bdi sini\x01", "control\x0bhere\x7f"
	units = append(units, ctl)
	file := filepath.Join(t.TempDir(), "padan.tmx")
	if err := os.WriteFile(file, writeAll(t, units), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Run("validate-tmx", func(t *testing.T) {
		out, code := exporttest.Check(t, "validate-tmx", file)
		exporttest.Pass(t, out, code)
		if !strings.Contains(out, "0 warning(s)") {
			t.Errorf("warnings:\n%s", out)
		}
	})
	t.Run("tk-read", func(t *testing.T) {
		n, got := exporttest.TKRead(t, file)
		if n != len(units) || len(got) != len(units) {
			t.Fatalf("translate-toolkit read %d units (%d shown), wrote %d", n, len(got), len(units))
		}
		for i, u := range units {
			if len(u.Codes) > 0 || u.ID == "ctl" {
				continue // translate-toolkit renders codes its own way
			}
			if got[i].ID != u.ID || got[i].Source != u.Source || got[i].Target != u.Target {
				t.Errorf("unit %d: translate-toolkit read %+v, wrote %q %q %q", i, got[i], u.ID, u.Source, u.Target)
			}
		}
	})
	t.Run("omegat-check", func(t *testing.T) {
		out, code := exporttest.Check(t, "omegat-check", "--max-units", "0", file)
		exporttest.Pass(t, out, code)
	})
}

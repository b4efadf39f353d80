package xliff

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/padan-tm/padan/exports"
	"github.com/padan-tm/padan/exports/internal/exporttest"
	"github.com/padan-tm/padan/exports/tmx"
	"github.com/padan-tm/padan/internal/interop"
	"github.com/padan-tm/padan/internal/testenv"
)

// interopUnits are the article's units, the tricky ones, an untranslated
// one, pre-translated ones (a proposal with its target, one without, a
// context match) and one with characters XML cannot carry.
func interopUnits(t *testing.T) []exports.Unit {
	units := exporttest.Article(t)
	units[1].Status, units[1].Target, units[1].Translator = exports.StatusInitial, "", exports.Revision{}
	units[2].Status, units[2].Translator = exports.StatusInitial, exports.Revision{}
	units[2].Match = &exports.Match{Score: 87, Origin: "padan-tm", Source: units[2].Source, Target: units[2].Target}
	// A context match (padan's 101) and a proposal without a target, as
	// padan exports them.
	units[3].Match = &exports.Match{Score: 100, Context: true, Origin: "lama.tmx", Source: units[3].Source, Target: units[3].Target}
	units[5].Status, units[5].Translator = exports.StatusInitial, exports.Revision{}
	units[5].Match = &exports.Match{Score: 80, Origin: "lama.tmx", Source: units[5].Source + " (lama)", Target: units[5].Target}
	units[5].Target = ""
	units[4].Status = exports.StatusFinal
	units[4].Notes = []exports.Note{{Text: `"possible" reads better & shorter`, From: "Atman Ahdiat", AppliesTo: "target"}}
	units = append(units, exporttest.Tricky()...)
	ctl := exporttest.Tricky()[0]
	ctl.ID, ctl.Source, ctl.Target = "ctl", "kontrol\x0bdi sini\x01", "control\x0bhere\x1f"
	ctl.Translator.Text = ctl.Target
	return append(units, ctl)
}

// TestInterop writes XLIFF 1.2 and 2.0 files and has the real tools judge
// them: the official schemas plus the specification checks, and
// translate-toolkit reading the 1.2 file (same units, texts, and no
// translated unit taken for fuzzy).
func TestInterop(t *testing.T) {
	units := interopUnits(t)
	dir := t.TempDir()
	for _, f := range formats {
		file := filepath.Join(dir, "padan-"+f.name+".xlf")
		if err := os.WriteFile(file, f.write(t, options(), units), 0o644); err != nil {
			t.Fatal(err)
		}
		t.Run(f.name+"/validate-xliff", func(t *testing.T) {
			out, code := exporttest.Check(t, "validate-xliff", file)
			exporttest.Pass(t, out, code)
			if !strings.Contains(out, "0 warning(s)") {
				t.Errorf("warnings:\n%s", out)
			}
		})
		t.Run(f.name+"/tk-read", func(t *testing.T) {
			if f.name == "2.0" {
				out, code := exporttest.Check(t, "tk-read", file)
				if code == interop.Skip {
					testenv.Unsupported(t, "translate-toolkit cannot read XLIFF 2 here (the schema and specification checks judge it): "+strings.TrimSpace(out[strings.LastIndex(strings.TrimSpace(out), "\n")+1:]))
				}
				exporttest.Pass(t, out, code)
			}
			n, got := exporttest.TKRead(t, file)
			if n != len(units) || len(got) != len(units) {
				t.Fatalf("translate-toolkit read %d units (%d shown), wrote %d", n, len(got), len(units))
			}
			for i, u := range units {
				if len(u.Codes) > 0 || u.ID == "ctl" {
					continue // translate-toolkit renders codes its own way
				}
				if got[i].ID != u.ID || got[i].Source != u.Source || got[i].Target != u.Target && !(u.Target == "" && got[i].Target == "") {
					t.Errorf("unit %d: translate-toolkit read %+v, wrote %q %q %q", i, got[i], u.ID, u.Source, u.Target)
				}
				if fuzzy := u.Status == exports.StatusInitial && u.Target != ""; got[i].Fuzzy != fuzzy {
					t.Errorf("unit %s (%v): translate-toolkit fuzzy=%v", u.ID, u.Status, got[i].Fuzzy)
				}
			}
		})
	}
}

// TestInteropOmegaT prepares an XLIFF 1.2 for OmegaT (untranslated units
// with a copy of the source as target) and a TMX of their translations:
// OmegaT must fill every target from the memory.
func TestInteropOmegaT(t *testing.T) {
	article := exporttest.Article(t)
	dir := t.TempDir()
	memory := filepath.Join(dir, "memory.tmx")
	f, err := os.Create(memory)
	if err != nil {
		t.Fatal(err)
	}
	tw, err := tmx.NewWriter(f, tmx.Header{SrcLang: "id", CreationToolVersion: "test"})
	if err != nil {
		t.Fatal(err)
	}
	var work []exports.Unit
	for _, u := range article {
		if err := tw.Write(u); err != nil {
			t.Fatal(err)
		}
		u.Target, u.Status, u.Translator, u.Editor = "", exports.StatusInitial, exports.Revision{}, exports.Revision{}
		work = append(work, u)
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	o := options()
	o.CopySource = true
	file := filepath.Join(dir, "for-omegat.xlf")
	if err := os.WriteFile(file, formats[0].write(t, o, work), 0o644); err != nil {
		t.Fatal(err)
	}
	out, code := exporttest.Check(t, "omegat-check", "--tm", memory, file)
	exporttest.Pass(t, out, code)
	if want := "translated from the memory"; !strings.Contains(out, want) {
		t.Errorf("no %q in\n%s", want, out)
	}
}

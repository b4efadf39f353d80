package workflow

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"
)

// TestNoStatusOrdering reads every Go file of the module for statuses
// compared with <, <=, >, >= or passed to min or max: a Status is a word, so
// these compile but order "final" before "initial". [Status.Reached] is the
// comparison to use. The check is by name (an operand named Status or
// status, or a status constant), so a renamed variable escapes it; it
// guards against the natural way of writing the mistake.
func TestNoStatusOrdering(t *testing.T) {
	names := map[string]bool{"Status": true, "status": true}
	for _, s := range Statuses {
		w := strings.ToUpper(string(s[:1])) + string(s[1:])
		names[w], names["Status"+w] = true, true
	}
	statusLike := func(e ast.Expr) bool {
		switch e := ast.Unparen(e).(type) {
		case *ast.Ident:
			return names[e.Name]
		case *ast.SelectorExpr:
			return names[e.Sel.Name]
		}
		return false
	}
	fset := token.NewFileSet()
	files := 0
	err := filepath.WalkDir("..", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") {
			return err
		}
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			return err
		}
		files++
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.BinaryExpr:
				switch n.Op {
				case token.LSS, token.LEQ, token.GTR, token.GEQ:
					if statusLike(n.X) || statusLike(n.Y) {
						t.Errorf("%s: statuses ordered with %s; use Status.Reached", fset.Position(n.Pos()), n.Op)
					}
				}
			case *ast.CallExpr:
				if fn, ok := n.Fun.(*ast.Ident); ok && (fn.Name == "min" || fn.Name == "max") {
					for _, a := range n.Args {
						if statusLike(a) {
							t.Errorf("%s: statuses ordered with %s; use Status.Reached", fset.Position(n.Pos()), fn.Name)
							break
						}
					}
				}
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if files < 100 {
		t.Fatalf("read only %d Go files from the module", files)
	}
}

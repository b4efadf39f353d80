package main

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/printer"
	"go/token"
	"io/fs"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"

	"github.com/padan-tm/padan/locales"
)

// messageFuncs are the ui's message functions and the position of their
// message ID argument. Any function that passes one of its own parameters on
// to such a position is a message function too; messageIDs finds those.
var messageFuncs = map[string]int{"T": 0, "Usage": 0, "usageFor": 1, "Fail": 0}

// messageUse is one message ID the code asks for, and where.
type messageUse struct {
	id  string
	pos token.Position
}

// messageIDs reads the Go files of a package and returns every message ID
// its calls to message functions use, and a problem for each call whose ID
// is neither a string literal nor a declared string constant (nor, inside a
// message function, the parameter it passes on). A composite literal field
// `MessageID:` counts as such a call. It also returns the message functions
// it found, with the position of their ID argument.
func messageIDs(fset *token.FileSet, files []*ast.File) (uses []messageUse, problems []string, funcs map[string]int) {
	consts := stringConsts(files)
	funcs = map[string]int{}
	for name, i := range messageFuncs {
		funcs[name] = i
	}
	// Helpers that pass an ID parameter on are message functions: grow the
	// set until it stops growing.
	for grown := true; grown; {
		grown = false
		eachFunc(files, func(name string, params []string, body *ast.BlockStmt) {
			eachIDArg(body, funcs, func(_ string, arg ast.Expr) {
				id, ok := arg.(*ast.Ident)
				if !ok || name == "" {
					return
				}
				for i, p := range params {
					if p == id.Name {
						if old, ok := funcs[name]; !ok || old != i {
							funcs[name] = i
							grown = true
						}
					}
				}
			})
		})
	}
	eachFunc(files, func(name string, params []string, body *ast.BlockStmt) {
		eachIDArg(body, funcs, func(callee string, arg ast.Expr) {
			pos := fset.Position(arg.Pos())
			switch a := arg.(type) {
			case *ast.BasicLit:
				if s, err := strconv.Unquote(a.Value); a.Kind == token.STRING && err == nil {
					uses = append(uses, messageUse{s, pos})
					return
				}
			case *ast.Ident:
				if s, ok := consts[a.Name]; ok {
					uses = append(uses, messageUse{s, pos})
					return
				}
				if i, ok := funcs[name]; ok && i < len(params) && params[i] == a.Name {
					return // a message function passing its own ID on
				}
			}
			problems = append(problems, fmt.Sprintf("%s: the message ID given to %s is computed at run time (%s): use a string literal or a constant",
				pos, callee, exprString(fset, arg)))
		})
	})
	return uses, problems, funcs
}

// stringConsts returns the package's declared string constants by name.
func stringConsts(files []*ast.File) map[string]string {
	consts := map[string]string{}
	for _, f := range files {
		ast.Inspect(f, func(n ast.Node) bool {
			d, ok := n.(*ast.GenDecl)
			if !ok || d.Tok != token.CONST {
				return true
			}
			for _, spec := range d.Specs {
				vs := spec.(*ast.ValueSpec)
				for i, name := range vs.Names {
					if i >= len(vs.Values) {
						continue
					}
					if lit, ok := vs.Values[i].(*ast.BasicLit); ok && lit.Kind == token.STRING {
						if s, err := strconv.Unquote(lit.Value); err == nil {
							consts[name.Name] = s
						}
					}
				}
			}
			return true
		})
	}
	return consts
}

// eachFunc calls fn for every function declaration and every function
// literal assigned to a name (`f := func(id string) …`), with its name
// ("" for other function literals) and its parameters' names.
func eachFunc(files []*ast.File, fn func(name string, params []string, body *ast.BlockStmt)) {
	paramNames := func(ft *ast.FuncType) []string {
		var names []string
		for _, field := range ft.Params.List {
			if len(field.Names) == 0 {
				names = append(names, "_")
			}
			for _, n := range field.Names {
				names = append(names, n.Name)
			}
		}
		return names
	}
	for _, f := range files {
		named := map[*ast.FuncLit]string{}
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncDecl:
				if n.Body != nil {
					fn(n.Name.Name, paramNames(n.Type), n.Body)
				}
			case *ast.AssignStmt:
				for i, rhs := range n.Rhs {
					if lit, ok := rhs.(*ast.FuncLit); ok && i < len(n.Lhs) {
						if id, ok := n.Lhs[i].(*ast.Ident); ok {
							named[lit] = id.Name
						}
					}
				}
			case *ast.FuncLit:
				fn(named[n], paramNames(n.Type), n.Body)
			}
			return true
		})
	}
}

// eachIDArg calls fn for the message ID argument of every call to a message
// function directly in body (not in function literals, which eachFunc
// visits on their own), and for every `MessageID:` field.
func eachIDArg(body *ast.BlockStmt, funcs map[string]int, fn func(callee string, arg ast.Expr)) {
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.CallExpr:
			var name string
			switch f := n.Fun.(type) {
			case *ast.Ident:
				name = f.Name
			case *ast.SelectorExpr:
				name = f.Sel.Name
			}
			if i, ok := funcs[name]; ok && i < len(n.Args) {
				fn(name, n.Args[i])
			}
		case *ast.KeyValueExpr:
			if k, ok := n.Key.(*ast.Ident); ok && k.Name == "MessageID" {
				fn("MessageID", n.Value)
			}
		}
		return true
	})
}

// exprString prints an expression as the source writes it.
func exprString(fset *token.FileSet, e ast.Expr) string {
	var b strings.Builder
	if err := printer.Fprint(&b, fset, e); err != nil {
		return err.Error()
	}
	return b.String()
}

// parsePackage parses the non-test Go files of the package in dir.
func parsePackage(t *testing.T, dir string) (*token.FileSet, []*ast.File) {
	t.Helper()
	names, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	var files []*ast.File
	for _, name := range names {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	return fset, files
}

// localeIDs returns the message IDs of the embedded message files, by
// language ("en", "id"), with the file defining each.
func localeIDs(t *testing.T) map[string]map[string]string {
	t.Helper()
	ids := map[string]map[string]string{}
	names, err := fs.Glob(locales.Files(), "*.toml")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range names {
		lang := strings.Split(name, ".")[1]
		data, err := fs.ReadFile(locales.Files(), name)
		if err != nil {
			t.Fatal(err)
		}
		var msgs map[string]any
		if err := toml.Unmarshal(data, &msgs); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if ids[lang] == nil {
			ids[lang] = map[string]string{}
		}
		for id := range msgs {
			ids[lang][id] = name
		}
	}
	return ids
}

// localeTexts returns the texts of the embedded messages of one language
// ("en", "id"), every plural form, by message ID.
func localeTexts(t *testing.T, lang string) map[string]string {
	t.Helper()
	texts := map[string]string{}
	names, err := fs.Glob(locales.Files(), "*."+lang+".toml")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range names {
		data, err := fs.ReadFile(locales.Files(), name)
		if err != nil {
			t.Fatal(err)
		}
		var msgs map[string]map[string]string
		if err := toml.Unmarshal(data, &msgs); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for id, forms := range msgs {
			var all []string
			for _, f := range forms {
				all = append(all, f)
			}
			sort.Strings(all)
			texts[id] = strings.Join(all, "\n")
		}
	}
	return texts
}

// TestMessagesExist fails for a call to a message function whose ID is
// built at run time, for an ID the code uses that lacks an English or an
// Indonesian text, and for an ID the message files define that no code
// uses.
func TestMessagesExist(t *testing.T) {
	fset, files := parsePackage(t, ".")
	uses, problems, funcs := messageIDs(fset, files)
	for _, p := range problems {
		t.Error(p)
	}
	for name := range messageFuncs {
		found := false
		eachFunc(files, func(fn string, _ []string, _ *ast.BlockStmt) { found = found || fn == name })
		if !found {
			t.Errorf("message function %s is not declared any more: update messageFuncs", name)
		}
	}
	if len(uses) < 100 {
		t.Fatalf("found only %d message IDs: the search is broken", len(uses))
	}
	t.Logf("message functions: %v; %d uses", funcs, len(uses))
	used := map[string]bool{}
	for _, use := range uses {
		if used[use.id] {
			continue
		}
		used[use.id] = true
		for _, lang := range []string{"en", "id"} {
			loc := i18n.NewLocalizer(bundleFor(language.MustParse(lang)), lang)
			_, tag, err := loc.LocalizeWithTag(&i18n.LocalizeConfig{MessageID: use.id, PluralCount: 2})
			if err != nil || tag.String() != lang {
				t.Errorf("%s: message %s has no %s text (%v)", use.pos, use.id, lang, err)
			}
		}
	}
	var unused []string
	for id, file := range localeIDs(t)["en"] {
		if !used[id] {
			unused = append(unused, file+": "+id)
		}
	}
	sort.Strings(unused)
	for _, u := range unused {
		t.Errorf("%s is defined but no code uses it: delete it from both languages", u)
	}
}

// TestMessageIDsComputed checks that the search refuses IDs built at run
// time and follows helpers that pass an ID on.
func TestMessageIDsComputed(t *testing.T) {
	tests := []struct {
		name     string
		src      string
		ids      []string
		problems int
	}{
		{"literal", `u.T("A"); u.Fail("B", nil, nil); u.usageFor(cmd, "C", nil)`, []string{"A", "B", "C"}, 0},
		{"constant", `const k = "K"; u.Usage(k, nil)`, []string{"K"}, 0},
		{"variable", `x := "A"; u.T(x)`, nil, 1},
		{"concatenation", `u.T(prefix + "Usage")`, nil, 1},
		{"map", `u.T(map[int]string{1: "A"}[n])`, nil, 1},
		{"field", `u.Fail(e.id, nil, nil)`, nil, 1},
		{"command is not the ID", `u.usageFor(name, id, nil)`, nil, 1},
		{"localize config", `loc.Localize(&i18n.LocalizeConfig{MessageID: id})`, nil, 1},
		{"helper", `show(u, "P")`, []string{"P"}, 0},
		{"helper computed", `show(u, p + "Q")`, nil, 1},
		{"closure", `say := func(id string) { u.T(id) }; say("S"); say(s)`, []string{"S"}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := "package main\nfunc show(u *ui, descID string) { bar(u.T(descID)) }\nfunc f() {\n" + tt.src + "\n}\n"
			fset := token.NewFileSet()
			f, err := parser.ParseFile(fset, "x.go", src, parser.SkipObjectResolution)
			if err != nil {
				t.Fatal(err)
			}
			uses, problems, _ := messageIDs(fset, []*ast.File{f})
			var ids []string
			for _, u := range uses {
				ids = append(ids, u.id)
			}
			if fmt.Sprint(ids) != fmt.Sprint(tt.ids) || len(problems) != tt.problems {
				t.Errorf("IDs %v, problems %q; want IDs %v and %d problems", ids, problems, tt.ids, tt.problems)
			}
		})
	}
}

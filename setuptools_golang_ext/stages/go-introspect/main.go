// Command introspect prints, as JSON, the Go-level view of every //export function of a cgo
// package and of the packages of its module that it imports: names, doc comments, and the
// parameters and results with their Go types, classified for the Python bindings.
//
// setuptools-golang-ext builds it with the toolchain of the build and runs it as
//
//	introspect -go /path/to/go [-tags a,b] PACKAGE_DIR
//
// It parses and type-checks the package's own files (imports are empty packages: exports cannot
// use other packages' types), so it sees through local named types and aliases without compiling
// anything, and it never edits or builds the user's files.
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// Package is what `go list -json` says about one package.
type Package struct {
	ImportPath string
	Dir        string
	Name       string
	GoFiles    []string
	CgoFiles   []string
	Module     *struct{ Main bool }
}

// Value is one parameter or result.
type Value struct {
	Name string `json:"name"`
	Type string `json:"type"`
	Kind string `json:"kind"`
	Elem string `json:"elem,omitempty"`
}

// Export is one //export function.
type Export struct {
	Name    string  `json:"name"`
	Package string  `json:"package"`
	Doc     string  `json:"doc"`
	File    string  `json:"file"`
	Line    int     `json:"line"`
	Params  []Value `json:"params"`
	Results []Value `json:"results"`
	// Goexit: the function, or a function of its package that it refers to, calls runtime.Goexit.
	Goexit bool `json:"goexit"`
}

// shallowImporter gives every import an empty package. cgo refuses exported functions whose
// parameters or results use another package's types, so the signatures never need them, and
// the build is spared compiling every dependency a second time to produce export data.
type shallowImporter struct {
	packages map[string]*types.Package
}

func (s *shallowImporter) Import(path string) (*types.Package, error) {
	if path == "unsafe" {
		return types.Unsafe, nil
	}
	if pkg, ok := s.packages[path]; ok {
		return pkg, nil
	}
	pkg := types.NewPackage(path, path[strings.LastIndex(path, "/")+1:])
	pkg.MarkComplete()
	s.packages[path] = pkg
	return pkg, nil
}

// Source is a package that declares exports, with the files cgo reads.
type Source struct {
	ImportPath string   `json:"import_path"`
	Name       string   `json:"name"`
	Dir        string   `json:"dir"`
	CgoFiles   []string `json:"cgo_files"`
}

// Report is the whole output.
type Report struct {
	Package  string   `json:"package"`
	Exports  []Export `json:"exports"`
	Packages []Source `json:"packages"`
}

func main() {
	goBin := flag.String("go", "go", "the go command of the build")
	tags := flag.String("tags", "", "comma-separated build tags")
	api := flag.Bool("api", false, "report the exported API of an ordinary package instead")
	pattern := flag.String("package", ".", "with -api: the import path of the package to report")
	var instances stringList
	flag.Var(&instances, "instantiate", "with -api: a generic function to report instantiated (Map[string, int]); repeatable")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: introspect -go GO [-tags TAGS] [-api [-package PATH] [-instantiate F[T]]...] DIR")
		os.Exit(2)
	}
	var report interface{}
	var err error
	if *api {
		report, err = inspectAPI(*goBin, *tags, flag.Arg(0), *pattern, instances)
	} else {
		report, err = inspect(*goBin, *tags, flag.Arg(0))
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	out := json.NewEncoder(os.Stdout)
	out.SetIndent("", " ")
	if err := out.Encode(report); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func inspect(goBin, tags, dir string) (*Report, error) {
	packages, err := listPackages(goBin, tags, dir)
	if err != nil {
		return nil, err
	}
	fset := token.NewFileSet()
	imp := &shallowImporter{packages: map[string]*types.Package{}}
	report := &Report{Package: packages[len(packages)-1].ImportPath, Exports: []Export{}, Packages: []Source{}}
	// `go list -deps` lists dependencies first and the package itself last.
	for _, pkg := range packages {
		if pkg.Module == nil || !pkg.Module.Main || len(pkg.CgoFiles) == 0 {
			continue
		}
		exports, err := inspectPackage(fset, imp, pkg)
		if err != nil {
			return nil, err
		}
		report.Exports = append(report.Exports, exports...)
		if len(exports) > 0 {
			report.Packages = append(report.Packages, Source{pkg.ImportPath, pkg.Name, pkg.Dir, pkg.CgoFiles})
		}
	}
	return report, nil
}

func listPackages(goBin, tags, dir string) ([]Package, error) {
	args := []string{"list", "-deps", "-json=ImportPath,Dir,Name,GoFiles,CgoFiles,Module"}
	return goList[Package](goBin, dir, tags, args, ".")
}

// goList runs `go list` in dir with args (and the build tags) on pattern and decodes the
// JSON objects it prints.
func goList[T any](goBin, dir, tags string, args []string, pattern string) ([]T, error) {
	if tags != "" {
		args = append(args, "-tags="+tags)
	}
	cmd := exec.Command(goBin, append(args, pattern)...)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	output, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("%s %s: %v\n%s", goBin, strings.Join(args, " "), err, stderr.String())
	}
	var items []T
	decoder := json.NewDecoder(bytes.NewReader(output))
	for decoder.More() {
		var item T
		if err := decoder.Decode(&item); err != nil {
			return nil, err
		}
		items = append(items, item)
	}
	if len(items) == 0 {
		return nil, fmt.Errorf("go list found no package %s in %s", pattern, dir)
	}
	return items, nil
}

func inspectPackage(fset *token.FileSet, imp types.Importer, pkg Package) ([]Export, error) {
	files, err := parseFiles(fset, pkg.Dir, pkg.GoFiles, pkg.CgoFiles)
	if err != nil {
		return nil, err
	}
	info := &types.Info{Types: map[ast.Expr]types.TypeAndValue{}, Uses: map[*ast.Ident]types.Object{}, Defs: map[*ast.Ident]types.Object{}}
	config := types.Config{Importer: imp, FakeImportC: true, Error: func(error) {}}
	// Errors are expected (C.* has no Go type); what could be typed is in info.
	config.Check(pkg.ImportPath, fset, files, info) //nolint:errcheck
	goexit := goexitCallers(files, info)
	var exports []Export
	for _, file := range files {
		for _, decl := range file.Decls {
			fn, ok := decl.(*ast.FuncDecl)
			if !ok || fn.Recv != nil {
				continue
			}
			name, exported := exportName(fn)
			if !exported {
				continue
			}
			position := fset.Position(fn.Pos())
			exports = append(exports, Export{
				Name:    name,
				Package: pkg.ImportPath,
				Doc:     strings.TrimSpace(fn.Doc.Text()),
				File:    filepath.Base(position.Filename),
				Line:    position.Line,
				Params:  values(fn.Type.Params, info),
				Results: values(fn.Type.Results, info),
				Goexit:  goexit[info.Defs[fn.Name]],
			})
		}
	}
	return exports, nil
}

// exportName returns the C name of an //export directive in fn's doc comment.
func exportName(fn *ast.FuncDecl) (string, bool) {
	if fn.Doc == nil {
		return "", false
	}
	for _, comment := range fn.Doc.List {
		if rest, ok := strings.CutPrefix(comment.Text, "//export "); ok {
			return strings.TrimSpace(rest), true
		}
	}
	return "", false
}

func values(fields *ast.FieldList, info *types.Info) []Value {
	out := []Value{}
	if fields == nil {
		return out
	}
	for _, field := range fields.List {
		kind, elem := classify(field.Type, info)
		value := Value{Type: types.ExprString(field.Type), Kind: kind, Elem: elem}
		if len(field.Names) == 0 {
			out = append(out, value)
		}
		for _, ident := range field.Names {
			value.Name = ident.Name
			out = append(out, value)
		}
	}
	return out
}

// classify names the kind of a Go type as the bindings need it. cgo's C.* types are invisible
// to go/types, so for them (and pointers to them) the source spelling decides; for the rest the
// underlying type does, which sees through named types and aliases.
func classify(expr ast.Expr, info *types.Info) (kind, elem string) {
	if isC(expr) {
		return "c", ""
	}
	if star, ok := expr.(*ast.StarExpr); ok && isC(star.X) {
		if star.X.(*ast.SelectorExpr).Sel.Name == "char" {
			return "cstring", ""
		}
		return "pointer", ""
	}
	if array, ok := expr.(*ast.ArrayType); ok && array.Len == nil {
		elemKind, _ := classify(array.Elt, info)
		return "slice", elemKind
	}
	typed, ok := info.Types[expr]
	if !ok || typed.Type == nil {
		return "other", ""
	}
	return classifyType(typed.Type)
}

func classifyType(typ types.Type) (kind, elem string) {
	switch under := typ.Underlying().(type) {
	case *types.Basic:
		if under.Kind() == types.UnsafePointer {
			return "unsafe.Pointer", ""
		}
		if under.Info()&types.IsUntyped != 0 || under.Kind() == types.Invalid {
			return "other", ""
		}
		// Kind names, not alias names: byte is uint8 and rune is int32.
		return types.Typ[under.Kind()].Name(), ""
	case *types.Slice:
		elemKind, _ := classifyType(under.Elem())
		return "slice", elemKind
	case *types.Pointer:
		return "pointer", ""
	case *types.Map:
		return "map", ""
	case *types.Chan:
		return "chan", ""
	case *types.Signature:
		return "func", ""
	case *types.Interface:
		if types.Identical(typ, types.Universe.Lookup("error").Type()) {
			return "error", ""
		}
		return "interface", ""
	}
	return "other", ""
}

func isC(expr ast.Expr) bool {
	sel, ok := expr.(*ast.SelectorExpr)
	if !ok {
		return false
	}
	pkg, ok := sel.X.(*ast.Ident)
	return ok && pkg.Name == "C"
}

// goexitCallers returns the functions and methods of the package that call runtime.Goexit,
// directly or through other functions of the package they refer to. Calls through other
// packages are not seen (they are empty to the type checker).
func goexitCallers(files []*ast.File, info *types.Info) map[types.Object]bool {
	refers := map[types.Object][]types.Object{}
	calls := map[types.Object]bool{}
	for _, file := range files {
		for _, decl := range file.Decls {
			fn, ok := decl.(*ast.FuncDecl)
			if !ok || fn.Body == nil {
				continue
			}
			self := info.Defs[fn.Name]
			ast.Inspect(fn.Body, func(node ast.Node) bool {
				switch node := node.(type) {
				case *ast.SelectorExpr:
					if pkg, ok := node.X.(*ast.Ident); ok && node.Sel.Name == "Goexit" {
						if name, ok := info.Uses[pkg].(*types.PkgName); ok && name.Imported().Path() == "runtime" {
							calls[self] = true
						}
					}
				case *ast.Ident:
					if target, ok := info.Uses[node].(*types.Func); ok {
						refers[self] = append(refers[self], target)
					}
				}
				return true
			})
		}
	}
	// Propagate until nothing changes: a caller of a Goexit caller calls Goexit too.
	for changed := true; changed; {
		changed = false
		for caller, targets := range refers {
			for _, target := range targets {
				if calls[target] && !calls[caller] {
					calls[caller], changed = true, true
				}
			}
		}
	}
	return calls
}

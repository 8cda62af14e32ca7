package main

// The -api mode: the exported API of an ordinary (non-main) Go package, fully type-checked, for
// binding it without cgo written by hand. Imports are read from the export data `go list -export`
// leaves in the build cache, so types of other packages (time.Time, error) are known exactly.

import (
	"fmt"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Type describes a Go type as the bindings see it. Kind is a basic kind name (bool, int8 ...
// float64, string), or bytes ([]byte), slice, array, map, pointer, struct (a struct type declared
// by the bound package, by Name), time, duration, error, any, context (context.Context), seq
// (iter.Seq[Elem]), seq2 (iter.Seq2[Key, Elem]), chan (a channel Go sends on: Elem), interface
// (an interface type declared by the bound package, by Name), func (a function type, not
// generic: Params, the last a slice when Variadic, and Results), or unsupported (with Reason).
type Type struct {
	Go     string `json:"go"`
	Spell  string `json:"spell"` // Go, with every package named as \x01import/path\x02
	Kind   string `json:"kind"`
	Name   string `json:"name,omitempty"`
	Len    int64  `json:"len,omitempty"`
	Key    *Type  `json:"key,omitempty"`
	Elem   *Type  `json:"elem,omitempty"`
	Reason string `json:"reason,omitempty"`
	// A function type (kind func): its parameters and results.
	Params   []Type `json:"params,omitempty"`
	Results  []Type `json:"results,omitempty"`
	Variadic bool   `json:"variadic,omitempty"`
}

// Field is a parameter, a result or a struct field.
type Field struct {
	Name     string `json:"name"`
	Type     Type   `json:"type"`
	Embedded bool   `json:"embedded,omitempty"`
	Doc      string `json:"doc,omitempty"`
	// Via: a promoted field's path, the embedded fields that lead to it (outer first).
	Via []string `json:"via,omitempty"`
}

// Function is an exported top-level function.
type Function struct {
	Name     string  `json:"name"`
	Doc      string  `json:"doc"`
	Line     int     `json:"line"`
	Params   []Field `json:"params"`
	Results  []Field `json:"results"`
	Variadic bool    `json:"variadic,omitempty"`
	Generic  bool    `json:"generic,omitempty"`
	// Instance: an instantiation of a generic function the configuration names.
	Instance *Instance `json:"instance,omitempty"`
}

// Struct is an exported struct type declared by the package.
type Struct struct {
	Name   string  `json:"name"`
	Doc    string  `json:"doc"`
	Fields []Field `json:"fields"`
	// Hidden: unexported fields exist, so a value built from the exported ones is partial.
	Hidden  bool `json:"hidden,omitempty"`
	Generic bool `json:"generic,omitempty"`
	// Methods: the exported methods declared on the type or its pointer, and those promoted
	// from its embedded struct types of the package, by name.
	Methods []Method `json:"methods"`
	// Promoted: the exported fields of embedded structs that Go promotes to the type (a
	// selector x.F reaches them), with their paths.
	Promoted []Field `json:"promoted,omitempty"`
	// Error: how the type implements error ("value": T does, "pointer": only *T does), or "".
	Error string `json:"error,omitempty"`
}

// Method is an exported method of a struct or named type; Pointer: only the type's pointer
// has it (its receiver is a pointer). Promoted: Go promotes it from an embedded field.
type Method struct {
	Function
	Pointer  bool `json:"pointer,omitempty"`
	Promoted bool `json:"promoted,omitempty"`
}

// API is the output of the -api mode.
type API struct {
	ImportPath string      `json:"import_path"`
	Name       string      `json:"name"`
	Dir        string      `json:"dir"`
	Doc        string      `json:"doc"`
	Module     string      `json:"module"`
	Standard   bool        `json:"standard"`
	Functions  []Function  `json:"functions"`
	Structs    []Struct    `json:"structs"`
	Sentinels  []Sentinel  `json:"sentinels"`
	Interfaces []Interface `json:"interfaces"`
	// Scope: every name the package declares at package level, exported or not (the generated
	// files added to it must not import a package under one of them).
	Scope []string `json:"scope"`
	// InstanceErrors: the instantiations asked for that cannot be made, and why.
	InstanceErrors []InstanceError `json:"instance_errors,omitempty"`
	// Named: the other exported named types that have exported methods (type Celsius
	// float64, type Option func(*Config)): their values cross as their underlying type, and
	// the bindings call their methods as Go's method expressions (Celsius.String(c)).
	Named []Named `json:"named"`
}

// Named is an exported named type that is neither a struct nor an interface, with its
// exported methods.
type Named struct {
	Name       string   `json:"name"`
	Doc        string   `json:"doc"`
	Underlying string   `json:"underlying"`
	Type       Type     `json:"type"`
	Methods    []Method `json:"methods"`
}

// Interface is an exported, non-empty interface type declared by the package: its methods
// (embedded interfaces' too), and the package's struct types whose pointer implements it;
// sealed when it has unexported methods, which no other package can implement.
type Interface struct {
	Name         string     `json:"name"`
	Doc          string     `json:"doc"`
	Methods      []Function `json:"methods"`
	Implementers []string   `json:"implementers"`
	Sealed       bool       `json:"sealed,omitempty"` // it has unexported methods
}

// Sentinel is an exported package-level variable of type error (`var ErrX = errors.New(...)`).
type Sentinel struct {
	Name string `json:"name"`
	Doc  string `json:"doc"`
}

type listed struct {
	ImportPath string
	Dir        string
	Name       string
	Doc        string
	Export     string
	Standard   bool
	GoFiles    []string
	CgoFiles   []string
	Module     *struct{ Path string }
	Error      *struct{ Err string }
}

func inspectAPI(goBin, tags, dir, pattern string, instances []string) (*API, error) {
	packages, err := listExports(goBin, tags, dir, pattern)
	if err != nil {
		return nil, err
	}
	target := packages[len(packages)-1] // -deps lists the package itself last
	if target.Error != nil {
		return nil, fmt.Errorf("%s: %s", target.ImportPath, target.Error.Err)
	}
	exports := map[string]string{}
	for _, pkg := range packages {
		exports[pkg.ImportPath] = pkg.Export
	}
	fset := token.NewFileSet()
	files, err := parseFiles(fset, target.Dir, target.GoFiles, target.CgoFiles)
	if err != nil {
		return nil, err
	}
	lookup := func(path string) (io.ReadCloser, error) {
		if exports[path] == "" {
			return nil, fmt.Errorf("no export data for %s", path)
		}
		return os.Open(exports[path])
	}
	config := types.Config{Importer: importer.ForCompiler(fset, "gc", lookup), FakeImportC: true, Error: func(error) {}}
	info := &types.Info{Defs: map[*ast.Ident]types.Object{}}
	pkg, _ := config.Check(target.ImportPath, fset, files, info) //nolint:errcheck
	api := &API{ImportPath: target.ImportPath, Name: target.Name, Dir: target.Dir, Doc: packageDoc(files),
		Standard: target.Standard, Functions: []Function{}, Structs: []Struct{}, Sentinels: []Sentinel{},
		Interfaces: []Interface{}, Named: []Named{}}
	if target.Module != nil {
		api.Module = target.Module.Path
	}
	describer := &describer{pkg: pkg, fset: fset, methods: map[*types.Func]*ast.FuncDecl{},
		fieldDocs: map[token.Pos]string{}}
	for _, file := range files {
		ast.Inspect(file, func(node ast.Node) bool {
			switch node := node.(type) {
			case *ast.FuncDecl:
				if fn, ok := info.Defs[node.Name].(*types.Func); ok && node.Recv != nil {
					describer.methods[fn] = node
				}
			case *ast.InterfaceType:
				for _, field := range node.Methods.List {
					text := field.Doc.Text()
					if text == "" {
						text = field.Comment.Text()
					}
					for _, name := range field.Names {
						describer.fieldDocs[name.Pos()] = strings.TrimSpace(text)
					}
				}
			}
			return true
		})
	}
	functions := map[string]*ast.FuncDecl{}
	for _, file := range files {
		for _, decl := range file.Decls {
			switch decl := decl.(type) {
			case *ast.FuncDecl:
				if decl.Recv == nil && decl.Name.IsExported() {
					if fn, ok := info.Defs[decl.Name].(*types.Func); ok {
						api.Functions = append(api.Functions, describer.function(decl, fn))
						functions[decl.Name.Name] = decl
					}
				}
			case *ast.GenDecl:
				api.Structs = append(api.Structs, describer.structs(decl, info)...)
				api.Sentinels = append(api.Sentinels, sentinels(decl, info)...)
				api.Interfaces = append(api.Interfaces, describer.interfaces(decl, info)...)
				api.Named = append(api.Named, describer.named(decl, info)...)
			}
		}
	}
	if pkg != nil {
		api.Scope = pkg.Scope().Names() // sorted
	}
	describer.implementers(api.Interfaces, pkg)
	describer.instantiate(api, functions, instances)
	return api, nil
}

// interfaces returns the exported, non-empty, non-generic interface types decl declares.
func (d *describer) interfaces(decl *ast.GenDecl, info *types.Info) []Interface {
	var out []Interface
	for _, spec := range decl.Specs {
		spec, ok := spec.(*ast.TypeSpec)
		if !ok || !spec.Name.IsExported() || spec.Assign != 0 || spec.TypeParams != nil {
			continue
		}
		named, ok := info.Defs[spec.Name].(*types.TypeName)
		if !ok {
			continue
		}
		iface, ok := named.Type().Underlying().(*types.Interface)
		if !ok || iface.NumMethods() == 0 || !iface.IsMethodSet() {
			continue
		}
		item := Interface{Name: spec.Name.Name, Doc: typeDoc(decl, spec), Methods: []Function{}, Implementers: []string{}}
		for i := 0; i < iface.NumMethods(); i++ {
			method := iface.Method(i)
			if !method.Exported() {
				item.Sealed = true
				continue
			}
			signature := method.Type().(*types.Signature)
			item.Methods = append(item.Methods, Function{Name: method.Name(), Doc: d.methodDoc(method),
				Line: d.fset.Position(method.Pos()).Line, Params: d.tuple(signature.Params()),
				Results: d.tuple(signature.Results()), Variadic: signature.Variadic()})
		}
		out = append(out, item)
	}
	return out
}

// named returns the exported named types decl declares that are neither structs nor
// interfaces and have exported methods (on the type or its pointer).
func (d *describer) named(decl *ast.GenDecl, info *types.Info) []Named {
	var out []Named
	for _, spec := range decl.Specs {
		spec, ok := spec.(*ast.TypeSpec)
		if !ok || !spec.Name.IsExported() || spec.Assign != 0 {
			continue
		}
		name, ok := info.Defs[spec.Name].(*types.TypeName)
		if !ok {
			continue
		}
		switch name.Type().Underlying().(type) {
		case *types.Struct, *types.Interface:
			continue
		}
		methods, _ := d.methodsOf(name)
		if len(methods) > 0 {
			out = append(out, Named{Name: name.Name(), Doc: typeDoc(decl, spec),
				Underlying: types.TypeString(name.Type().Underlying(), d.qualifier),
				Type:       d.describe(name.Type()), Methods: methods})
		}
	}
	return out
}

// typeDoc is the doc comment of a type spec, or of its declaration when that declares only it.
func typeDoc(decl *ast.GenDecl, spec *ast.TypeSpec) string {
	doc := spec.Doc
	if doc == nil && len(decl.Specs) == 1 {
		doc = decl.Doc
	}
	return strings.TrimSpace(doc.Text())
}

// methodDoc is the comment of an interface's method, found by its position.
func (d *describer) methodDoc(method *types.Func) string {
	return d.fieldDocs[method.Pos()]
}

// implementers fills in, for each interface, the package's struct types whose pointer has its
// methods.
func (d *describer) implementers(interfaces []Interface, pkg *types.Package) {
	scope := pkg.Scope()
	for i := range interfaces {
		iface := scope.Lookup(interfaces[i].Name).Type().Underlying().(*types.Interface)
		for _, name := range scope.Names() {
			named, ok := scope.Lookup(name).(*types.TypeName)
			if !ok || !named.Exported() {
				continue
			}
			if _, isStruct := named.Type().Underlying().(*types.Struct); isStruct && types.Implements(types.NewPointer(named.Type()), iface) {
				interfaces[i].Implementers = append(interfaces[i].Implementers, name)
			}
		}
	}
}

func listExports(goBin, tags, dir, pattern string) ([]listed, error) {
	args := []string{"list", "-deps", "-export", "-e",
		"-json=ImportPath,Dir,Name,Doc,Export,Standard,GoFiles,CgoFiles,Module,Error"}
	return goList[listed](goBin, dir, tags, args, pattern)
}

// parseFiles parses the Go and cgo files of the package in dir, with their comments.
func parseFiles(fset *token.FileSet, dir string, goFiles, cgoFiles []string) ([]*ast.File, error) {
	names := append(append([]string{}, goFiles...), cgoFiles...)
	sort.Strings(names)
	var files []*ast.File
	for _, name := range names {
		file, err := parser.ParseFile(fset, filepath.Join(dir, name), nil, parser.ParseComments)
		if err != nil {
			return nil, err
		}
		files = append(files, file)
	}
	return files, nil
}

func packageDoc(files []*ast.File) string {
	for _, file := range files {
		if file.Doc != nil {
			return strings.TrimSpace(file.Doc.Text())
		}
	}
	return ""
}

type describer struct {
	pkg       *types.Package
	fset      *token.FileSet
	methods   map[*types.Func]*ast.FuncDecl // the package's method declarations
	fieldDocs map[token.Pos]string          // the comments of interface methods, by position
}

func (d *describer) qualifier(other *types.Package) string {
	if other == d.pkg {
		return ""
	}
	return other.Name()
}

func (d *describer) function(decl *ast.FuncDecl, fn *types.Func) Function {
	signature := fn.Type().(*types.Signature)
	return Function{
		Name:     fn.Name(),
		Doc:      strings.TrimSpace(decl.Doc.Text()),
		Line:     d.fset.Position(decl.Pos()).Line,
		Params:   d.tuple(signature.Params()),
		Results:  d.tuple(signature.Results()),
		Variadic: signature.Variadic(),
		Generic:  signature.TypeParams().Len() > 0,
	}
}

func (d *describer) tuple(tuple *types.Tuple) []Field {
	fields := []Field{}
	for i := 0; i < tuple.Len(); i++ {
		v := tuple.At(i)
		fields = append(fields, Field{Name: v.Name(), Type: d.describe(v.Type())})
	}
	return fields
}

func (d *describer) structs(decl *ast.GenDecl, info *types.Info) []Struct {
	var out []Struct
	for _, spec := range decl.Specs {
		spec, ok := spec.(*ast.TypeSpec)
		if !ok || !spec.Name.IsExported() || spec.Assign != 0 {
			continue
		}
		named, ok := info.Defs[spec.Name].(*types.TypeName)
		if !ok {
			continue
		}
		st, ok := named.Type().Underlying().(*types.Struct)
		if !ok {
			continue
		}
		item := Struct{Name: spec.Name.Name, Doc: typeDoc(decl, spec), Fields: []Field{},
			Generic: spec.TypeParams != nil}
		item.Methods, item.Error = d.methodsOf(named)
		docs := fieldDocs(spec)
		item.Promoted = d.promoted(named, st)
		for i := 0; i < st.NumFields(); i++ {
			field := st.Field(i)
			if !field.Exported() {
				item.Hidden = true
				continue
			}
			item.Fields = append(item.Fields, Field{Name: field.Name(), Type: d.describe(field.Type()),
				Embedded: field.Embedded(), Doc: docs[field.Name()]})
		}
		out = append(out, item)
	}
	return out
}

// methodsOf returns the exported methods declared on the type of name or its pointer, and
// those Go promotes from embedded fields that the package declares (not other packages'
// methods), and how the type implements error.
func (d *describer) methodsOf(name *types.TypeName) ([]Method, string) {
	methods := []Method{}
	pointer := types.NewPointer(name.Type())
	set := types.NewMethodSet(pointer)
	values := types.NewMethodSet(name.Type())
	for i := 0; i < set.Len(); i++ {
		selection := set.At(i)
		fn, ok := selection.Obj().(*types.Func)
		decl := d.methods[fn]
		if !ok || decl == nil || !fn.Exported() {
			continue
		}
		// Only the pointer has it: a pointer receiver (of the type or of a struct embedded by
		// value); a method promoted through an embedded pointer is the value's too.
		isPointer := values.Lookup(fn.Pkg(), fn.Name()) == nil
		promoted := len(selection.Index()) > 1
		methods = append(methods, Method{Function: d.function(decl, fn), Pointer: isPointer, Promoted: promoted})
	}
	sort.Slice(methods, func(i, j int) bool { return methods[i].Line < methods[j].Line })
	errorType := types.Universe.Lookup("error").Type().Underlying().(*types.Interface)
	implements := ""
	if types.Implements(name.Type(), errorType) {
		implements = "value"
	} else if types.Implements(pointer, errorType) {
		implements = "pointer"
	}
	return methods, implements
}

// promoted returns the exported fields Go promotes to struct type name (st its struct) from
// its embedded structs, at any depth, that a selector reaches unambiguously, in the order of
// the embedded fields.
func (d *describer) promoted(name *types.TypeName, st *types.Struct) []Field {
	var out []Field
	seen := map[string]bool{}
	var walk func(st *types.Struct, via []string, depth int)
	walk = func(st *types.Struct, via []string, depth int) {
		for i := 0; i < st.NumFields() && depth < 8; i++ {
			field := st.Field(i)
			if !field.Embedded() {
				continue
			}
			inner := field.Type()
			if p, ok := inner.(*types.Pointer); ok {
				inner = p.Elem()
			}
			embedded, ok := inner.Underlying().(*types.Struct)
			if !ok {
				continue
			}
			path := append(append([]string(nil), via...), field.Name())
			for j := 0; j < embedded.NumFields(); j++ {
				promoted := embedded.Field(j)
				if !promoted.Exported() || seen[promoted.Name()] {
					continue
				}
				// The selector name.F must reach this very field (not one shadowing it, and no
				// ambiguity at its depth).
				obj, index, _ := types.LookupFieldOrMethod(name.Type(), true, d.pkg, promoted.Name())
				if obj != promoted || len(index) != len(path)+1 {
					continue
				}
				seen[promoted.Name()] = true
				out = append(out, Field{Name: promoted.Name(), Type: d.describe(promoted.Type()),
					Embedded: promoted.Embedded(), Via: path})
			}
			walk(embedded, path, depth+1)
		}
	}
	walk(st, nil, 0)
	return out
}

// sentinels returns the exported variables of type error that decl declares.
func sentinels(decl *ast.GenDecl, info *types.Info) []Sentinel {
	var out []Sentinel
	errorType := types.Universe.Lookup("error").Type()
	for _, spec := range decl.Specs {
		spec, ok := spec.(*ast.ValueSpec)
		if !ok || decl.Tok != token.VAR {
			continue
		}
		doc := spec.Doc
		if doc == nil && len(decl.Specs) == 1 {
			doc = decl.Doc
		}
		text := strings.TrimSpace(doc.Text())
		if text == "" {
			text = strings.TrimSpace(spec.Comment.Text())
		}
		for _, name := range spec.Names {
			if v, ok := info.Defs[name].(*types.Var); ok && name.IsExported() && types.Identical(v.Type(), errorType) {
				out = append(out, Sentinel{Name: name.Name, Doc: text})
			}
		}
	}
	return out
}

// fieldDocs returns the doc (or line) comment of each named field of a struct type spec.
func fieldDocs(spec *ast.TypeSpec) map[string]string {
	docs := map[string]string{}
	st, ok := spec.Type.(*ast.StructType)
	if !ok {
		return docs
	}
	for _, field := range st.Fields.List {
		text := field.Doc.Text()
		if text == "" {
			text = field.Comment.Text()
		}
		for _, name := range field.Names {
			docs[name.Name] = strings.TrimSpace(text)
		}
	}
	return docs
}

func (d *describer) describe(typ types.Type) Type {
	out := d.kindOf(typ)
	out.Go = types.TypeString(typ, d.qualifier)
	out.Spell = types.TypeString(typ, func(other *types.Package) string { return "\x01" + other.Path() + "\x02" })
	return out
}

func (d *describer) kindOf(typ types.Type) Type {
	typ = unalias(typ)
	if named, ok := typ.(*types.Named); ok {
		obj := named.Obj()
		if obj.Pkg() != nil && obj.Pkg().Path() == "time" {
			switch obj.Name() {
			case "Time":
				return Type{Kind: "time"}
			case "Duration":
				return Type{Kind: "duration"}
			}
		}
		if obj.Pkg() == nil && obj.Name() == "error" {
			return Type{Kind: "error"}
		}
		if special, ok := d.standardType(named); ok {
			return special
		}
		if _, ok := named.Underlying().(*types.Struct); ok {
			if obj.Pkg() != d.pkg {
				return unsupported("struct type %s of another package", types.TypeString(typ, nil))
			}
			if named.TypeArgs().Len() > 0 {
				return unsupported("generic type %s", types.TypeString(typ, d.qualifier))
			}
			return Type{Kind: "struct", Name: obj.Name()}
		}
		if iface, ok := named.Underlying().(*types.Interface); ok && obj.Pkg() != nil {
			if obj.Pkg() == d.pkg && obj.Exported() && iface.NumMethods() > 0 && named.TypeArgs().Len() == 0 {
				return Type{Kind: "interface", Name: obj.Name()}
			}
			return unsupported("interface type %s", types.TypeString(typ, d.qualifier))
		}
		if named.TypeArgs().Len() > 0 {
			return unsupported("generic type %s", types.TypeString(typ, d.qualifier))
		}
	}
	switch under := typ.Underlying().(type) {
	case *types.Basic:
		switch under.Kind() {
		case types.Bool, types.Int, types.Int8, types.Int16, types.Int32, types.Int64,
			types.Uint, types.Uint8, types.Uint16, types.Uint32, types.Uint64,
			types.Float32, types.Float64, types.String:
			return Type{Kind: types.Typ[under.Kind()].Name()}
		}
		return unsupported("%s", under.Name())
	case *types.Slice:
		elem := d.describe(under.Elem())
		if elem.Kind == "uint8" {
			return Type{Kind: "bytes"}
		}
		return Type{Kind: "slice", Elem: &elem}
	case *types.Array:
		elem := d.describe(under.Elem())
		return Type{Kind: "array", Len: under.Len(), Elem: &elem}
	case *types.Map:
		key, elem := d.describe(under.Key()), d.describe(under.Elem())
		return Type{Kind: "map", Key: &key, Elem: &elem}
	case *types.Pointer:
		elem := d.describe(under.Elem())
		return Type{Kind: "pointer", Elem: &elem}
	case *types.Interface:
		if under.Empty() {
			return Type{Kind: "any"}
		}
		return unsupported("interface %s", types.TypeString(typ, d.qualifier))
	case *types.Struct:
		return unsupported("unnamed struct type")
	case *types.Chan:
		if under.Dir() == types.SendOnly {
			return unsupported("send-only channel")
		}
		elem := d.describe(under.Elem())
		return Type{Kind: "chan", Elem: &elem}
	case *types.Signature:
		if under.TypeParams().Len() > 0 {
			return unsupported("generic function value")
		}
		out := Type{Kind: "func", Params: []Type{}, Results: []Type{}, Variadic: under.Variadic()}
		for i := 0; i < under.Params().Len(); i++ {
			out.Params = append(out.Params, d.describe(under.Params().At(i).Type()))
		}
		for i := 0; i < under.Results().Len(); i++ {
			out.Results = append(out.Results, d.describe(under.Results().At(i).Type()))
		}
		return out
	case *types.TypeParam:
		return unsupported("type parameter")
	}
	return unsupported("%s", types.TypeString(typ, d.qualifier))
}

// standardType describes the standard library's types the bindings give a Python meaning:
// context.Context, iter.Seq and iter.Seq2.
func (d *describer) standardType(named *types.Named) (Type, bool) {
	obj := named.Obj()
	if obj.Pkg() == nil {
		return Type{}, false
	}
	switch obj.Pkg().Path() + "." + obj.Name() {
	case "context.Context":
		return Type{Kind: "context"}, true
	case "iter.Seq":
		elem := d.describe(named.TypeArgs().At(0))
		return Type{Kind: "seq", Elem: &elem}, true
	case "iter.Seq2":
		key, elem := d.describe(named.TypeArgs().At(0)), d.describe(named.TypeArgs().At(1))
		return Type{Kind: "seq2", Key: &key, Elem: &elem}, true
	}
	return Type{}, false
}

func unsupported(format string, args ...interface{}) Type {
	return Type{Kind: "unsupported", Reason: fmt.Sprintf(format, args...)}
}

// unalias follows alias types (types.Alias, materialized from Go 1.23) to what they denote;
// types.Unalias itself is missing from Go 1.21.
func unalias(typ types.Type) types.Type {
	for {
		alias, ok := typ.(interface{ Rhs() types.Type })
		if !ok {
			return typ
		}
		typ = alias.Rhs()
	}
}

package main

// Explicit instantiations of the package's generic functions, as the configuration names them
// ("Map[string, int]"): each is type-checked against the function's constraints and described
// as an ordinary function, so that it is bound like one.

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/types"
	"strings"
)

// Instance is a generic function instantiated with TypeArgs; the bindings call it as
// Generic[TypeArgs...].
type Instance struct {
	Expr     string `json:"expr"`
	Generic  string `json:"generic"`
	TypeArgs []Type `json:"type_args"`
}

// InstanceError is an instantiation the configuration names that cannot be made.
type InstanceError struct {
	Expr  string `json:"expr"`
	Error string `json:"error"`
}

// stringList is a repeatable command-line flag.
type stringList []string

func (l *stringList) String() string     { return strings.Join(*l, ", ") }
func (l *stringList) Set(s string) error { *l = append(*l, s); return nil }

// instantiate describes each of exprs as a function of api, or says why it cannot be made.
func (d *describer) instantiate(api *API, decls map[string]*ast.FuncDecl, exprs []string) {
	for _, expr := range exprs {
		function, err := d.instance(decls, expr)
		if err != nil {
			api.InstanceErrors = append(api.InstanceErrors, InstanceError{Expr: expr, Error: err.Error()})
			continue
		}
		api.Functions = append(api.Functions, function)
	}
}

func (d *describer) instance(decls map[string]*ast.FuncDecl, expr string) (Function, error) {
	name, args, err := splitInstance(expr)
	if err != nil {
		return Function{}, err
	}
	decl := decls[name]
	fn, _ := d.pkg.Scope().Lookup(name).(*types.Func)
	if decl == nil || fn == nil {
		return Function{}, fmt.Errorf("%s is not an exported function of %s", name, d.pkg.Path())
	}
	signature := fn.Type().(*types.Signature)
	if signature.TypeParams().Len() == 0 {
		return Function{}, fmt.Errorf("%s is not generic: bind it as it is", name)
	}
	targs := make([]types.Type, len(args))
	for i, arg := range args {
		// In the scope of the function's file: its imports name the types.
		typed, err := types.Eval(d.fset, d.pkg, decl.Name.Pos(), arg)
		if err != nil {
			return Function{}, fmt.Errorf("type argument %s: %v", arg, err)
		}
		if !typed.IsType() {
			return Function{}, fmt.Errorf("type argument %s is not a type", arg)
		}
		targs[i] = typed.Type
	}
	instantiated, err := types.Instantiate(nil, signature, targs, true)
	if err != nil {
		return Function{}, err
	}
	function := d.function(decl, fn)
	function.Generic = false
	function.Params = d.tuple(instantiated.(*types.Signature).Params())
	function.Results = d.tuple(instantiated.(*types.Signature).Results())
	function.Instance = &Instance{Expr: expr, Generic: name}
	for _, targ := range targs {
		function.Instance.TypeArgs = append(function.Instance.TypeArgs, d.describe(targ))
	}
	return function, nil
}

// splitInstance parses "Map[string, int]" into Map and its type arguments' source.
func splitInstance(expr string) (string, []string, error) {
	parsed, err := parser.ParseExpr(expr)
	if err != nil {
		return "", nil, fmt.Errorf("not an instantiation like Map[string, int]: %v", err)
	}
	var x ast.Expr
	var indices []ast.Expr
	switch parsed := parsed.(type) {
	case *ast.IndexExpr:
		x, indices = parsed.X, []ast.Expr{parsed.Index}
	case *ast.IndexListExpr:
		x, indices = parsed.X, parsed.Indices
	default:
		return "", nil, fmt.Errorf("not an instantiation like Map[string, int]")
	}
	ident, ok := x.(*ast.Ident)
	if !ok {
		return "", nil, fmt.Errorf("%s is not a function name of the package", types.ExprString(x))
	}
	args := make([]string, len(indices))
	for i, index := range indices {
		args[i] = types.ExprString(index)
	}
	return ident.Name, args, nil
}

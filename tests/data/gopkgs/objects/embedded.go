package shelf

// Embedded structs: the fields and methods Go promotes are the Python class's too.

import "fmt"

// Base is a data struct that others embed.
type Base struct {
	ID   int // the identifier
	Tags []string
}

// Label names the value by its ID (a value method: promoted to the structs embedding Base).
func (b Base) Label() string { return fmt.Sprintf("#%d", b.ID) }

// Item embeds Base: Base's fields and Label are Item's too.
type Item struct {
	Base
	Name string
}

// Describe uses a promoted field and method.
func (i Item) Describe() string { return fmt.Sprintf("%s%s/%d", i.Name, i.Label(), i.ID) }

// Deep embeds Item: Base's fields are two levels down.
type Deep struct {
	Item
	Extra bool
}

// Bump returns the item with its ID one more.
func Bump(item Item) Item {
	item.ID++
	return item
}

// DeepID reads a field promoted two levels.
func DeepID(d Deep) int { return d.ID }

// Engine is a Go object that embeds a data struct and another Go object (by pointer).
type Engine struct {
	Base
	*Counter
	Power  int
	starts int
}

// NewEngine returns an engine with its own counter.
func NewEngine(id int) *Engine {
	return &Engine{Base: Base{ID: id}, Counter: &Counter{Name: "engine", Step: 1, open: true}}
}

// Start starts the engine; how many times it started.
func (e *Engine) Start() int {
	e.starts++
	return e.starts
}

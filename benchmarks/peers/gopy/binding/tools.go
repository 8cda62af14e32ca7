//go:build tools

package values

// gopy's generated code imports gopy's packages: this keeps the requirement.
import _ "github.com/go-python/gopy"

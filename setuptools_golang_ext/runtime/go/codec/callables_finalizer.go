//go:build !go1.24

package codec

import "runtime"

// releaseWhenUnreachable calls drop(owner.ID) once owner is unreachable: Go before 1.24 has
// finalizers, not cleanups. owner is in no cycle (nothing it points to points back), so its
// finalizer runs.
func releaseWhenUnreachable(owner *Callable, drop func(id uint64)) {
	runtime.SetFinalizer(owner, func(owner *Callable) { drop(owner.ID) })
}

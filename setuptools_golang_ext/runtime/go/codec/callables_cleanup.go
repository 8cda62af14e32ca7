//go:build go1.24

package codec

import "runtime"

// releaseWhenUnreachable calls drop(owner.ID) once owner is unreachable: a cleanup, which
// (unlike a finalizer) never revives the owner.
func releaseWhenUnreachable(owner *Callable, drop func(id uint64)) {
	runtime.AddCleanup(owner, drop, owner.ID)
}

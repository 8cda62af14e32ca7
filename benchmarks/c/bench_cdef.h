/* A hand-written cffi cdef of benchmarks/go/bench, for the "plain out-of-line
 * cffi module" side of the import-time benchmark. The types are the ones cgo
 * writes into the header. */
typedef long long GoInt64;
typedef GoInt64 GoInt;
typedef struct { const char *p; ptrdiff_t n; } _GoString_;
typedef _GoString_ GoString;
typedef struct { void *data; GoInt len; GoInt cap; } GoSlice;

GoInt64 Add(GoInt64 a, GoInt64 b);
GoInt64 LenString(GoString s);
GoInt64 LenBytes(GoSlice b);
GoInt64 LenPtr(char *p, size_t n);
char *Repeat(GoInt64 n);
void Free(char *p);
GoInt64 Spin(GoInt64 n);

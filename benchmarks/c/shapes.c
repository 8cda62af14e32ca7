/* Call shapes a plain binding's shim could have, in C, so that what cffi itself costs
 * for each is measured without Go (benchmarks/profile_plain.py): a scalar result, a
 * (pointer, size) struct result, a pointer result with the size through an out-parameter,
 * a short result inside the returned struct, a Go-slice-like struct parameter against a
 * (pointer, length) pair, and free. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct { char *data; int64_t size; } shape_pair;
typedef struct { void *data; int64_t len; int64_t cap; } shape_slice;
typedef struct { int64_t size; char *data; char inline_[32]; } shape_inline;

static char hello[] = "\x80\x05\x95\x0e\x00\x00\x00\x00\x00\x00\x00\x8c\nhello, go!\x94.";

int64_t shape_scalar(int64_t a, int64_t b) { return a + b; }

shape_pair shape_pair_result(void) {
    shape_pair r = {hello, sizeof hello - 1};
    return r;
}

char *shape_pointer_result(int64_t *size) {
    *size = sizeof hello - 1;
    return hello;
}

/* A short result inside the returned struct itself: no malloc, no free, no second call. */
shape_inline shape_inline_result(void) {
    shape_inline r = {10, NULL, "hello, go!"};
    return r;
}

/* The result copied into a buffer the caller passes: no malloc, no free. */
int64_t shape_into(char *out, int64_t room) {
    int64_t n = sizeof hello - 1;
    if (n <= room) {
        memcpy(out, hello, n);
    }
    return n;
}

int64_t shape_slice_param(shape_slice s) { return s.len; }

int64_t shape_pointer_param(char *p, int64_t n) { return n; }

void shape_free(void *p) { free(p); }

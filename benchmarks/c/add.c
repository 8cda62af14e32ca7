/* The C floor of the call-cost benchmark: the same add as the Go export, in
 * its own translation unit so that no caller can inline it. */
#include <stdint.h>

int64_t add(int64_t a, int64_t b) { return a + b; }

/* A C source file compiled by cgo into the package; declared in vec.go. */
int mf_triple(int x) {
    return 3 * x;
}

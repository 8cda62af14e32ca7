typedef struct { char *data; int64_t size; } shape_pair;
typedef struct { void *data; int64_t len; int64_t cap; } shape_slice;
int64_t shape_scalar(int64_t a, int64_t b);
shape_pair shape_pair_result(void);
char *shape_pointer_result(int64_t *size);
int64_t shape_into(char *out, int64_t room);
int64_t shape_slice_param(shape_slice s);
int64_t shape_pointer_param(char *p, int64_t n);
void shape_free(void *p);

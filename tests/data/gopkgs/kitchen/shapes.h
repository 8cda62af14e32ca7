/* A local header included from the kitchen preamble. */
#ifndef KITCHEN_SHAPES_H
#define KITCHEN_SHAPES_H

typedef struct {
    double width;
    double height;
} Rect;

#endif /* KITCHEN_SHAPES_H */

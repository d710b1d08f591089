/* SPDX-License-Identifier: MIT */
/*
** svg.h: a small SVG writer for parley's charts (library-internal). Text
** stays text (<text> elements), so it can be selected and searched in the
** HTML report. Colours come from CSS classes: the Okabe-Ito palette (safe
** for colour-blind readers) as .c0 ... .c7, and `currentColor` for ink, so
** a chart follows the page's light or dark scheme.
*/
#ifndef PL_SVG_H
#define PL_SVG_H

#include "../core/buf.h"

typedef pl__buf pl_svg;

/* Start a chart of w x h px; title and desc are its accessible name and description. */
void pl__svg_begin(pl_svg *g, double w, double h, const char *title, const char *desc);
/* Close it; the text is g->buf (NUL-terminated), or NULL when out of memory. */
char *pl__svg_end(pl_svg *g, size_t *len);

#define pl__svg_raw pl__buf_printf
#define pl__svg_escaped pl__buf_escaped
/* anchor: "start", "middle" or "end"; cls: CSS classes (may be NULL). */
void pl__svg_text(pl_svg *g, double x, double y, const char *anchor, const char *cls,
                  const char *text);
void pl__svg_line(pl_svg *g, double x1, double y1, double x2, double y2, const char *cls);
void pl__svg_rect(pl_svg *g, double x, double y, double w, double h, const char *cls);
/* A circle with a tooltip (title may be NULL). */
void pl__svg_circle(pl_svg *g, double cx, double cy, double r, const char *cls,
                    const char *title);
void pl__svg_polyline(pl_svg *g, const double *x, const double *y, size_t n, const char *cls);

/* A linear axis: maps [lo, hi] to [a, b] px. */
typedef struct pl_axis {
    double lo, hi, a, b;
} pl_axis;
static inline double pl__axis_at(const pl_axis *x, double v)
{
    return x->hi > x->lo ? x->a + (v - x->lo) * (x->b - x->a) / (x->hi - x->lo) : x->a;
}
/* Ticks every `step` along a horizontal axis at y (vertical: x fixed) with labels and a title. */
void pl__svg_axis_x(pl_svg *g, const pl_axis *ax, double y, double step, const char *title);
void pl__svg_axis_y(pl_svg *g, const pl_axis *ay, double x, double step, const char *title);

/* The width in px of text at font size px (an estimate for a sans-serif font, to make room). */
double pl__svg_text_width(const char *text, double px);
/* Move n label positions y apart until every two are at least gap apart (end labels of
   lines that finish close together), keeping their order. */
void pl__svg_spread(double *y, size_t n, double gap);

#endif

/* SPDX-License-Identifier: MIT */
/*
** svg.c: the SVG writer of svg.h. Numbers are printed with %.2f (pixels) so
** that charts are byte-identical across runs and machines.
*/
#include "svg.h"
#include "../core/fmt.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The palette and ink, light and dark; every chart carries its own copy so that it also
   stands alone (--svg-dir). */
static const char style[] =
    "<style>"
    "svg{color:#1a1a1a;font:12px system-ui,sans-serif}"
    "@media (prefers-color-scheme:dark){svg{color:#e6e6e6}}"
    ".ink{fill:currentColor}.line{stroke:currentColor;fill:none}"
    ".grid{stroke:currentColor;stroke-opacity:.15}.thin{stroke-width:1}.thick{stroke-width:2.5}"
    ".muted{fill:currentColor;fill-opacity:.6}.title{font-weight:600;font-size:13px}"
    ".small{font-size:10px}"
    ".c0{fill:#0072B2;stroke:#0072B2}.c1{fill:#E69F00;stroke:#E69F00}"
    ".c2{fill:#009E73;stroke:#009E73}.c3{fill:#CC79A7;stroke:#CC79A7}"
    ".c4{fill:#56B4E9;stroke:#56B4E9}.c5{fill:#D55E00;stroke:#D55E00}"
    ".c6{fill:#F0E442;stroke:#F0E442}.c7{fill:#999999;stroke:#999999}"
    ".open{fill:none;stroke-width:2}.soft{fill-opacity:.35}.nofill{fill:none}"
    "text[class]{stroke:none}" /* a coloured label is filled, not outlined */
    "</style>";

void pl__svg_begin(pl_svg *g, double w, double h, const char *title, const char *desc)
{
    memset(g, 0, sizeof *g);
    pl__svg_raw(g, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %.0f %.0f\" "
                   "width=\"%.0f\" height=\"%.0f\" role=\"img\">", w, h, w, h);
    pl__svg_raw(g, "<title>");
    pl__svg_escaped(g, title);
    pl__svg_raw(g, "</title><desc>");
    pl__svg_escaped(g, desc);
    pl__svg_raw(g, "</desc>%s", style);
}

char *pl__svg_end(pl_svg *g, size_t *len)
{
    pl__svg_raw(g, "</svg>\n");
    if (g->failed) {
        pl__buf_free(g);
        return NULL;
    }
    if (len)
        *len = g->len;
    return g->buf;
}

static void cls_attr(pl_svg *g, const char *cls)
{
    if (cls)
        pl__svg_raw(g, " class=\"%s\"", cls);
}

void pl__svg_text(pl_svg *g, double x, double y, const char *anchor, const char *cls,
                  const char *text)
{
    pl__svg_raw(g, "<text x=\"%.2f\" y=\"%.2f\" text-anchor=\"%s\"", x, y,
                anchor ? anchor : "start");
    cls_attr(g, cls ? cls : "ink");
    pl__svg_raw(g, ">");
    pl__svg_escaped(g, text);
    pl__svg_raw(g, "</text>");
}

void pl__svg_line(pl_svg *g, double x1, double y1, double x2, double y2, const char *cls)
{
    pl__svg_raw(g, "<line x1=\"%.2f\" y1=\"%.2f\" x2=\"%.2f\" y2=\"%.2f\"", x1, y1, x2, y2);
    cls_attr(g, cls ? cls : "line thin");
    pl__svg_raw(g, "/>");
}

void pl__svg_rect(pl_svg *g, double x, double y, double w, double h, const char *cls)
{
    pl__svg_raw(g, "<rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\"", x, y,
                w < 0 ? 0 : w, h < 0 ? 0 : h);
    cls_attr(g, cls);
    pl__svg_raw(g, "/>");
}

void pl__svg_circle(pl_svg *g, double cx, double cy, double r, const char *cls,
                    const char *title)
{
    pl__svg_raw(g, "<circle cx=\"%.2f\" cy=\"%.2f\" r=\"%.2f\"", cx, cy, r);
    cls_attr(g, cls);
    if (!title) {
        pl__svg_raw(g, "/>");
        return;
    }
    pl__svg_raw(g, "><title>");
    pl__svg_escaped(g, title);
    pl__svg_raw(g, "</title></circle>");
}

void pl__svg_polyline(pl_svg *g, const double *x, const double *y, size_t n, const char *cls)
{
    pl__svg_raw(g, "<polyline points=\"");
    for (size_t i = 0; i < n; i++)
        pl__svg_raw(g, "%s%.2f,%.2f", i ? " " : "", x[i], y[i]);
    pl__svg_raw(g, "\"");
    cls_attr(g, cls ? cls : "line thin");
    pl__svg_raw(g, "/>");
}

static void tick_label(char *buf, size_t size, double v)
{
    pl__snprintf(buf, size, "%g", v);
}

void pl__svg_axis_x(pl_svg *g, const pl_axis *ax, double y, double step, const char *title)
{
    char buf[32];
    pl__svg_line(g, ax->a, y, ax->b, y, NULL);
    for (double v = ax->lo; step > 0 && v <= ax->hi + 1e-9 * step; v += step) {
        double x = pl__axis_at(ax, v);
        pl__svg_line(g, x, y, x, y + 4, NULL);
        tick_label(buf, sizeof buf, v);
        pl__svg_text(g, x, y + 15, "middle", "ink small", buf);
    }
    if (title)
        pl__svg_text(g, (ax->a + ax->b) / 2, y + 30, "middle", "ink", title);
}

void pl__svg_axis_y(pl_svg *g, const pl_axis *ay, double x, double step, const char *title)
{
    char buf[32];
    pl__svg_line(g, x, ay->a, x, ay->b, NULL);
    for (double v = ay->lo; step > 0 && v <= ay->hi + 1e-9 * step; v += step) {
        double y = pl__axis_at(ay, v);
        pl__svg_line(g, x - 4, y, x, y, NULL);
        tick_label(buf, sizeof buf, v);
        pl__svg_text(g, x - 6, y + 4, "end", "ink small", buf);
    }
    if (title) {
        double cy = (ay->a + ay->b) / 2;
        pl__svg_raw(g, "<text x=\"0\" y=\"0\" text-anchor=\"middle\" class=\"ink\" "
                       "transform=\"translate(%.2f %.2f) rotate(-90)\">", x - 36, cy);
        pl__svg_escaped(g, title);
        pl__svg_raw(g, "</text>");
    }
}

double pl__svg_text_width(const char *text, double px)
{
    size_t chars = 0;
    for (const char *t = text; t && *t; t++)
        chars += ((unsigned char)*t & 0xC0) != 0x80; /* UTF-8: count characters, not bytes */
    return 0.62 * px * (double)chars;
}

void pl__svg_spread(double *y, size_t n, double gap)
{
    /* push apart every pair closer than gap, each by half the shortfall, until none is;
       the order of equal positions is their index order, so the result is deterministic */
    for (int round = 0; round < 200; round++) {
        int moved = 0;
        for (size_t i = 0; i < n; i++)
            for (size_t j = i + 1; j < n; j++) {
                double d = y[j] - y[i], need = gap - (d < 0 ? -d : d);
                if (need <= 1e-9)
                    continue;
                double dir = d > 0 || (d == 0 && j > i) ? 1 : -1;
                y[i] -= dir * need / 2, y[j] += dir * need / 2;
                moved = 1;
            }
        if (!moved)
            return;
    }
}

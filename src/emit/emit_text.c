/* SPDX-License-Identifier: MIT */
/*
** emit_text.c: readable terminal text. Tables need their column widths
** before the first line can be printed, so this backend keeps the whole
** description as the tree backend's tree (tree.h) and renders it at
** pl_emitter_finish():
** titled sections with underlined headings, "key: value" lines, aligned
** tables (numbers right-aligned, a repeated leading cell shown once), and
** YAML-like "- " blocks for lists of objects.
*/
#include "emit_impl.h"
#include "../core/fmt.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Numbers for people: integers as such, else at most 3 decimals, no exponent
   for ordinary magnitudes. */
static void fmt_number(char *buf, size_t size, double v)
{
    double a = v < 0 ? -v : v;
    if (a != 0 && (a >= 1e15 || a < 1e-3)) {
        pl__snprintf(buf, size, "%.4g", v);
        return;
    }
    pl__snprintf(buf, size, "%.3f", v);
    char *dot = strchr(buf, '.');
    if (dot) {
        char *end = buf + strlen(buf) - 1;
        while (end > dot && *end == '0')
            *end-- = '\0';
        if (end == dot)
            *end = '\0';
    }
    if (strcmp(buf, "-0") == 0)
        strcpy(buf, "0");
}

/* A scalar's text for people (buf: 48 bytes). */
static const char *text_of(char *buf, const pl__tnode *n)
{
    switch (n->v.type) {
    case PL_S_STRING: return n->v.s;
    case PL_S_NUMBER: fmt_number(buf, 48, n->v.d); return buf;
    case PL_S_INT: snprintf(buf, 48, "%lld", n->v.i); return buf;
    case PL_S_BOOL: return n->v.i ? "yes" : "no";
    default: return "-";
    }
}

static int is_number(const pl__tnode *n)
{
    return n->v.type == PL_S_NUMBER || n->v.type == PL_S_INT;
}

/* ---- rendering --------------------------------------------------------- */

static size_t width(const char *s)
{
    size_t w = 0;
    for (; *s; s++)
        w += ((unsigned char)*s & 0xC0) != 0x80;
    return w;
}

/*
** A text cell of a table that another column follows is shown to at most
** PL__CELL_MAX columns, its end replaced by an ellipsis: one long note or
** verdict would otherwise widen its column, and so every line of the table,
** to hundreds of columns. The last column is shown whole (nothing is
** aligned after it), and so is every value in JSON and CSV.
*/
#define PL__CELL_MAX 72

/* Bytes of s's first `cols` display columns (UTF-8: a column a lead byte). */
static size_t prefix_bytes(const char *s, size_t cols)
{
    size_t b = 0;
    for (size_t c = 0; s[b]; b++) {
        if (((unsigned char)s[b] & 0xC0) != 0x80 && c++ == cols)
            break;
    }
    return b;
}

/* s as a cell of column c of t shown: clipped (into clip, PL__CELL_MAX * 4 + 4 bytes) when
   another column follows and it is wider than PL__CELL_MAX. */
static const char *cell_text(const char *s, const pl__tnode *t, size_t c, char *clip)
{
    if (c + 1 >= t->ncols || width(s) <= PL__CELL_MAX)
        return s;
    size_t b = prefix_bytes(s, PL__CELL_MAX - 1);
    memcpy(clip, s, b);
    memcpy(clip + b, "\xe2\x80\xa6", 4); /* U+2026 HORIZONTAL ELLIPSIS, and the NUL */
    return clip;
}

static int pad(pl_emitter *e, size_t n)
{
    static const char spaces[] = "                                ";
    int rc = PL_OK;
    while (!rc && n > 0) {
        size_t k = n < 32 ? n : 32;
        rc = pl__emit_write(e, spaces, k);
        n -= k;
    }
    return rc;
}

/* Text whose continuation lines are indented to column ind. */
static int put_text(pl_emitter *e, const char *s, size_t ind)
{
    int rc = PL_OK;
    const char *nl;
    while (!rc && (nl = strchr(s, '\n')) != NULL) {
        rc = pl__emit_write(e, s, (size_t)(nl - s + 1));
        if (!rc)
            rc = pad(e, ind);
        s = nl + 1;
    }
    return rc ? rc : pl__emit_puts(e, s);
}

/* One line of a table: the header (row NULL) or a row, whose leading cells
   equal to those of the row above are left blank (grouping). */
static int table_line(pl_emitter *e, const pl__tnode *t, const pl__tnode *row,
                      const pl__tnode *above, const size_t *w, const int *num, size_t ind)
{
    int rc = pad(e, ind);
    int same = above != NULL;
    const pl__tnode *cell = row ? row->first : NULL, *up = above ? above->first : NULL;
    for (size_t c = 0; !rc && c < t->ncols; c++) {
        char buf[48], upbuf[48], clip[PL__CELL_MAX * 4 + 4];
        const char *s = cell ? text_of(buf, cell) : t->cols[c];
        if (same && !is_number(cell) && c + 1 < t->ncols && strcmp(s, text_of(upbuf, up)) == 0)
            s = "";
        else
            same = 0;
        s = cell_text(s, t, c, clip);
        size_t sw = width(s), gap = w[c] - sw;
        int right = num[c] && row;
        if (c)
            rc = pad(e, 2);
        if (!rc && right)
            rc = pad(e, gap);
        if (!rc)
            rc = pl__emit_puts(e, s);
        if (!rc && !right && c + 1 < t->ncols)
            rc = pad(e, gap);
        cell = cell ? cell->next : NULL, up = up ? up->next : NULL;
    }
    return rc ? rc : pl__emit_write(e, "\n", 1);
}

static int render_table(pl_emitter *e, const pl__tnode *t, size_t ind)
{
    size_t *w = calloc(t->ncols, sizeof *w);
    int *num = calloc(t->ncols, sizeof *num);
    if (!w || !num) {
        free(w);
        free(num);
        return PL_ENOMEM;
    }
    for (size_t c = 0; c < t->ncols; c++)
        w[c] = width(t->cols[c]);
    for (const pl__tnode *row = t->first; row; row = row->next) {
        size_t c = 0;
        for (const pl__tnode *cell = row->first; cell; cell = cell->next, c++) {
            char buf[48], clip[PL__CELL_MAX * 4 + 4];
            size_t cw = width(cell_text(text_of(buf, cell), t, c, clip));
            w[c] = cw > w[c] ? cw : w[c];
            num[c] |= is_number(cell);
        }
    }
    int rc = table_line(e, t, NULL, NULL, w, num, ind);
    for (const pl__tnode *row = t->first, *above = NULL; !rc && row; above = row, row = row->next)
        rc = table_line(e, t, row, above, w, num, ind);
    free(w);
    free(num);
    return rc;
}

static int render_member(pl_emitter *e, const pl__tnode *n, size_t ind, int top);
static int render_scalar_list(pl_emitter *e, const pl__tnode *n, size_t ind);

static int all_scalars(const pl__tnode *n)
{
    for (const pl__tnode *k = n->first; k; k = k->next)
        if (k->kind != PL_E_SCALAR)
            return 0;
    return 1;
}

static int render_label(pl_emitter *e, const pl__tnode *n, size_t ind, int top)
{
    if (top && n->title) {
        int rc = pl__emit_puts(e, "\n");
        if (!rc)
            rc = pl__emit_puts(e, n->title);
        if (!rc)
            rc = pl__emit_puts(e, "\n");
        for (size_t i = 0, k = width(n->title); !rc && i < k; i++)
            rc = pl__emit_puts(e, "-");
        return rc ? rc : pl__emit_puts(e, "\n");
    }
    int rc = pad(e, ind);
    if (!rc && n->key)
        rc = pl__emit_puts(e, n->key);
    return rc ? rc : pl__emit_puts(e, n->key ? ":" : "");
}

static int render_kids(pl_emitter *e, const pl__tnode *n, size_t ind)
{
    int rc = PL_OK;
    for (const pl__tnode *k = n->first; !rc && k; k = k->next) {
        if (n->kind == PL_E_ARRAY && k->kind == PL_E_OBJECT) {
            /* "- " block: first member on the dash line, the rest below it */
            rc = pad(e, ind);
            if (!rc)
                rc = pl__emit_puts(e, "- ");
            for (const pl__tnode *m = k->first; !rc && m; m = m->next)
                rc = render_member(e, m, m != k->first ? ind + 2 : 0, 0);
        } else
            rc = render_member(e, k, ind, 0);
    }
    return rc;
}

static int render_member(pl_emitter *e, const pl__tnode *n, size_t ind, int top)
{
    int rc;
    if (n->kind == PL_E_SCALAR) {
        char buf[48];
        rc = pad(e, ind);
        if (!rc && n->key) {
            rc = pl__emit_puts(e, n->key);
            if (!rc)
                rc = pl__emit_puts(e, ": ");
        }
        if (!rc)
            rc = put_text(e, text_of(buf, n), ind + 2);
        return rc ? rc : pl__emit_puts(e, "\n");
    }
    if (n->kind == PL_E_ARRAY && all_scalars(n))
        return render_scalar_list(e, n, ind);
    rc = render_label(e, n, ind, top);
    if (!rc && !(top && n->title))
        rc = pl__emit_puts(e, "\n");
    size_t inner = (top && n->title) ? ind : ind + 2;
    if (!rc)
        rc = n->kind == PL_E_TABLE ? render_table(e, n, inner) : render_kids(e, n, inner);
    return rc;
}

static int render_scalar_list(pl_emitter *e, const pl__tnode *n, size_t ind)
{
    int rc = render_label(e, n, ind, 0);
    for (const pl__tnode *k = n->first; !rc && k; k = k->next) {
        char buf[48];
        rc = pl__emit_puts(e, k != n->first ? ", " : " ");
        if (!rc)
            rc = pl__emit_puts(e, text_of(buf, k));
    }
    if (!rc && n->n == 0)
        rc = pl__emit_puts(e, " -");
    return rc ? rc : pl__emit_puts(e, "\n");
}

static int t_finish(pl_emitter *e)
{
    int rc = PL_OK;
    for (const pl__tnode *n = pl__emitter_tree(e); !rc && n; n = n->next) {
        /* The top-level object's members are the sections. */
        if (n->kind == PL_E_OBJECT && !n->key)
            for (const pl__tnode *m = n->first; !rc && m; m = m->next)
                rc = render_member(e, m, 0, 1);
        else
            rc = render_member(e, n, 0, 1);
    }
    return rc;
}

static const pl_emit_backend text_backend = {pl__tree_open, pl__tree_close, pl__tree_scalar,
                                             t_finish, pl__tree_destroy};

int pl__emit_text_init(pl_emitter *e)
{
    int rc = pl__emit_tree_init(e);
    if (!rc)
        e->be = &text_backend;
    return rc;
}

/* SPDX-License-Identifier: MIT */
/*
** emit_text.c: readable terminal text. Tables need their column widths
** before the first line can be printed, so this backend keeps the whole
** description as a small tree and renders it at pl_emitter_finish():
** titled sections with underlined headings, "key: value" lines, aligned
** tables (numbers right-aligned, a repeated leading cell shown once), and
** YAML-like "- " blocks for lists of objects.
*/
#include "emit_impl.h"
#include "../core/fmt.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct tnode tnode;
struct tnode {
    pl_ekind kind;          /* PL_E_ROW is used for scalars too: see is_scalar */
    int is_scalar, is_number;
    char *key, *title, *text;
    char **cols;
    size_t ncols;
    tnode **kids;
    size_t nkids, capkids;
    tnode *parent;
};

typedef struct text_state {
    tnode root;
    tnode *cur;
} text_state;

static char *dup_or_null(const char *s)
{
    if (!s)
        return NULL;
    size_t n = strlen(s) + 1;
    char *p = malloc(n);
    return p ? memcpy(p, s, n) : NULL;
}

static void free_node(tnode *n)
{
    for (size_t i = 0; i < n->nkids; i++) {
        free_node(n->kids[i]);
        free(n->kids[i]);
    }
    for (size_t c = 0; c < n->ncols; c++)
        free(n->cols[c]);
    free(n->cols);
    free(n->kids);
    free(n->key);
    free(n->title);
    free(n->text);
}

static tnode *add_kid(tnode *parent, const char *key)
{
    if (parent->nkids == parent->capkids) {
        size_t cap = parent->capkids ? 2 * parent->capkids : 8;
        tnode **k = realloc(parent->kids, cap * sizeof *k);
        if (!k)
            return NULL;
        parent->kids = k;
        parent->capkids = cap;
    }
    tnode *n = calloc(1, sizeof *n);
    if (!n)
        return NULL;
    n->parent = parent;
    parent->kids[parent->nkids++] = n;
    if (key && !(n->key = dup_or_null(key)))
        return NULL;
    return n;
}

/* ---- building ---------------------------------------------------------- */

static int t_open(pl_emitter *e, pl_ekind kind, const char *key, const char *title,
                  const char *const *cols, size_t ncols)
{
    text_state *st = e->state;
    tnode *n = add_kid(st->cur, key);
    if (!n)
        return PL_ENOMEM;
    n->kind = kind;
    if (title && !(n->title = dup_or_null(title)))
        return PL_ENOMEM;
    if (ncols) {
        n->cols = calloc(ncols, sizeof *n->cols);
        if (!n->cols)
            return PL_ENOMEM;
        n->ncols = ncols;
        for (size_t c = 0; c < ncols; c++)
            if (!(n->cols[c] = dup_or_null(cols[c])))
                return PL_ENOMEM;
    }
    st->cur = n;
    return PL_OK;
}

static int t_close(pl_emitter *e, pl_ekind kind)
{
    (void)kind;
    text_state *st = e->state;
    st->cur = st->cur->parent;
    return PL_OK;
}

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

static int t_scalar(pl_emitter *e, const char *key, const pl_scalar *v)
{
    text_state *st = e->state;
    tnode *n = add_kid(st->cur, key);
    if (!n)
        return PL_ENOMEM;
    n->is_scalar = 1;
    char buf[48];
    const char *t = buf;
    switch (v->type) {
    case PL_S_STRING: t = v->s; break;
    case PL_S_NUMBER: fmt_number(buf, sizeof buf, v->d); n->is_number = 1; break;
    case PL_S_INT: snprintf(buf, sizeof buf, "%lld", v->i); n->is_number = 1; break;
    case PL_S_BOOL: t = v->i ? "yes" : "no"; break;
    default: t = "-"; break;
    }
    n->text = dup_or_null(t);
    return n->text ? PL_OK : PL_ENOMEM;
}

/* ---- rendering --------------------------------------------------------- */

static size_t width(const char *s)
{
    size_t w = 0;
    for (; *s; s++)
        w += ((unsigned char)*s & 0xC0) != 0x80;
    return w;
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

static int render_table(pl_emitter *e, const tnode *t, size_t ind)
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
    for (size_t r = 0; r < t->nkids; r++)
        for (size_t c = 0; c < t->ncols; c++) {
            const tnode *cell = t->kids[r]->kids[c];
            size_t cw = width(cell->text);
            w[c] = cw > w[c] ? cw : w[c];
            num[c] |= cell->is_number;
        }
    int rc = PL_OK;
    for (long r = -1; !rc && r < (long)t->nkids; r++) {
        rc = pad(e, ind);
        /* A leading cell equal to the one above is left blank (grouping). */
        int same = r > 0;
        for (size_t c = 0; !rc && c < t->ncols; c++) {
            const tnode *cell = r >= 0 ? t->kids[r]->kids[c] : NULL;
            const char *s = cell ? cell->text : t->cols[c];
            if (same && cell && !cell->is_number && c + 1 < t->ncols &&
                strcmp(s, t->kids[r - 1]->kids[c]->text) == 0)
                s = "";
            else
                same = 0;
            size_t sw = width(s), gap = w[c] - sw;
            int right = num[c] && r >= 0;
            if (c)
                rc = pad(e, 2);
            if (!rc && right)
                rc = pad(e, gap);
            if (!rc)
                rc = pl__emit_puts(e, s);
            if (!rc && !right && c + 1 < t->ncols)
                rc = pad(e, gap);
        }
        if (!rc)
            rc = pl__emit_write(e, "\n", 1);
    }
    free(w);
    free(num);
    return rc;
}

static int render_member(pl_emitter *e, const tnode *n, size_t ind, int top);
static int render_scalar_list(pl_emitter *e, const tnode *n, size_t ind);

static int all_scalars(const tnode *n)
{
    for (size_t i = 0; i < n->nkids; i++)
        if (!n->kids[i]->is_scalar)
            return 0;
    return 1;
}

static int render_label(pl_emitter *e, const tnode *n, size_t ind, int top)
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

static int render_kids(pl_emitter *e, const tnode *n, size_t ind)
{
    int rc = PL_OK;
    for (size_t i = 0; !rc && i < n->nkids; i++) {
        const tnode *k = n->kids[i];
        if (n->kind == PL_E_ARRAY && !k->is_scalar && k->kind == PL_E_OBJECT) {
            /* "- " block: first member on the dash line, the rest below it */
            rc = pad(e, ind);
            if (!rc)
                rc = pl__emit_puts(e, "- ");
            for (size_t j = 0; !rc && j < k->nkids; j++)
                rc = render_member(e, k->kids[j], j ? ind + 2 : 0, 0);
        } else
            rc = render_member(e, k, ind, 0);
    }
    return rc;
}

static int render_member(pl_emitter *e, const tnode *n, size_t ind, int top)
{
    int rc;
    if (n->is_scalar) {
        rc = pad(e, ind);
        if (!rc && n->key) {
            rc = pl__emit_puts(e, n->key);
            if (!rc)
                rc = pl__emit_puts(e, ": ");
        }
        if (!rc)
            rc = put_text(e, n->text, ind + 2);
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

static int render_scalar_list(pl_emitter *e, const tnode *n, size_t ind)
{
    int rc = render_label(e, n, ind, 0);
    for (size_t i = 0; !rc && i < n->nkids; i++) {
        rc = pl__emit_puts(e, i ? ", " : " ");
        if (!rc)
            rc = pl__emit_puts(e, n->kids[i]->text);
    }
    if (!rc && n->nkids == 0)
        rc = pl__emit_puts(e, " -");
    return rc ? rc : pl__emit_puts(e, "\n");
}

static int t_finish(pl_emitter *e)
{
    text_state *st = e->state;
    int rc = PL_OK;
    for (size_t i = 0; !rc && i < st->root.nkids; i++) {
        const tnode *n = st->root.kids[i];
        /* The top-level object's members are the sections. */
        if (!n->is_scalar && n->kind == PL_E_OBJECT && !n->key)
            for (size_t j = 0; !rc && j < n->nkids; j++)
                rc = render_member(e, n->kids[j], 0, 1);
        else
            rc = render_member(e, n, 0, 1);
    }
    return rc;
}

static void t_destroy(pl_emitter *e)
{
    text_state *st = e->state;
    if (st)
        free_node(&st->root);
    free(st);
}

static const pl_emit_backend text_backend = {t_open, t_close, t_scalar, t_finish, t_destroy};

int pl__emit_text_init(pl_emitter *e)
{
    text_state *st = calloc(1, sizeof *st);
    if (!st)
        return PL_ENOMEM;
    st->cur = &st->root;
    e->state = st;
    e->be = &text_backend;
    return PL_OK;
}

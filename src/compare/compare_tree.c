/* SPDX-License-Identifier: MIT */
/*
** compare_tree.c: the differences between two result trees (emit/tree.h),
** with no knowledge of any analysis: objects are matched by key, arrays by
** position, table rows by their identifying columns (the fewest leading
** columns whose values tell every row apart in both tables), cells by their
** column's name. A scalar changes when it prints differently; two numbers
** only when the size of the change (pl__compare_size) is above PL_FMT_NOISE,
** so a difference of rounding (sums taken in another order) is no change.
*/
#include "compare_impl.h"
#include "../core/alloc.h"
#include "../core/fmt.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define PATH_BYTES 1024
#define KEY_BYTES 256
#define KEY_COLS_MAX 8   /* more leading columns than this: rows matched by position */

typedef struct walker {
    pl__difflist *out;
    const char *analysis;
    char path[PATH_BYTES];
    pl_arena tmp;        /* row keys of the table being walked */
} walker;

double pl__compare_size(double a, double b)
{
    double m = fabs(a) > fabs(b) ? fabs(a) : fabs(b);
    return fabs(b - a) / (m > 1 ? m : 1);
}

/* A decimal number written out whole ("12", "-0.5"), into *out. */
static int decimal(const char *s, double *out)
{
    char *end;
    const char *d = s + (*s == '-');
    if (*d < '0' || *d > '9')
        return 0;  /* not "inf", "nan", " 1" or "" */
    *out = pl__strtod(s, &end);
    return *end == '\0' && isfinite(*out);
}

/*
** The number n holds, into *out: a number, or a text that is wholly one (exact counts too
** large for 64 bits, as the power indices write them) or an exact fraction "p/q".
*/
static int number(const pl__tnode *n, double *out)
{
    if (!n || n->kind != PL_E_SCALAR)
        return 0;
    if (n->v.type == PL_S_INT || n->v.type == PL_S_NUMBER) {
        *out = n->v.type == PL_S_INT ? (double)n->v.i : pl__fmt_clean(n->v.d);
        return 1;
    }
    if (n->v.type != PL_S_STRING || !n->v.s || strlen(n->v.s) > 60)
        return 0;
    char p[64];
    const char *slash = strchr(n->v.s, '/');
    double q;
    if (!slash)
        return decimal(n->v.s, out);
    memcpy(p, n->v.s, (size_t)(slash - n->v.s));
    p[slash - n->v.s] = '\0';
    if (!decimal(p, out) || !decimal(slash + 1, &q) || q == 0 || slash[1] == '-')
        return 0;
    *out /= q;
    return 1;
}

/* A node as the output shows it: a scalar's text (numbers by the noise rule), else what
   kind of thing it is. buf: 40 bytes. NULL for no node. */
static const char *shown(char *buf, const pl__tnode *n)
{
    if (!n)
        return NULL;
    switch (n->kind) {
    case PL_E_OBJECT: return "(an object)";
    case PL_E_ARRAY: return "(a list)";
    case PL_E_TABLE: return "(a table)";
    case PL_E_ROW: return "(a row)";
    default: break;
    }
    if (n->v.type == PL_S_NUMBER)
        return pl__fmt_double(buf, n->v.d);
    return pl__scalar_text(buf, &n->v, "null");
}

static int report(walker *w, const pl__tnode *a, const pl__tnode *b)
{
    char ba[40], bb[40];
    const char *ta = shown(ba, a), *tb = shown(bb, b);
    if (a && b && a->kind == PL_E_SCALAR && b->kind == PL_E_SCALAR && strcmp(ta, tb) == 0)
        return PL_OK;
    double change = NAN, size = 1, x, y;  /* anything but two numbers: a whole change */
    if (number(a, &x) && number(b, &y)) {
        change = y - x;
        size = pl__compare_size(x, y);
        if (size <= PL_FMT_NOISE)  /* rounding: sums taken in another order */
            return PL_OK;
    }
    return pl__difflist_add(w->out, w->analysis, w->path[0] ? w->path : "(the result)", ta, tb,
                            change, size);
}

static int node(walker *w, const pl__tnode *a, const pl__tnode *b);

/* Into the path's part (a member's name, or with brackets an entry's), then back. */
static int part(walker *w, int brackets, const char *name, const pl__tnode *a,
                const pl__tnode *b)
{
    size_t len = strlen(w->path);
    pl__snprintf(w->path + len, sizeof w->path - len, "%s%s%s", brackets ? "[" : len ? "." : "",
                 name, brackets ? "]" : "");
    int rc = node(w, a, b);
    w->path[len] = '\0';
    return rc;
}

static const char *key_name(const pl__tnode *m)
{
    return m->key ? m->key : "";
}

/* Which occurrence of its key member m is in its object (a key may be used twice, e.g.
   a count and a table both named "members"). */
static size_t occurrence(const pl__tnode *obj, const pl__tnode *m)
{
    size_t k = 0;
    for (const pl__tnode *x = obj->first; x && x != m; x = x->next)
        k += strcmp(key_name(x), key_name(m)) == 0;
    return k;
}

/* The k-th member of obj named key, or NULL. */
static const pl__tnode *member(const pl__tnode *obj, const char *key, size_t k)
{
    for (const pl__tnode *x = obj->first; x; x = x->next)
        if (strcmp(key_name(x), key) == 0 && k-- == 0)
            return x;
    return NULL;
}

static int objects(walker *w, const pl__tnode *a, const pl__tnode *b)
{
    int rc = PL_OK;
    for (const pl__tnode *m = a->first; !rc && m; m = m->next)
        rc = part(w, 0, key_name(m), m, member(b, key_name(m), occurrence(a, m)));
    for (const pl__tnode *m = b->first; !rc && m; m = m->next)
        if (!member(a, key_name(m), occurrence(b, m)))
            rc = part(w, 0, key_name(m), NULL, m);
    return rc;
}

static const pl__tnode *nth(const pl__tnode *n, size_t i)
{
    const pl__tnode *c = n ? n->first : NULL;
    while (c && i--)
        c = c->next;
    return c;
}

static int arrays(walker *w, const pl__tnode *a, const pl__tnode *b)
{
    size_t n = a->n > b->n ? a->n : b->n;
    char num[24];
    int rc = PL_OK;
    for (size_t i = 0; !rc && i < n; i++) {
        pl__snprintf(num, sizeof num, "%zu", i + 1);
        rc = part(w, 1, num, nth(a, i), nth(b, i));
    }
    return rc;
}

/* ---- tables ------------------------------------------------------------- */

typedef struct rowkey {
    const char *key;
    const pl__tnode *row;
} rowkey;

static int by_key(const void *x, const void *y)
{
    return strcmp(((const rowkey *)x)->key, ((const rowkey *)y)->key);
}

/* Row r's first k cells as one text, "v1,v2"; NULL when out of memory. */
static const char *key_of(walker *w, const pl__tnode *r, size_t k)
{
    char key[KEY_BYTES], buf[40];
    size_t used = 0;
    key[0] = '\0';
    for (size_t j = 0; j < k && used < sizeof key - 1; j++) {
        const char *t = shown(buf, nth(r, j));  /* NULL only past a short row */
        used += (size_t)pl__snprintf(key + used, sizeof key - used, "%s%s", j ? "," : "",
                                     t ? t : "");
    }
    return pl_arena_strdup(&w->tmp, key);
}

/* t's rows keyed by their first k cells, sorted into keys (t->n entries); 1 when every key
   is different, 0 when two are equal, -1 out of memory. */
static int keyed(walker *w, const pl__tnode *t, size_t k, rowkey *keys)
{
    size_t i = 0;
    for (const pl__tnode *r = t->first; r; r = r->next, i++)
        if (!(keys[i].key = key_of(w, r, k)))
            return -1;
        else
            keys[i].row = r;
    qsort(keys, t->n, sizeof *keys, by_key);
    for (i = 1; i < t->n; i++)
        if (strcmp(keys[i - 1].key, keys[i].key) == 0)
            return 0;
    return 1;
}

/* The cell of row r (of table t) in the column named col, or NULL. */
static const pl__tnode *cell(const pl__tnode *t, const pl__tnode *r, const char *col)
{
    for (size_t j = 0; r && j < t->ncols; j++)
        if (strcmp(t->cols[j], col) == 0)
            return nth(r, j);
    return NULL;
}

/* Rows ra (of a) and rb (of b), cell by cell past the k key columns. */
static int rows(walker *w, const pl__tnode *a, const pl__tnode *ra, const pl__tnode *b,
                const pl__tnode *rb, size_t k, const char *key)
{
    size_t len = strlen(w->path);
    pl__snprintf(w->path + len, sizeof w->path - len, "[%s]", key);
    int rc = PL_OK;
    if (!ra || !rb)
        rc = report(w, ra, rb);
    for (size_t j = k; !rc && ra && rb && j < a->ncols; j++)
        rc = part(w, 0, a->cols[j], nth(ra, j), cell(b, rb, a->cols[j]));
    for (size_t j = k; !rc && ra && rb && j < b->ncols; j++)
        if (!cell(a, ra, b->cols[j]))
            rc = part(w, 0, b->cols[j], NULL, nth(rb, j));
    w->path[len] = '\0';
    return rc;
}

static const rowkey *find(const rowkey *keys, size_t n, const char *key)
{
    rowkey probe = {key, NULL};
    return bsearch(&probe, keys, n, sizeof *keys, by_key);
}

/* The fewest leading columns (at most KEY_COLS_MAX, all named alike in a and b) that tell
   every row of both tables apart; 0: none do. Sorted keys of each table stay in ka, kb. */
static int key_columns(walker *w, const pl__tnode *a, const pl__tnode *b, rowkey *ka,
                       rowkey *kb, size_t *k)
{
    size_t most = a->ncols < b->ncols ? a->ncols : b->ncols;
    most = most < KEY_COLS_MAX ? most : KEY_COLS_MAX;
    for (*k = 1; *k <= most && strcmp(a->cols[*k - 1], b->cols[*k - 1]) == 0; ++*k) {
        int ua = keyed(w, a, *k, ka), ub = ua > 0 ? keyed(w, b, *k, kb) : ua;
        if (ua < 0 || ub < 0)
            return PL_ENOMEM;
        if (ua && ub)
            return PL_OK;
    }
    *k = 0;
    return PL_OK;
}

/* Rows of a in a's order, matched in b by key; then the rows only b has, in b's order. */
static int keyed_rows(walker *w, const pl__tnode *a, const pl__tnode *b, const rowkey *ka,
                      const rowkey *kb, size_t k)
{
    int rc = PL_OK;
    for (const pl__tnode *r = a->first; !rc && r; r = r->next) {
        const char *key = key_of(w, r, k);
        const rowkey *m = key ? find(kb, b->n, key) : NULL;
        rc = key ? rows(w, a, r, b, m ? m->row : NULL, k, key) : PL_ENOMEM;
    }
    for (const pl__tnode *r = b->first; !rc && r; r = r->next) {
        const char *key = key_of(w, r, k);
        rc = !key ? PL_ENOMEM : find(ka, a->n, key) ? PL_OK : rows(w, a, NULL, b, r, k, key);
    }
    return rc;
}

static int tables(walker *w, const pl__tnode *a, const pl__tnode *b)
{
    rowkey *ka = pl__mallocarray(a->n ? a->n : 1, sizeof *ka);
    rowkey *kb = pl__mallocarray(b->n ? b->n : 1, sizeof *kb);
    size_t k = 0;
    int rc = ka && kb ? key_columns(w, a, b, ka, kb, &k) : PL_ENOMEM;
    if (!rc && k)
        rc = keyed_rows(w, a, b, ka, kb, k);
    else if (!rc) {  /* by position, every cell */
        size_t n = a->n > b->n ? a->n : b->n;
        char num[24];
        for (size_t i = 0; !rc && i < n; i++) {
            pl__snprintf(num, sizeof num, "%zu", i + 1);
            rc = rows(w, a, nth(a, i), b, nth(b, i), 0, num);
        }
    }
    free(ka);
    free(kb);
    return rc;
}

static int node(walker *w, const pl__tnode *a, const pl__tnode *b)
{
    if (!a && !b)
        return PL_OK;
    if (a && b && a->kind == b->kind && a->kind != PL_E_SCALAR)
        return a->kind == PL_E_OBJECT ? objects(w, a, b)
               : a->kind == PL_E_TABLE ? tables(w, a, b) : arrays(w, a, b);
    return report(w, a, b);
}

int pl__compare_trees(pl__difflist *out, const char *analysis, const pl__tnode *a,
                      const pl__tnode *b)
{
    walker w;
    w.out = out;
    w.analysis = analysis;
    w.path[0] = '\0';
    pl_arena_init(&w.tmp);
    int rc = node(&w, a, b);
    pl_arena_free(&w.tmp);
    return rc;
}

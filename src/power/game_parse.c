/* SPDX-License-Identifier: MIT */
/*
** game_parse.c: the ad-hoc game language of `parley power` (--weights,
** --quota, --min-members, --or, --names, --veto) as library calls, so that a
** binding builds the same game from the same strings and gets the same
** messages. The builder only records the items; pl_game_builder_build
** applies them, so that the member count may be given after a condition
** (`--min-members 4 --weights ...`): the first weights or names item fixes
** the member count wherever it stands, then every item applies in order.
*/
#include "parley/power.h"
#include "../core/error_int.h"
#include "../core/alloc.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

typedef enum item_kind { WEIGHTS, QUOTA, MIN_MEMBERS, OR, NAMES, VETO } item_kind;

typedef struct rec {    /* one recorded item */
    item_kind kind;
    char *value;         /* NULL for OR */
} rec;

struct pl_game_builder {
    size_t n, cap;
    rec *items;
    double max_bytes;    /* 0: no limit */
};

/* The game being built from the items. */
typedef struct adhoc {
    pl_game *g;
    size_t n;
    int64_t *w;          /* the weights of the last weights item applied */
    int has_w;
    double max_bytes;    /* the builder's limit; 0: none */
    pl_error *err;
} adhoc;

/* ---- recording -------------------------------------------------------------------- */

int pl_game_builder_new(pl_game_builder **out, pl_error *err)
{
    if (!out)
        return pl__fail(err, PL_EMISUSE, "pl_game_builder_new: NULL argument");
    *out = calloc(1, sizeof **out);
    return *out ? PL_OK : pl__error_nomem(err);
}

void pl_game_builder_free(pl_game_builder *b)
{
    for (size_t i = 0; b && i < b->n; i++)
        free(b->items[i].value);
    if (b)
        free(b->items);
    free(b);
}

static int record(pl_game_builder *b, item_kind kind, const char *value, pl_error *err)
{
    if (!b || (kind != OR && !value))
        return pl__fail(err, PL_EMISUSE, "pl_game_builder: NULL argument");
    rec *it = pl__grow(b->items, &b->cap, b->n + 1, sizeof *it, 8);
    if (!it)
        return pl__error_nomem(err);
    b->items = it;
    char *copy = value ? strdup(value) : NULL;
    if (value && !copy)
        return pl__error_nomem(err);
    b->items[b->n++] = (rec){kind, copy};
    return PL_OK;
}

int pl_game_builder_weights(pl_game_builder *b, const char *list, pl_error *err)
{
    return record(b, WEIGHTS, list, err);
}

int pl_game_builder_max_memory(pl_game_builder *b, double bytes, pl_error *err)
{
    if (!b || !(bytes >= 0))
        return pl__fail(err, PL_EMISUSE, "pl_game_builder_max_memory: NULL or negative");
    b->max_bytes = bytes;
    return PL_OK;
}

int pl_game_builder_quota(pl_game_builder *b, const char *quota, pl_error *err)
{
    return record(b, QUOTA, quota, err);
}

int pl_game_builder_min_members(pl_game_builder *b, const char *count, pl_error *err)
{
    return record(b, MIN_MEMBERS, count, err);
}

int pl_game_builder_or(pl_game_builder *b, pl_error *err)
{
    return record(b, OR, NULL, err);
}

int pl_game_builder_names(pl_game_builder *b, const char *list, pl_error *err)
{
    return record(b, NAMES, list, err);
}

int pl_game_builder_veto(pl_game_builder *b, const char *list, pl_error *err)
{
    return record(b, VETO, list, err);
}

/* ---- members ---------------------------------------------------------------------- */

/* Whole number in [lo, hi] from the full text, else 0. */
static int parse_u64(const char *t, uint64_t lo, uint64_t hi, uint64_t *out)
{
    char *end;
    if (!t || *t < '0' || *t > '9')
        return 0;
    errno = 0;
    unsigned long long v = strtoull(t, &end, 10);
    if (errno || *end || v < lo || v > hi)
        return 0;
    *out = v;
    return 1;
}

long pl_game_member_index(const pl_game *g, const char *name)
{
    for (size_t m = 0; name && m < pl_game_n_members(g); m++)
        if (strcmp(pl_game_member_name(g, m), name) == 0)
            return (long)m;
    uint64_t x;
    if (name && parse_u64(name, 1, pl_game_n_members(g), &x))
        return (long)x - 1;
    return -1;
}

/* Make the game once the member count is known. */
static int adhoc_size(adhoc *h, size_t n, const char *item)
{
    if (h->g && n != h->n)
        return pl__fail(h->err, PL_EINPUT, "--%s has %zu members but the game has %zu (set by "
                        "the first --weights or --names)", item, n, h->n);
    if (h->g)
        return PL_OK;
    int rc = pl_game_new(&h->g, n, h->err);
    if (!rc && !(h->w = calloc(n, sizeof *h->w)))
        rc = pl__error_nomem(h->err);
    h->n = n;
    return rc;
}

/* Split a copy of a comma list: *items gets the count, *item the pieces (free both). */
static int split(const char *v, char **copy, char ***item, size_t *items, pl_error *err)
{
    size_t cap = 1, k = 0;
    for (const char *p = v; *p; p++)
        cap += *p == ',';
    *copy = strdup(v), *item = malloc(cap * sizeof **item);
    if (!*copy || !*item)
        return pl__error_nomem(err);
    for (char *p = *copy; k < cap; p++) {
        (*item)[k++] = p;
        if (!(p = strchr(p, ',')))
            break;
        *p = '\0';
    }
    *items = k;
    return PL_OK;
}

/* "W" or "WxK" (K members of weight W); adds to w at *k, or counts when w is NULL. */
static int weight_item(const char *item, size_t j, int64_t *w, size_t *k, pl_error *err)
{
    char buf[64];
    const char *x = strchr(item, 'x');
    uint64_t v, rep = 1;
    size_t len = x ? (size_t)(x - item) : strlen(item);
    if (len >= sizeof buf)
        len = sizeof buf - 1;
    memcpy(buf, item, len);
    buf[len] = '\0';
    if (!parse_u64(buf, 0, UINT64_C(1) << 50, &v) ||
        (x && !parse_u64(x + 1, 1, 100000000, &rep)))
        return pl__fail(err, PL_EINPUT, "--weights: '%s' (item %zu) is not a whole number from "
                        "0 to 2^50 or WxK (K members of weight W, K <= 10^8)", item, j + 1);
    for (uint64_t r = 0; w && r < rep; r++)
        w[*k + r] = (int64_t)v;
    *k += (size_t)rep;
    return PL_OK;
}

/* A weights item: the first one fixes the member count; a quota uses the last one. */
static int apply_weights(adhoc *h, char **item, size_t cnt)
{
    size_t k = 0, n = 0;
    int rc = PL_OK;
    for (size_t j = 0; !rc && j < cnt; j++)
        rc = weight_item(item[j], j, NULL, &n, h->err);
    if (!rc && n > 100000000)
        rc = pl__fail(h->err, PL_EINPUT, "--weights has %zu members; expected at most 10^8", n);
    /* counted from the member count, before anything of that size is allocated */
    double bytes = 17.0 * (double)n;
    if (!rc && h->max_bytes > 0 && bytes > h->max_bytes)
        rc = pl__fail(h->err, PL_EINPUT, "--weights has %zu members, whose weights alone need "
                      "%.3g GiB, above the limit of %.3g GiB; expected a smaller game or "
                      "--max-memory MIB", n, bytes / 1073741824.0, h->max_bytes / 1073741824.0);
    if (!rc)
        rc = adhoc_size(h, n, "weights");
    for (size_t j = 0; !rc && j < cnt; j++)
        rc = weight_item(item[j], j, h->w, &k, h->err);
    h->has_w = !rc;
    return rc;
}

static int apply_names(adhoc *h, char **item, size_t cnt)
{
    int rc = adhoc_size(h, cnt, "names");
    for (size_t j = 0; !rc && j < cnt; j++)
        rc = pl_game_set_name(h->g, j, item[j], h->err);
    return rc;
}

static int apply_veto(adhoc *h, char **item, size_t cnt)
{
    int rc = PL_OK;
    for (size_t j = 0; !rc && j < cnt; j++) {
        long m = h->g ? pl_game_member_index(h->g, item[j]) : -1;
        if (m < 0)
            return pl__fail(h->err, PL_EINPUT, "--veto: '%s' is not a member; expected a name "
                            "from --names or a number from 1 to %zu", item[j], h->n);
        rc = pl_game_set_veto(h->g, (size_t)m, 1, h->err);
    }
    return rc;
}

/* The items that are comma lists. */
static int apply_list(adhoc *h, const rec *it)
{
    char *copy = NULL, **item = NULL;
    size_t cnt = 0;
    int rc = split(it->value, &copy, &item, &cnt, h->err);
    if (!rc)
        rc = it->kind == WEIGHTS ? apply_weights(h, item, cnt)
             : it->kind == NAMES ? apply_names(h, item, cnt) : apply_veto(h, item, cnt);
    free(copy);
    free(item);
    return rc;
}

/* "2/3", "65%" or "66.7%" as num/den of the total weight; 0 when malformed. */
static int parse_share(const char *v, const char *slash, const char *pct, uint64_t *num,
                       uint64_t *den)
{
    char text[32] = "";
    uint64_t b = 1, scale = 1;
    size_t len = (size_t)((slash ? slash : pct) - v), d = 0;
    for (size_t i = 0; i < len && i + 1 < sizeof text; i++) {
        if (v[i] == '.' && !d) {  /* a decimal point: the digits after it scale the share */
            d = 1;
            continue;
        }
        text[i - d] = v[i];
        text[i - d + 1] = '\0';
        scale *= d ? 10 : 1;
    }
    if (len == 0 || len + 1 >= sizeof text || !parse_u64(text, 1, UINT64_C(1) << 40, num) ||
        (slash && !parse_u64(slash + 1, 1, UINT64_C(1) << 30, &b)) || (pct && pct[1]) ||
        (slash && d))
        return 0;
    *den = b * scale * (pct ? 100 : 1);
    return 1;
}

/* "12", "2/3", "65%", "66.7%", "majority" or "unanimity" as a condition on the weights. */
static int apply_quota(adhoc *h, const char *v)
{
    pl_error e;
    int rc;
    uint64_t q, a, b;
    const char *slash = strchr(v, '/'), *pct = strchr(v, '%');
    if (!h->g)
        return pl__fail(h->err, PL_EINPUT, "--quota comes before the members are known; "
                        "expected --weights or --names first");
    if (!h->has_w)
        return pl__fail(h->err, PL_EINPUT, "--quota %s has no weights; expected --weights "
                        "before it (or --min-members)", v);
    if (strcmp(v, "majority") == 0 || strcmp(v, "unanimity") == 0) {
        rc = pl_game_add_share(h->g, h->w, 1, v[0] == 'm' ? 2 : 1, v[0] == 'm', &e);
    } else if (slash || pct) {
        if (!parse_share(v, slash, pct, &a, &b))
            return pl__fail(h->err, PL_EINPUT, "--quota %s: expected a whole number, a share "
                            "like 2/3 or 65%%, majority or unanimity", v);
        rc = pl_game_add_share(h->g, h->w, (int64_t)a, (int64_t)b, 0, &e);
    } else {
        if (!parse_u64(v, 1, UINT64_C(1) << 62, &q))
            return pl__fail(h->err, PL_EINPUT, "--quota %s: expected a whole number >= 1, a "
                            "share like 2/3 or 65%%, majority or unanimity", v);
        rc = pl_game_add_condition(h->g, h->w, (int64_t)q, &e);
    }
    return rc ? pl__fail(h->err, rc, "--quota %s: %s", v, e.msg) : PL_OK;
}

static int apply_min_members(adhoc *h, const char *v)
{
    pl_error e;
    uint64_t k;
    if (!h->g)
        return pl__fail(h->err, PL_EINPUT, "--min-members comes before the members are known; "
                        "expected --weights or --names first");
    if (!parse_u64(v, 1, h->n, &k))
        return pl__fail(h->err, PL_EINPUT, "--min-members %s: expected a whole number from 1 "
                        "to %zu", v, h->n);
    int rc = pl_game_add_condition(h->g, NULL, (int64_t)k, &e);
    return rc ? pl__fail(h->err, rc, "--min-members %s: %s", v, e.msg) : PL_OK;
}

static int apply_or(adhoc *h)
{
    pl_error e;
    if (!h->g)
        return pl__fail(h->err, PL_EINPUT, "--or comes before the members are known; expected "
                        "--weights or --names first");
    int rc = pl_game_add_rule(h->g, &e);
    return rc ? pl__fail(h->err, rc, "--or: %s", e.msg) : PL_OK;
}

static int apply(adhoc *h, const rec *it)
{
    switch (it->kind) {
    case QUOTA: return apply_quota(h, it->value);
    case MIN_MEMBERS: return apply_min_members(h, it->value);
    case OR: return apply_or(h);
    default: return apply_list(h, it);
    }
}

int pl_game_builder_build(const pl_game_builder *b, pl_game **out, pl_error *err)
{
    if (!b || !out)
        return pl__fail(err, PL_EMISUSE, "pl_game_builder_build: NULL argument");
    *out = NULL;
    adhoc h = {NULL, 0, NULL, 0, b->max_bytes, err};
    int rc = PL_OK;
    size_t first = 0;
    while (first < b->n && b->items[first].kind != WEIGHTS && b->items[first].kind != NAMES)
        first++;
    if (first < b->n)  /* the member count, wherever it stands; applied again in order */
        rc = apply(&h, &b->items[first]);
    for (size_t i = 0; !rc && i < b->n; i++)
        rc = apply(&h, &b->items[i]);
    if (!rc && pl_game_n_conditions(h.g, 0) == 0)
        rc = pl__fail(err, PL_EINPUT, "the game has no quota; expected --quota Q after "
                      "--weights");
    free(h.w);
    if (rc) {
        pl_game_free(h.g);
        return rc;
    }
    *out = h.g;
    return PL_OK;
}

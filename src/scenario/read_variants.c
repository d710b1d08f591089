/* SPDX-License-Identifier: MIT */
/*
** read_variants.c: the variants section, and what-if changes at load.
**
** A variant is a named set of changes ({id, name, note, source, set: {PATH:
** VALUE}}); --set PATH=VALUE is one change. Changes are made to the
** document before it is read (doc_set.c), so the reader checks a changed
** value exactly as it checks the file, and a change gives the scenario that
** editing the file the same way would give. The order at load:
**   1. the file as written is read (its errors are the file's);
**   2. each variant is applied to it and the result read (an error is the
**      variant's, "variant 'x': ...");
**   3. with changes asked for, the chosen variant, then each --set in turn,
**      are applied and the result read: that is the scenario loaded.
*/
#include "reader.h"
#include "doc_set.h"
#include "../core/error_int.h"
#include "../core/suggest.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the section ------------------------------------------------------- */

static const char *const variant_keys[] = {"id", "name", "note", "source", "set"};

static int read_set(pl_reader *r, const pl_doc_node *n, const char *where)
{
    char what[160];
    snprintf(what, sizeof what, "set of %s", where);
    int rc = pl_rd_map(&r->rd, n, what, "a mapping PATH -> VALUE, like "
                       "{actors.EUR.at_table: false}");
    if (rc)
        return rc;
    if (n->len == 0)
        return pl_rd_fail(&r->rd, n, "%s changes nothing; expected at least one PATH: VALUE",
                          what);
    snprintf(what, sizeof what, "path in %s", where);
    for (size_t j = 0; j < n->len; j++) {
        const char *path;
        if ((rc = pl_rd_text(&r->rd, pl_doc_map_key(n, j), what, &path)))
            return rc;
    }
    return PL_OK;
}

static int read_variant(pl_reader *r, const pl_doc_node *n, size_t i, pl_idmap *ids,
                        const pl_doc_node **nodes)
{
    static const pl_entry_kind kind = {"variant", "a variant", "a mapping with id, note and "
                                       "set", "an identifier like europe-off", variant_keys,
                                       sizeof variant_keys / sizeof *variant_keys};
    pl_variant *v = &r->s->variants[i];
    const char *unused = NULL;
    int rc = pl__read_head(r, &kind, n, i, ids, nodes, &v->id, &v->name, &unused);
    if (rc || !v->id)
        return rc;
    char where[128];
    snprintf(where, sizeof where, "variant '%s'", v->id);
    const pl_doc_node *t;
    if ((t = pl_doc_map_get(n, "note")) && (rc = pl_rd_text(&r->rd, t, "note", &v->note)))
        return rc;
    if ((t = pl_doc_map_get(n, "source")) && (rc = pl_rd_text(&r->rd, t, "source", &v->source)))
        return rc;
    if ((r->rd.flags & PL_LOAD_REQUIRE_SOURCES) && !v->note && !v->source)
        return pl_rd_fail(&r->rd, n, "%s has neither source nor note; expected the sentence "
                          "it rests on, or a note with the reasoning", where);
    pl_doc_node *set;
    if ((rc = pl_rd_need(&r->rd, n, "set", where, "a mapping PATH -> VALUE", &set)) ||
        (rc = read_set(r, set, where)))
        return rc;
    v->n_changes = set->len;
    return PL_OK;
}

int pl__read_variants(pl_reader *r, const pl_doc_node *seq)
{
    int rc = pl_rd_seq(&r->rd, seq, "variants", "a list of variants");
    if (rc)
        return rc;
    pl_scenario *s = r->s;
    pl_idmap ids;
    const pl_doc_node **nodes = pl_arena_array(&s->arena, seq->len ? seq->len : 1,
                                               sizeof *nodes);
    s->variants = pl_arena_array(&s->arena, seq->len ? seq->len : 1, sizeof *s->variants);
    if (!nodes || !s->variants || pl_idmap_init(&ids, &s->arena, seq->len))
        return pl__error_nomem(r->rd.err);
    s->n_variants = seq->len;
    for (size_t i = 0; i < seq->len; i++)
        if (pl_rd_stop(&r->rd, &rc, read_variant(r, seq->items[i], i, &ids, nodes)))
            return rc;
    return rc;
}

/* ---- applying changes --------------------------------------------------- */

/* Put pre before err's message (what the error is about, when its place does not say). */
static void prefix_error(pl_error *err, const char *pre)
{
    char msg[PL_ERROR_MSG_MAX];
    if (!err)
        return;
    size_t lp = strnlen(pre, sizeof msg - 1), lm = strnlen(err->msg, sizeof msg - 1 - lp);
    memcpy(msg, pre, lp);  /* the end of a long message is cut, as snprintf would */
    memcpy(msg + lp, err->msg, lm);
    msg[lp + lm] = '\0';
    memcpy(err->msg, msg, sizeof msg);
}

/* Variant entry e's changes on *root; its path errors at the path's place in the file. */
static int apply_entry(pl_doc *d, pl_doc_node **root, const pl_doc_node *e, pl_error *err)
{
    const pl_doc_node *set = pl_doc_map_get(e, "set");
    if (!set || set->type != PL_DOC_MAP)
        return PL_OK;  /* the reader has said what is wrong with it */
    for (size_t j = 0; j < set->len; j++) {
        const pl_doc_node *k = pl_doc_map_key(set, j);
        pl_doc_where w = {d->name, k->line, k->col, ""};
        int rc = k->type == PL_DOC_SCALAR ? pl__doc_set(d, root, k->text,
                                                        pl_doc_map_value(set, j), NULL, &w, err)
                                          : PL_OK;
        if (rc)
            return rc;
    }
    return PL_OK;
}

/* The variant named name, or an error listing those there are. */
static int find_variant(const pl_doc *d, const char *name, const pl_doc_node **out,
                        pl_error *err)
{
    const pl_doc_node *vs = d->root && d->root->type == PL_DOC_MAP
                                ? pl_doc_map_get(d->root, "variants") : NULL;
    size_t n = vs && vs->type == PL_DOC_SEQ ? vs->len : 0, k = 0;
    char file[PL_ERROR_FILE_MAX];
    snprintf(file, sizeof file, "--variant %s", name);
    for (size_t i = 0; i < n; i++) {
        const pl_doc_node *id = pl_doc_entry_id(vs->items[i]);
        if (id && strcmp(id->text, name) == 0) {
            *out = vs->items[i];
            return PL_OK;
        }
    }
    if (n == 0)
        return pl__error_set(err, PL_EINPUT, file, 0, 0, "%s declares no variants; expected "
                             "a scenario with a variants section", d->name);
    const char **ids = malloc(n * sizeof *ids);
    if (!ids)
        return pl__error_nomem(err);
    char list[256] = "";
    const pl_doc_node *id;
    for (size_t i = 0, used = 0; i < n; i++)
        if ((id = pl_doc_entry_id(vs->items[i]))) {
            ids[k++] = id->text;
            if (used < sizeof list - 1)
                used += (size_t)snprintf(list + used, sizeof list - used, "%s%s",
                                         k > 1 ? ", " : "", ids[k - 1]);
        }
    const char *hint = pl_suggest(name, ids, k);
    int rc = hint ? pl__error_set(err, PL_EINPUT, file, 0, 0, "%s has no variant '%s'; did "
                                  "you mean '%s'? (its variants: %s)", d->name, name, hint, list)
                  : pl__error_set(err, PL_EINPUT, file, 0, 0, "%s has no variant '%s'; "
                                  "expected one of: %s", d->name, name, list);
    free(ids);
    return rc;
}

/* One "PATH=VALUE" on *root; messages name "--set PATH". */
static int apply_change(pl_doc *d, pl_doc_node **root, const char *change, pl_error *err)
{
    const char *eq = strchr(change, '=');
    size_t plen = eq ? (size_t)(eq - change) : strlen(change);
    char *origin = pl_arena_alloc(&d->arena, plen + 7);
    if (!origin)
        return pl__error_nomem(err);
    snprintf(origin, plen + 7, "--set %.*s", (int)plen, change);
    if (!eq || plen == 0)
        return pl__error_set(err, PL_EINPUT, origin, 0, 0, "'%s' is not PATH=VALUE; expected "
                             "a change like positions.RUS.TERR.salience=0.3", change);
    pl_doc v;
    int rc = pl_doc_parse(&v, eq + 1, strlen(eq + 1), origin, 0, err);
    if (rc == PL_EINPUT && err)
        err->line = err->col = 0;  /* a place in the value's own text, not in a file */
    pl_doc_node *value = rc ? NULL : pl__doc_adopt(d, &v, origin);
    pl_doc_free(&v);
    if (rc)
        return rc;
    if (!value)
        return pl__error_set(err, PL_EINPUT, origin, 0, 0, "no value after '='; expected "
                             "PATH=VALUE (an empty text is PATH=\"\")");
    pl_doc_where w = {origin, 0, 0, ""};
    return pl__doc_set(d, root, origin + 6, value, origin, &w, err);
}

/* ---- reading with changes ------------------------------------------------ */

int pl__check_variants(pl_doc *d, const char *name, const pl_load_opts *opts, pl_error *err)
{
    const pl_doc_node *vs = d->root && d->root->type == PL_DOC_MAP
                                ? pl_doc_map_get(d->root, "variants") : NULL;
    pl_error_list *list = opts ? opts->errors : NULL;
    int first = PL_OK;
    for (size_t i = 0; vs && vs->type == PL_DOC_SEQ && i < vs->len; i++) {
        const pl_doc_node *id = pl_doc_entry_id(vs->items[i]);
        pl_doc_node *root = d->root;
        pl_scenario *tmp = NULL;
        pl_error e;
        pl_error_clear(&e);
        int rc = id ? apply_entry(d, &root, vs->items[i], &e) : PL_OK;
        if (!rc && id)
            rc = pl__read_doc(&tmp, root, name, NULL, 0, opts,
                              PL__READ_QUIET | PL__READ_FIRST_ERROR, &e);
        pl_scenario_free(tmp);
        if (rc != PL_EINPUT) {
            if (rc && err)
                *err = e;
            if (rc)
                return rc;
            continue;
        }
        char pre[PL_ID_MAX + 16];
        snprintf(pre, sizeof pre, "variant '%s': ", id->text);
        prefix_error(&e, pre);
        if (!first && err)
            *err = e;
        first = first ? first : rc;
        pl__error_list_add(list, &e);
        if (!list || pl_error_list_full(list))
            break;
    }
    return first;
}

/* Keep what was applied, for pl_scenario_applied_variant and pl_scenario_change. */
static int record(pl_scenario *s, const pl_load_opts *opts, pl_error *err)
{
    if (opts->variant && !(s->variant = pl_arena_strdup(&s->arena, opts->variant)))
        return pl__error_nomem(err);
    if (!opts->n_changes)
        return PL_OK;
    if (!(s->changes = pl_arena_array(&s->arena, opts->n_changes, sizeof *s->changes)))
        return pl__error_nomem(err);
    for (size_t i = 0; i < opts->n_changes; i++)
        if (!(s->changes[i] = pl_arena_strdup(&s->arena, opts->changes[i])))
            return pl__error_nomem(err);
    s->n_changes = opts->n_changes;
    return PL_OK;
}

int pl__doc_changed(pl_doc *d, const pl_load_opts *opts, pl_doc_node **out, pl_error *err)
{
    pl_doc_node *root = d->root;
    const pl_doc_node *v = NULL;
    int rc = PL_OK;
    if (opts->variant && !(rc = find_variant(d, opts->variant, &v, err)) &&
        (rc = apply_entry(d, &root, v, err)) == PL_EINPUT) {
        char pre[PL_ID_MAX + 16];
        snprintf(pre, sizeof pre, "variant '%s': ", opts->variant);
        prefix_error(err, pre);
    }
    for (size_t i = 0; !rc && i < opts->n_changes; i++)
        if (!opts->changes || !opts->changes[i])
            rc = pl__fail(err, PL_EMISUSE, "pl_load_opts: change %zu is NULL", i);
        else
            rc = apply_change(d, &root, opts->changes[i], err);
    *out = root;
    return rc;
}

int pl__read_changed(pl_scenario **out, pl_doc *d, const char *name, const char *data,
                     size_t len, const pl_load_opts *opts, pl_error *err)
{
    pl_doc_node *root = NULL;
    *out = NULL;
    int rc = pl__doc_changed(d, opts, &root, err);
    if (rc)
        return rc;
    /* an error located in the file follows from the changes: say so */
    rc = pl__read_doc(out, root, name, data, len, opts, PL__READ_FIRST_ERROR, err);
    if (rc == PL_EINPUT && err && strcmp(err->file, name) == 0) {
        prefix_error(err, "with the changes made (--set, --variant): ");
        pl__error_list_add(opts->errors, err);
    } else if (rc == PL_EINPUT)
        pl__error_list_add(opts->errors, err);
    if (!rc)
        rc = record(*out, opts, err);
    if (rc) {
        pl_scenario_free(*out);
        *out = NULL;
    }
    return rc;
}

/* SPDX-License-Identifier: MIT */
/*
** compare_inputs.c: which inputs differ between the two sides, named by the
** paths --set takes. Each side's text is read again with its scenario's
** variant and --set changes applied (doc_set.h), as the loader read it, so
** `compare FILE --set P=V` names P, and a variant names each path it sets.
*/
#include "compare_impl.h"
#include "parley/scenario.h"
#include "../core/alloc.h"
#include "../core/error_int.h"
#include "../core/fmt.h"
#include "../scenario/doc_diff.h"
#include "../scenario/doc_set.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static int is_json(const char *name)
{
    size_t n = name ? strlen(name) : 0;
    return n >= 5 && strcmp(name + n - 5, ".json") == 0;
}

/* Side x's document with its scenario's changes made: *root (NULL for an empty text). */
static int changed_doc(pl_doc *d, const pl_compare_side *x, pl_doc_node **root, pl_error *err)
{
    const char *name = x->name ? x->name : "<scenario>";
    int rc = pl_doc_parse(d, x->text, x->len, name, is_json(name) ? PL_DOC_JSON : 0, err);
    if (rc)
        return rc;
    size_t n = pl_scenario_n_changes(x->s);
    const char **changes = pl__mallocarray(n ? n : 1, sizeof *changes);
    if (!changes)
        return pl__error_nomem(err);
    for (size_t i = 0; i < n; i++)
        changes[i] = pl_scenario_change(x->s, i);
    pl_load_opts lo = PL_LOAD_OPTS_INIT;
    lo.variant = pl_scenario_applied_variant(x->s);
    lo.changes = changes;
    lo.n_changes = n;
    rc = pl__doc_changed(d, &lo, root, err);
    free(changes);
    return rc;
}

/* Where the entry with id `id` of list `list` is written in root, into err's place. */
static void place_of(const pl_doc_node *root, const char *list, const char *id, int *line,
                     int *col)
{
    const pl_doc_node *seq = root && root->type == PL_DOC_MAP ? pl_doc_map_get(root, list)
                                                                : NULL;
    *line = *col = 0;
    for (size_t i = 0; seq && seq->type == PL_DOC_SEQ && i < seq->len; i++) {
        const pl_doc_node *e = pl_doc_entry_id(seq->items[i]);
        if (e && strcmp(e->text, id) == 0 && !e->origin) {
            *line = e->line;
            *col = e->col;
        }
    }
}

/* The first actor or issue of x that y does not have: PL_EINPUT at its place in x. */
static int same_ids(const pl_compare_side *x, const pl_doc_node *xroot,
                    const pl_compare_side *y, pl_error *err)
{
    for (int what = 0; what < 2; what++) {
        size_t n = what ? pl_scenario_n_issues(x->s) : pl_scenario_n_actors(x->s);
        for (size_t i = 0; i < n; i++) {
            const char *id = what ? pl_issue_id(pl_scenario_issue(x->s, i))
                                  : pl_actor_id(pl_scenario_actor(x->s, i));
            if ((what ? pl_scenario_issue_index(y->s, id) : pl_scenario_actor_index(y->s, id)) >= 0)
                continue;
            int line, col;
            place_of(xroot, what ? "issues" : "actors", id, &line, &col);
            return pl__error_set(err, PL_EINPUT, x->name ? x->name : "<scenario>", line, col,
                                 "%s '%s' is not in %s; expected two scenarios with the same "
                                 "actors and issues (compare a scenario with its variants or "
                                 "--set changes, or edit one to match)", what ? "issue" : "actor",
                                 id, y->name ? y->name : "the other scenario");
        }
    }
    return PL_OK;
}

typedef struct collect {
    pl__difflist *out;
    const char *prefix;  /* "proposal" for the proposals' paths, else NULL */
    int rc;
} collect;

static int input_change(const char *path, const char *a, const char *b, void *payload)
{
    collect *c = payload;
    char what[1100];
    if (c->prefix && strcmp(path, "(the document)") == 0)
        pl__snprintf(what, sizeof what, "%s", c->prefix);
    else if (c->prefix)
        pl__snprintf(what, sizeof what, "%s.%s", c->prefix, path);
    else
        pl__snprintf(what, sizeof what, "%s", path);
    c->rc = pl__difflist_add(c->out, NULL, what, a, b, NAN, 0);
    return c->rc;
}

/* The proposals' texts as documents, diffed under "proposal". */
static int proposal_inputs(pl__difflist *out, const pl_compare_side *a,
                           const pl_compare_side *b, pl_error *err)
{
    pl_doc d[2];
    const pl_compare_side *x[2] = {a, b};
    int rc = PL_OK;
    memset(d, 0, sizeof d);
    for (int i = 0; i < 2 && !rc; i++)
        if (x[i]->proposal_text) {
            const char *name = x[i]->proposal_name ? x[i]->proposal_name : "<proposal>";
            rc = pl_doc_parse(&d[i], x[i]->proposal_text, x[i]->proposal_len, name,
                              is_json(name) ? PL_DOC_JSON : 0, err);
        }
    collect c = {out, "proposal", PL_OK};
    if (!rc && (a->proposal_text || b->proposal_text))
        pl__doc_diff(d[0].root, d[1].root, input_change, &c);
    pl_doc_free(&d[0]);
    pl_doc_free(&d[1]);
    return rc ? rc : c.rc ? pl__error_nomem(err) : PL_OK;
}

int pl__compare_inputs(pl__difflist *out, const pl_compare_side *a, const pl_compare_side *b,
                       pl_error *err)
{
    pl_doc d[2];
    pl_doc_node *root[2] = {NULL, NULL};
    memset(d, 0, sizeof d);
    int texts = a->text && b->text;
    int rc = texts ? changed_doc(&d[0], a, &root[0], err) : PL_OK;
    if (!rc && texts)
        rc = changed_doc(&d[1], b, &root[1], err);
    if (!rc)
        rc = same_ids(a, root[0], b, err);
    if (!rc)
        rc = same_ids(b, root[1], a, err);
    collect c = {out, NULL, PL_OK};
    if (!rc && texts)
        pl__doc_diff(root[0], root[1], input_change, &c);
    if (!rc && c.rc)
        rc = pl__error_nomem(err);
    pl_doc_free(&d[0]);
    pl_doc_free(&d[1]);
    return rc ? rc : proposal_inputs(out, a, b, err);
}

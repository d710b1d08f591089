/* SPDX-License-Identifier: MIT */
/*
** read_staging.c: the `staging` section: plans that settle the issues in
** stages (e.g. a ceasefire first, the rest later), each stage naming its
** issues, how long its talks take (years or months) and which stages come before it.
** Every issue is settled in exactly one stage of each plan; the order must
** have no cycle.
*/
#include "reader.h"
#include "../core/error_int.h"

#include <stdio.h>
#include <string.h>

static const char *const staging_keys[] = {"breakdown", "plans"};
static const char *const plan_keys[] = {"id", "name", "stages"};
static const char *const stage_keys[] = {"id", "issues", "periods", "after"};

/* Index of stage id `id` among the first n of plan p, or -1. */
static long stage_index(const pl_plan *p, size_t n, const char *id)
{
    for (size_t j = 0; j < n; j++)
        if (p->stages[j].id && strcmp(p->stages[j].id, id) == 0)  /* NULL: a stage in error */
            return (long)j;
    return -1;
}

/* Room for an id list (issues or after): a non-empty list; the caller resolves each id. */
static int read_ids(pl_reader *r, const pl_doc_node *n, const char *what, size_t **out,
                    size_t *count)
{
    int rc = pl_rd_seq(&r->rd, n, what, "a list of ids");
    if (rc)
        return rc;
    if (n->len == 0)
        return pl_rd_fail(&r->rd, n, "%s is empty; expected at least one id", what);
    *out = pl_arena_array(&r->s->arena, n->len, sizeof **out);
    *count = n->len;
    return *out ? PL_OK : pl__error_nomem(r->rd.err);
}

/* The issues a stage settles, each in one stage of the plan only. */
static int read_stage_issues(pl_reader *r, pl_plan *p, pl_stage *st, const pl_doc_node *v,
                             unsigned char *seen_issue)
{
    char what[200];
    snprintf(what, sizeof what, "issues of stage '%s' of plan '%s'", st->id ? st->id : "?", p->id);
    int rc = read_ids(r, v, what, &st->issues, &st->n_issues);
    for (size_t m = 0; !rc && m < st->n_issues; m++) {
        long k;
        if ((rc = pl__ref_issue(r, v->items[m], what, &k)))
            break;
        if (seen_issue[k])
            rc = pl_rd_fail(&r->rd, v->items[m], "issue '%s' is settled twice in plan '%s'; "
                            "expected each issue in one stage", r->s->issues[k].id, p->id);
        seen_issue[k] = 1;
        st->issues[m] = (size_t)k;
    }
    return rc;
}

static int read_stage(pl_reader *r, pl_plan *p, size_t j, const pl_doc_node *n,
                      unsigned char *seen_issue)
{
    pl_stage *st = &p->stages[j];
    char where[160], what[200];
    snprintf(where, sizeof where, "stage %zu of plan '%s'", j + 1, p->id);
    int rc = pl_rd_map(&r->rd, n, where, "{id, issues, periods, after}"), e;
    if (rc || pl_rd_stop(&r->rd, &rc, pl_rd_keys(&r->rd, n, stage_keys,
                                                 sizeof stage_keys / sizeof *stage_keys, where)))
        return rc;
    pl_doc_node *v;
    if ((e = pl_rd_need(&r->rd, n, "id", where, "an identifier", &v)) == PL_OK)
        e = pl_rd_id(&r->rd, v, "stage id", &st->id);
    if (!e && stage_index(p, j, st->id) >= 0)
        e = pl_rd_fail(&r->rd, v, "stage id '%s' is used twice in plan '%s'; expected unique "
                       "stage ids", st->id, p->id);
    if (pl_rd_stop(&r->rd, &rc, e))
        return rc;
    if ((e = pl_rd_need(&r->rd, n, "issues", where, "a list of issue ids", &v)) == PL_OK)
        e = read_stage_issues(r, p, st, v, seen_issue);
    if (pl_rd_stop(&r->rd, &rc, e))
        return rc;
    double x = 1;
    int unit;
    snprintf(what, sizeof what, "periods of stage '%s' of plan '%s'", st->id ? st->id : "?", p->id);
    if ((v = pl_doc_map_get(n, "periods")) &&
        !(e = pl__read_duration(r, v, what, &x, &unit)) && !(x > 0 && x <= 1000))
        e = pl_rd_fail(&r->rd, v, "%s is %g%s; expected a length of talks in (0, 1000] years, "
                       "like 2 or {months: 6}", what, x, unit ? " years" : "");
    st->years = x;
    pl_rd_stop(&r->rd, &rc, e);
    return rc;
}

/* `after` lists, once every stage id of the plan is known. */
static int read_after(pl_reader *r, pl_plan *p, const pl_doc_node *seq)
{
    for (size_t j = 0; j < p->n_stages; j++) {
        pl_stage *st = &p->stages[j];
        const pl_doc_node *v = pl_doc_map_get(seq->items[j], "after");
        char what[200];
        snprintf(what, sizeof what, "after of stage '%s' of plan '%s'", st->id, p->id);
        if (!v)
            continue;
        int rc = read_ids(r, v, what, &st->after, &st->n_after);
        for (size_t m = 0; !rc && m < st->n_after; m++) {
            const pl_doc_node *e = v->items[m];
            long k = e->type == PL_DOC_SCALAR ? stage_index(p, p->n_stages, e->text) : -1;
            if (k < 0 || (size_t)k == j)
                return pl_rd_fail(&r->rd, e, "%s names '%s', %s; expected ids of other stages "
                                  "of the plan", what, e->type == PL_DOC_SCALAR ? e->text : "?",
                                  k < 0 ? "which is no stage of the plan" : "the stage itself");
            st->after[m] = (size_t)k;
        }
        if (rc)
            return rc;
    }
    return PL_OK;
}

/* The stages in an order that respects `after` (listing order among the ready ones). */
static int order_stages(pl_reader *r, pl_plan *p, const pl_doc_node *seq)
{
    size_t n = p->n_stages;
    unsigned char *done = pl_arena_array(&r->s->arena, n, 1);
    p->order = pl_arena_array(&r->s->arena, n, sizeof *p->order);
    if (!done || !p->order)
        return pl__error_nomem(r->rd.err);
    for (size_t taken = 0; taken < n; taken++) {
        size_t j = 0;
        for (; j < n; j++) {
            size_t m = 0;
            while (!done[j] && m < p->stages[j].n_after && done[p->stages[j].after[m]])
                m++;
            if (!done[j] && m == p->stages[j].n_after)
                break;
        }
        if (j == n) {
            size_t c = 0;
            while (done[c])
                c++;
            return pl_rd_fail(&r->rd, seq->items[c], "the stages of plan '%s' wait for each "
                              "other in a cycle (stage '%s' among them); expected an order "
                              "without cycles", p->id, p->stages[c].id);
        }
        done[j] = 1;
        p->order[taken] = j;
    }
    return PL_OK;
}

/* The plan's stages; the checks across them (every issue settled, `after`, no cycle) only
   when every stage could be read. */
static int read_stages(pl_reader *r, pl_plan *p, const pl_doc_node *seq)
{
    unsigned char *seen = pl_arena_array(&r->s->arena, r->s->n_issues, 1);
    if (!seen || !(p->stages = pl_arena_array(&r->s->arena, seq->len, sizeof *p->stages)))
        return pl__error_nomem(r->rd.err);
    p->n_stages = seq->len;
    int rc = PL_OK;
    for (size_t m = 0; m < seq->len; m++)
        if (pl_rd_stop(&r->rd, &rc, read_stage(r, p, m, seq->items[m], seen)))
            return rc;
    for (size_t k = 0; !rc && k < r->s->n_issues; k++)
        if (!seen[k])
            rc = pl_rd_fail(&r->rd, seq, "plan '%s' settles issue '%s' in no stage; expected "
                            "every issue in one stage", p->id, r->s->issues[k].id);
    if (!rc)
        rc = read_after(r, p, seq);
    return rc ? rc : order_stages(r, p, seq);
}

static int read_plan(pl_reader *r, pl_plan *p, size_t j, const pl_doc_node *n)
{
    char where[64];
    snprintf(where, sizeof where, "plan %zu of staging", j + 1);
    int rc = pl_rd_map(&r->rd, n, where, "{id, name, stages}"), e;
    if (rc || pl_rd_stop(&r->rd, &rc, pl_rd_keys(&r->rd, n, plan_keys,
                                                 sizeof plan_keys / sizeof *plan_keys, where)))
        return rc;
    pl_doc_node *v;
    if ((e = pl_rd_need(&r->rd, n, "id", where, "an identifier", &v)) == PL_OK)
        e = pl_rd_id(&r->rd, v, "plan id", &p->id);
    if (e) {
        pl_rd_stop(&r->rd, &rc, e);
        return rc;  /* every message about its stages names the plan */
    }
    p->name = p->id;
    if ((v = pl_doc_map_get(n, "name")) &&
        pl_rd_stop(&r->rd, &rc, pl_rd_text(&r->rd, v, "plan name", &p->name)))
        return rc;
    pl_doc_node *seq = NULL;
    if ((e = pl_rd_need(&r->rd, n, "stages", where, "a list of stages", &seq)) == PL_OK)
        e = pl_rd_seq(&r->rd, seq, "stages", "a list of {id, issues, periods, after}");
    if (!e && seq->len == 0)
        e = pl_rd_fail(&r->rd, seq, "plan '%s' has no stage; expected at least one", p->id);
    if (!e)
        e = read_stages(r, p, seq);
    pl_rd_stop(&r->rd, &rc, e);
    return rc;
}

int pl__read_staging(pl_reader *r, const pl_doc_node *map)
{
    pl_staging_spec *g = pl_arena_alloc(&r->s->arena, sizeof *g);
    if (!g)
        return pl__error_nomem(r->rd.err);
    int rc = pl_rd_map(&r->rd, map, "staging", "a mapping with breakdown and plans"), e;
    if (rc || pl_rd_stop(&r->rd, &rc, pl_rd_keys(&r->rd, map, staging_keys,
                                                 sizeof staging_keys / sizeof *staging_keys,
                                                 "staging")))
        return rc;
    pl_doc_node *v;
    if ((e = pl_rd_need(&r->rd, map, "breakdown", "staging", "a probability per year of "
                        "talks", &v)) == PL_OK)
        e = pl_rd_value(&r->rd, v, "breakdown of staging", 0, 1, NULL, &g->breakdown);
    if (pl_rd_stop(&r->rd, &rc, e))
        return rc;
    if ((e = pl_rd_need(&r->rd, map, "plans", "staging", "a list of plans", &v)) == PL_OK)
        e = pl_rd_seq(&r->rd, v, "plans of staging", "a list of {id, name, stages}");
    if (!e && v->len == 0)
        e = pl_rd_fail(&r->rd, v, "plans of staging is empty; expected at least one plan");
    if (e || !(g->plans = pl_arena_array(&r->s->arena, v->len, sizeof *g->plans))) {
        pl_rd_stop(&r->rd, &rc, e ? e : pl__error_nomem(r->rd.err));
        return rc;
    }
    g->n_plans = v->len;
    for (size_t j = 0; j < v->len; j++) {
        e = read_plan(r, &g->plans[j], j, v->items[j]);
        for (size_t m = 0; !e && m < j; m++)
            if (g->plans[m].id && strcmp(g->plans[m].id, g->plans[j].id) == 0)
                e = pl_rd_fail(&r->rd, v->items[j], "plan id '%s' is used twice; expected "
                               "unique plan ids", g->plans[j].id);
        if (pl_rd_stop(&r->rd, &rc, e))
            return rc;
    }
    if (!rc)
        r->s->staging = g;
    return rc;
}

/* SPDX-License-Identifier: MIT */
/*
** read_regimes.c: the `regimes` list: shocks that, with a probability per
** year, replace an actor's positions and saliences by another set (a new
** government hostile to a deal), so the actor may leave the deal
** (docs/scenario-format.md, "regimes"; docs/models.md, "Survival").
*/
#include "reader.h"
#include "../core/error_int.h"

#include <stdio.h>
#include <string.h>

static const char *const regime_keys[] = {"id", "actor", "hazard", "positions", "note",
                                          "source"};
static const char *const pos_keys[] = {"position", "salience", "source", "note"};

/* {position, salience} of the regime on issue k. */
static int read_position(pl_reader *r, pl_regime *g, const pl_doc_node *n, size_t k)
{
    char where[200], what[240];
    const char *actor = r->s->actors[g->actor].id, *issue = r->s->issues[k].id;
    snprintf(where, sizeof where, "position of regime '%s' on '%s'", g->id, issue);
    int rc = pl_rd_map(&r->rd, n, where, "{position: 0-100, salience: 0-1}");
    if (rc || (rc = pl_rd_keys(&r->rd, n, pos_keys, sizeof pos_keys / sizeof *pos_keys, where)))
        return rc;
    pl_doc_node *v;
    static const char *const key[2] = {"position", "salience"};
    double *out[2] = {&g->pos[k], &g->sal[k]}, hi[2] = {100, 1};
    for (int j = 0; j < 2; j++) {
        snprintf(what, sizeof what, "%s of regime '%s' (%s) on '%s'", key[j], g->id, actor,
                 issue);
        if ((rc = pl_rd_need(&r->rd, n, key[j], where, j ? "a number in [0, 1]"
                                                           : "a number in [0, 100]", &v)) ||
            (rc = pl_rd_number(&r->rd, v, what, 0, hi[j], out[j])))
            return rc;
    }
    g->has[k] = 1;
    return PL_OK;
}

/* positions: {ISSUE: {position, salience}, ...}, at least one issue. */
static int read_positions(pl_reader *r, pl_regime *g, const pl_doc_node *map)
{
    char what[160];
    snprintf(what, sizeof what, "positions of regime '%s'", g->id);
    int rc = pl_rd_map(&r->rd, map, what, "a mapping issue -> {position, salience}");
    if (!rc && map->len == 0)
        rc = pl_rd_fail(&r->rd, map, "%s is empty; expected at least one issue whose position "
                        "and salience the regime replaces", what);
    size_t K = r->s->n_issues ? r->s->n_issues : 1;
    g->has = pl_arena_array(&r->s->arena, K, 1);
    g->pos = pl_arena_array(&r->s->arena, K, sizeof *g->pos);
    g->sal = pl_arena_array(&r->s->arena, K, sizeof *g->sal);
    if (!rc && (!g->has || !g->pos || !g->sal))
        rc = pl__error_nomem(r->rd.err);
    for (size_t j = 0; !rc && j < map->len; j++) {
        long k;
        const pl_doc_node *key = pl_doc_map_key(map, j);
        if ((rc = pl__ref_issue(r, key, what, &k)))
            break;
        if (g->has[k])
            rc = pl_rd_fail(&r->rd, key, "%s names issue '%s' twice; expected each once", what,
                            r->s->issues[k].id);
        else
            rc = read_position(r, g, pl_doc_map_value(map, j), (size_t)k);
    }
    return rc;
}

static int read_regime(pl_reader *r, pl_regime *g, size_t j, const pl_doc_node *n)
{
    char where[64], what[160];
    snprintf(where, sizeof where, "regime %zu", j + 1);
    int rc = pl_rd_map(&r->rd, n, where, "{id, actor, hazard, positions, note, source}");
    if (rc || (rc = pl_rd_keys(&r->rd, n, regime_keys,
                               sizeof regime_keys / sizeof *regime_keys, where)))
        return rc;
    pl_doc_node *v;
    long a;
    if ((rc = pl_rd_need(&r->rd, n, "id", where, "an identifier", &v)) ||
        (rc = pl_rd_id(&r->rd, v, "regime id", &g->id)))
        return rc;
    for (pl_regime *o = r->s->regimes; o < g; o++)
        if (o->id && strcmp(o->id, g->id) == 0)  /* NULL: a regime in error */
            return pl_rd_fail(&r->rd, v, "regime id '%s' is used twice; expected unique "
                              "regime ids", g->id);
    snprintf(what, sizeof what, "actor of regime '%s'", g->id);
    if ((rc = pl_rd_need(&r->rd, n, "actor", where, "an actor id", &v)) ||
        (rc = pl__ref_actor(r, v, what, &a)))
        return rc;
    g->actor = (size_t)a;
    snprintf(what, sizeof what, "hazard of regime '%s'", g->id);
    if ((rc = pl_rd_need(&r->rd, n, "hazard", where, "a probability per year in [0, 1]", &v)) ||
        (rc = pl_rd_value(&r->rd, v, what, 0, 1, NULL, &g->hazard)))
        return rc;
    if ((v = pl_doc_map_get(n, "note")) && (rc = pl_rd_text(&r->rd, v, "note", &g->note)))
        return rc;
    if ((v = pl_doc_map_get(n, "source")) && (rc = pl_rd_text(&r->rd, v, "source", &g->source)))
        return rc;
    if ((r->rd.flags & PL_LOAD_REQUIRE_SOURCES) && !g->note && !g->source)
        return pl_rd_fail(&r->rd, n, "regime '%s' has no source or note; expected the sentence "
                          "its hazard rests on (source) or the reasoning (note)", g->id);
    if ((rc = pl_rd_need(&r->rd, n, "positions", where, "{ISSUE: {position, salience}}", &v)))
        return rc;
    return read_positions(r, g, v);
}

int pl__read_regimes(pl_reader *r, const pl_doc_node *seq)
{
    int rc = pl_rd_seq(&r->rd, seq, "regimes", "a list of {id, actor, hazard, positions}");
    if (rc)
        return rc;
    pl_regime *g = pl_arena_array(&r->s->arena, seq->len ? seq->len : 1, sizeof *g);
    if (!g)
        return pl__error_nomem(r->rd.err);
    r->s->regimes = g;
    for (size_t j = 0; j < seq->len; j++) {
        r->s->n_regimes = j;  /* the ones before, for the duplicate check */
        if (pl_rd_stop(&r->rd, &rc, read_regime(r, &g[j], j, seq->items[j])))
            break;
    }
    r->s->n_regimes = rc ? 0 : seq->len;
    return rc;
}

/* SPDX-License-Identifier: MIT */
/*
** settle_red_emit.c: red lines in the settlement report: the red lines no
** package can satisfy together, which ones bind (packages each removes from
** its judge's acceptance set, whether dropping it alone opens a zone), and
** the red lines a proposal crosses.
*/
#include "settlement.h"
#include "../core/fmt.h"
#include "parley/emit.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *aid(const pl_settlement *st, size_t j)
{
    return pl_actor_id(pl_scenario_actor(st->s, st->judge[j].actor));
}

static const char *iid(const pl_settlement *st, size_t k)
{
    return pl_issue_id(pl_scenario_issue(st->s, k));
}

/* Append to buf[size] at *u; text that does not fit is cut, and *u stays within buf. */
static void put(char *buf, size_t size, size_t *u, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int w = pl__vsnprintf(buf + *u, size - *u, fmt, ap);
    va_end(ap);
    if (w > 0)
        *u = (size_t)w < size - *u ? *u + (size_t)w : size - 1;
}

/* "RUS rules out GUAR \"< 75\"" (a list: "... GUAR [a, b]"). */
static void rule_text(const pl_settlement *st, const pl__red *r, char *buf, size_t size,
                      size_t *u)
{
    const char *q = r->line->set.op == PL_OPSET_LIST ? "" : "\"";
    put(buf, size, u, "%s rules out %s %s%s%s", aid(st, r->judge), iid(st, r->line->set.issue),
        q, r->line->set.text, q);
}

/* " (it accepts 75, 100)": the options judge j leaves on issue k, the first 8 listed. */
static void accepts_text(const pl_settlement *st, size_t j, size_t k, char *buf, size_t size,
                         size_t *u)
{
    size_t listed = 0;
    put(buf, size, u, " (it accepts ");
    for (size_t v = 0; v < st->m[k]; v++)
        if (pl__settle_allows(st, j, k, v) && listed++ < 8)
            put(buf, size, u, "%s%g", listed > 1 ? ", " : "", st->at[k][v]);
    if (listed > 8)
        put(buf, size, u, ", ...: %zu options", listed);
    put(buf, size, u, "%s)", listed ? "" : "nothing");
}

/* 1 if the parties marked in `in` leave no option of issue k in common. */
static int disjoint(const pl_settlement *st, size_t k, const unsigned char *in)
{
    for (size_t v = 0; v < st->m[k]; v++) {
        int ok = 1;
        for (size_t i = 0; i < st->n; i++)
            ok &= !in[i] || pl__settle_allows(st, i, k, v);
        if (ok)
            return 0;
    }
    return 1;
}

/*
** The parties whose red lines on issue k leave no option in common: the first
** pair that does, else every party with a red line there. Into in[n]; 0 when
** every party's red lines leave an option of k.
*/
static int clash(const pl_settlement *st, size_t k, unsigned char *in)
{
    memset(in, 1, st->n);
    if (!disjoint(st, k, in))
        return 0;
    for (size_t a = 0; a < st->n; a++)
        for (size_t b = a + 1; b < st->n; b++) {
            memset(in, 0, st->n);
            in[a] = in[b] = 1;
            if (disjoint(st, k, in))
                return 1;
        }
    memset(in, 1, st->n);
    return 1;
}

/* "No package is within every party's red lines: on GUAR, RUS rules out ... and UKR ...". */
static void emit_clash(const pl_settlement *st, size_t k, const unsigned char *in,
                       pl_emitter *e)
{
    char buf[1536], key[96];
    size_t u = 0, said = 0;
    put(buf, sizeof buf, &u, "No package is within every party's red lines: on %s, ", iid(st, k));
    for (size_t r = 0; r < st->n_red; r++) {
        const pl__red *x = &st->red[r];
        if (x->judge >= st->n || !in[x->judge] || x->line->set.issue != k)
            continue;
        if (said++)
            put(buf, sizeof buf, &u, " and ");
        rule_text(st, x, buf, sizeof buf, &u);
        accepts_text(st, x->judge, k, buf, sizeof buf, &u);
    }
    put(buf, sizeof buf, &u, ".");
    snprintf(key, sizeof key, "red_lines_clash_%s", iid(st, k));
    pl_emit_string(e, key, buf);
}

/* What dropping red line r alone does to the zone, after "...; dropping it alone ". */
static void drop_text(const pl_settlement *st, size_t r, char *buf, size_t size)
{
    uint64_t opens = st->ws.rl_opens[r], zone = st->ws.zone;
    if (!opens)
        snprintf(buf, size, "would %s", zone ? "add no package to the zone" : "not open a zone");
    else if (!zone)
        snprintf(buf, size, "would open a zone of %llu package%s", (unsigned long long)opens,
                 opens == 1 ? "" : "s");
    else
        snprintf(buf, size, "would add %llu package%s to the zone of %llu",
                 (unsigned long long)opens, opens == 1 ? "" : "s", (unsigned long long)zone);
}

/* One finding per binding red line. */
static void emit_binding(const pl_settlement *st, pl_emitter *e)
{
    char buf[1024], drop[160], key[160];
    for (size_t r = 0; st->ws.counted && r < st->n_red; r++) {
        const pl__red *x = &st->red[r];
        uint64_t rm = st->ws.rl_removes[r];
        size_t u = 0;
        rule_text(st, x, buf, sizeof buf, &u);
        drop_text(st, r, drop, sizeof drop);
        if (rm)
            put(buf, sizeof buf, &u, ": this red line binds; alone it removes %llu package%s %s "
                "would otherwise like at least as well as no deal; dropping it alone %s.",
                (unsigned long long)rm, rm == 1 ? "" : "s", aid(st, x->judge), drop);
        else
            put(buf, sizeof buf, &u, ": this red line does not bind: %s likes every package it "
                "alone removes less than no deal anyway; dropping it alone %s.",
                aid(st, x->judge), drop);
        snprintf(key, sizeof key, "red_line_%s_%s", aid(st, x->judge),
                 iid(st, x->line->set.issue));
        pl_emit_string(e, key, buf);
    }
}

int pl__settle_red_findings(const pl_settlement *st, pl_emitter *e)
{
    unsigned char *in = malloc(st->n);
    if (!in)
        return PL_ENOMEM;
    for (size_t k = 0; st->party_red && k < st->K; k++)
        if (clash(st, k, in))
            emit_clash(st, k, in, e);
    free(in);
    emit_binding(st, e);
    return PL_OK;
}

void pl__settle_red_table(const pl_settlement *st, pl_emitter *e)
{
    static const char *const cols[] = {"actor", "role", "issue", "rules_out", "options_left",
                                       "removes", "zone_without_it"};
    pl_emit_table_begin(e, "red_lines", "Red lines (removes: packages its actor likes at least "
                        "as well as no deal that it alone rules out; zone_without_it: the zone "
                        "if it alone were dropped)",
                        cols, 7);
    for (size_t r = 0; r < st->n_red; r++) {
        const pl__red *x = &st->red[r];
        pl_emit_row_begin(e);
        pl_emit_string(e, NULL, aid(st, x->judge));
        pl_emit_string(e, NULL, x->judge < st->n ? "party" : "ratifier");
        pl_emit_string(e, NULL, iid(st, x->line->set.issue));
        pl_emit_string(e, NULL, x->line->set.text);
        pl_emit_int(e, NULL, (long long)x->allowed);
        if (st->ws.counted) {
            pl_emit_int(e, NULL, (long long)st->ws.rl_removes[r]);
            pl_emit_int(e, NULL, (long long)(st->ws.zone + st->ws.rl_opens[r]));
        } else {
            pl_emit_null(e, NULL);
            pl_emit_null(e, NULL);
        }
        pl_emit_row_end(e);
    }
    pl_emit_table_end(e);
}

int pl__settle_red_proposal(const pl_settlement *st, const double *x, pl_emitter *e)
{
    char buf[1536];
    size_t u = 0, said = 0;
    int party = 0;
    buf[0] = '\0';
    for (size_t r = 0; r < st->n_red; r++) {
        const pl__red *l = &st->red[r];
        if (!pl__optset_has(&l->line->set, x[l->line->set.issue]))
            continue;
        party |= l->judge < st->n;
        if (said++)
            put(buf, sizeof buf, &u, "; ");
        rule_text(st, l, buf, sizeof buf, &u);
    }
    pl_emit_string(e, "red_lines_crossed", said ? buf : "none");
    return party;
}

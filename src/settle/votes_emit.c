/* SPDX-License-Identifier: MIT */
/*
** votes_emit.c: the votes on a package as tables (one row per party and per
** member of a ratifying body; one per body) and in words: which body blocks
** the Nash package, which member, by how much and on which issue, and a
** proposal's verdict. Actors and bodies are named by their `name:` in prose,
** by their ids in the tables.
*/
#include "settlement.h"
#include "../core/buf.h"
#include "../core/fmt.h"
#include "parley/emit.h"

#include <stdlib.h>
#include <string.h>

/* Below this a contribution or a remainder is rounding, not a reason. */
#define PL_VOTE_NOISE 1e-12
/* Issues named per vote in the table. */
#define PL_VOTE_TOP 3

static const char *actor_words(const pl_settlement *st, size_t a)
{
    const pl_actor *x = pl_scenario_actor(st->s, a);
    return pl_actor_name(x) ? pl_actor_name(x) : pl_actor_id(x);
}

static const char *body_words(const pl_settlement *st, size_t b)
{
    const pl_body *x = pl_scenario_body(st->s, b);
    return pl_body_name(x) ? pl_body_name(x) : pl_body_id(x);
}

static const char *issue_id(const pl_settlement *st, size_t k)
{
    return pl_issue_id(pl_scenario_issue(st->s, k));
}

/* "TERR -0.06, NATO -0.02": the issues that push hardest towards the vote, then what
   lies on no issue. */
static void top_issues(const pl_settlement *st, const pl_vote *v, size_t most, pl__buf *b)
{
    size_t said = 0;
    for (size_t x = 0; x < v->n_issues && said < most; x++) {
        double c = v->contribution[v->issue[x]];
        if (fabs(c) > PL_VOTE_NOISE)
            pl__buf_printf(b, "%s%s %+.3g", said++ ? ", " : "", issue_id(st, v->issue[x]), c);
    }
    if (fabs(v->other) > PL_VOTE_NOISE)
        pl__buf_printf(b, "%snot on an issue %+.3g", said ? ", " : "", v->other);
}

static void vote_row(const pl_settlement *st, const char *label, const char *role,
                     const pl_vote *v, int party, pl__buf *b, pl_emitter *e)
{
    pl_emit_row_begin(e);
    pl_emit_string(e, NULL, label);
    pl_emit_string(e, NULL, role);
    pl_emit_string(e, NULL, pl_actor_id(pl_scenario_actor(st->s, v->actor)));
    pl_emit_string(e, NULL, party ? (v->yes ? "accepts" : "rejects") : v->yes ? "yes" : "no");
    pl_emit_number(e, NULL, v->p_yes);
    pl_emit_number(e, NULL, v->utility);
    pl_emit_number(e, NULL, v->no_deal);
    pl_emit_number(e, NULL, v->margin);
    if (v->margin_points == v->margin_points)
        pl_emit_number(e, NULL, v->margin_points);
    else
        pl_emit_null(e, NULL);
    pl_emit_string(e, NULL, v->red_line >= 0 ? issue_id(st, (size_t)v->red_line) : NULL);
    b->len = 0;
    if (b->buf)
        b->buf[0] = '\0';
    top_issues(st, v, PL_VOTE_TOP, b);
    pl_emit_string(e, NULL, b->buf ? b->buf : "");  /* b->failed: the caller says so */
    pl_emit_row_end(e);
}

int pl__votes_rows(const pl_settlement *st, const pl_votes *v, const char *label,
                   pl_emitter *e)
{
    pl__buf b = {0};
    for (size_t i = 0; i < pl_votes_n_parties(v) && !b.failed; i++)
        vote_row(st, label, "party", pl_votes_party(v, i), 1, &b, e);
    for (size_t r = 0; r < pl_votes_n_bodies(v) && !b.failed; r++) {
        const pl_vote_body *y = pl_votes_body(v, r);
        for (size_t m = 0; m < y->n_members && !b.failed; m++)
            vote_row(st, label, pl_body_id(pl_scenario_body(st->s, y->body)), &y->members[m],
                     0, &b, e);
    }
    int rc = b.failed ? PL_ENOMEM : PL_OK;
    pl__buf_free(&b);
    return rc;
}

void pl__votes_body_rows(const pl_settlement *st, const pl_votes *v, const char *label,
                         pl_emitter *e)
{
    for (size_t r = 0; r < pl_votes_n_bodies(v); r++) {
        const pl_vote_body *y = pl_votes_body(v, r);
        pl_emit_row_begin(e);
        pl_emit_string(e, NULL, label);
        pl_emit_string(e, NULL, pl_body_id(pl_scenario_body(st->s, y->body)));
        pl_emit_string(e, NULL, pl_actor_id(pl_scenario_actor(st->s, st->judge[y->party].actor)));
        pl_emit_string(e, NULL, y->rule);
        pl_emit_number(e, NULL, y->noise);
        pl_emit_number(e, NULL, y->p_pass);
        pl_emit_bool(e, NULL, y->passes);
        pl_emit_row_end(e);
    }
}

/* The issue that pushes hardest in the margin's direction, as ", mostly TERR (-0.06)". */
static void mostly(const pl_settlement *st, const pl_vote *v, pl__buf *b)
{
    for (size_t x = 0; x < v->n_issues; x++) {
        double c = v->contribution[v->issue[x]];
        if (fabs(c) > PL_VOTE_NOISE && (c < 0) == (v->margin < 0)) {
            pl__buf_printf(b, ", mostly %s (%+.3g)", issue_id(st, v->issue[x]), c);
            break;
        }
    }
    if (fabs(v->other) > PL_VOTE_NOISE)
        pl__buf_printf(b, ", %+.3g on no issue (no-deal costs, or a no_deal value that is not "
                       "the status quo's)", v->other);
}

/*
** One judge's vote and its reason, worded so that the verb never has to agree
** with a name ("Ukrainian political elites"): a member's "no from Third
** councillor: utility 0.34 < no-deal 0.79 (margin -0.45), mostly Z (-0.3)"; a
** party (noise < 0) only "United States: utility ...", after the caller's
** "rejected by".
*/
static void vote_clause(const pl_settlement *st, const pl_vote *v, double noise, pl__buf *b)
{
    const char *who = actor_words(st, v->actor);
    /* a noisy member's vote is a probability of yes; a red line is a certain no */
    if (noise >= 0)
        pl__buf_printf(b, "%s from ", noise > 0 && v->red_line < 0 ? "yes" : v->yes ? "yes" : "no");
    if (v->red_line >= 0) {
        pl__buf_printf(b, "%s: the package crosses its red line on %s", who,
                       issue_id(st, (size_t)v->red_line));
        return;
    }
    const char *cmp = v->margin < 0 ? "<" : v->margin > 0 ? ">" : "=";
    if (noise > 0)
        pl__buf_printf(b, "%s with probability %.3g: utility %.4g %s no-deal %.4g "
                       "(margin %+.3g, %+.3g scale points against noise %g)", who, v->p_yes,
                       v->utility, cmp, v->no_deal, v->margin, v->margin_points, noise);
    else
        pl__buf_printf(b, "%s: utility %.4g %s no-deal %.4g (margin %+.3g)", who, v->utility,
                       cmp, v->no_deal, v->margin);
    mostly(st, v, b);
}

/* The member furthest from yes: the lowest P(yes), then the lowest margin. */
static size_t furthest(const pl_vote_body *y)
{
    size_t at = 0;
    for (size_t m = 1; m < y->n_members; m++) {
        const pl_vote *a = &y->members[m], *b = &y->members[at];
        if (a->p_yes < b->p_yes || (a->p_yes == b->p_yes && a->margin < b->margin))
            at = m;
    }
    return at;
}

/* Each body that fails the package (P < tau): who stands furthest from yes, and why. */
static void failing_bodies(const pl_settlement *st, const pl_votes *v, pl__buf *b)
{
    size_t said = 0;
    for (size_t r = 0; r < pl_votes_n_bodies(v); r++) {
        const pl_vote_body *y = pl_votes_body(v, r);
        if (y->passes || !y->n_members)
            continue;
        pl__buf_printf(b, "%s", said++ ? "; " : " ");
        if (y->p_pass == 0)
            pl__buf_printf(b, "%s blocks it: ", body_words(st, y->body));
        else
            pl__buf_printf(b, "%s passes it with probability %.3g only (below %g): ",
                           body_words(st, y->body), y->p_pass, st->o.tau);
        size_t at = furthest(y), more = 0;
        vote_clause(st, &y->members[at], y->noise, b);
        for (size_t m = 0; m < y->n_members; m++)
            more += m != at && !y->members[m].yes;
        if (more)
            pl__buf_printf(b, " (and %zu more member%s vote%s no)", more, more == 1 ? "" : "s",
                           more == 1 ? "s" : "");
    }
    if (said)
        pl__buf_put(b, ".", 1);
}

/* "(UKR_RADA for UKR: 0; UKR_RATIFY_PUBLIC for UKR: 0.41)" */
static void body_probabilities(const pl_settlement *st, const pl_votes *v, pl__buf *b)
{
    pl__buf_put(b, " (", 2);
    for (size_t r = 0; r < pl_votes_n_bodies(v); r++) {
        const pl_vote_body *y = pl_votes_body(v, r);
        pl__buf_printf(b, "%s%s for %s: %.3g", r ? "; " : "",
                       pl_body_id(pl_scenario_body(st->s, y->body)),
                       pl_actor_id(pl_scenario_actor(st->s, st->judge[y->party].actor)),
                       y->p_pass);
    }
    pl__buf_put(b, ").", 2);
}

static int emit_text(pl__buf *b, const char *key, pl_emitter *e)
{
    int rc = b->failed || !b->buf ? PL_ENOMEM : PL_OK;
    if (!rc)
        pl_emit_string(e, key, b->buf);
    pl__buf_free(b);
    return rc;
}

int pl__votes_ratification_finding(const pl_settlement *st, const pl_votes *v, pl_emitter *e)
{
    pl__buf b = {0};
    pl__buf_printf(&b, "The Nash package is ratified with probability %.3g",
                   pl_votes_p_ratified(v));
    body_probabilities(st, v, &b);
    failing_bodies(st, v, &b);
    return emit_text(&b, "nash_ratification", e);
}

int pl__votes_verdict(const pl_settlement *st, const pl_votes *v, pl_emitter *e)
{
    pl__buf b = {0};
    size_t yes = 0, no = 0;
    for (size_t i = 0; i < pl_votes_n_parties(v); i++)
        if (pl_votes_party(v, i)->yes)
            pl__buf_printf(&b, "%s%s", yes++ ? ", " : "Accepted by ",
                           actor_words(st, pl_votes_party(v, i)->actor));
    for (size_t i = 0; i < pl_votes_n_parties(v); i++) {
        const pl_vote *p = pl_votes_party(v, i);
        if (p->yes)
            continue;
        pl__buf_printf(&b, "%s", no++ ? "; rejected by " : yes ? ". Rejected by " : "Rejected by ");
        vote_clause(st, p, -1, &b);
    }
    pl__buf_put(&b, ".", 1);
    if (pl_votes_n_bodies(v)) {
        pl__buf_printf(&b, " Ratified with probability %.3g", pl_votes_p_ratified(v));
        body_probabilities(st, v, &b);
        failing_bodies(st, v, &b);
    }
    return emit_text(&b, "verdict", e);
}

/* SPDX-License-Identifier: MIT */
/*
** durability_gains.c: the parts of `parley durability`'s document around the
** commitment check: the deal tested and each party's tactical and strategic
** gain from signing it. In the library so that the CLI and bindings (the
** Python package) write the same document.
*/
#include "parley/parley.h"
#include "../core/fmt.h"
#include "../core/scenario_impl.h"

int pl_durability_emit_deal(const pl_scenario *s, const double *deal, const char *proposal_name,
                            const pl_proposal *p, pl_emitter *e)
{
    char title[200];
    if (proposal_name)
        pl__snprintf(title, sizeof title, "The agreement tested (the proposal %s)",
                     proposal_name);
    pl_emit_object_begin(e, "deal", proposal_name ? title
                                                  : "The agreement tested (the Nash package)");
    for (size_t k = 0; k < pl_scenario_n_issues(s); k++)
        pl_emit_number(e, pl_issue_id(pl_scenario_issue(s, k)), deal[k]);
    int rc = pl_emit_object_end(e);
    if (rc)
        return rc;
    /* the same terms in the scenario's words, for a reader who does not know the scales */
    static const char *const cols[] = {"issue", "point", "option"};
    char words[512];
    pl_emit_table_begin(e, "deal_terms", "Its terms in words (each issue's nearest worded point)",
                        cols, 3);
    for (size_t k = 0; k < pl_scenario_n_issues(s); k++) {
        const pl_issue *x = pl_scenario_issue(s, k);
        pl__issue_point_words(x, deal[k], words, sizeof words);
        pl_emit_row_begin(e);
        pl_emit_string(e, NULL, pl_issue_id(x));
        pl_emit_number(e, NULL, deal[k]);
        pl_emit_string(e, NULL, words);
        pl_emit_row_end(e);
    }
    rc = pl_emit_table_end(e);
    return p && !rc ? pl_proposal_emit_sources(p, s, e) : rc;
}

/* The verdict on the strategic gains in words. */
static const char *strategic_words(int fails_at, size_t winners)
{
    if (fails_at == 0)
        return "Strategically there are no winners: war resumes at once, so no party keeps "
               "any gain from signing.";
    if (fails_at > 0)
        return "Strategically the gains shrink: war resumes before the deal's benefits have "
               "run their course.";
    return winners ? "The deal lasts: the tactical gains are strategic too."
                   : "The deal lasts, but no party gains from it.";
}

int pl_durability_emit_gains(const pl_durability *d, const pl_scenario *s,
                             const pl_settlement *st, const double *deal, pl_emitter *e)
{
    static const char *const cols[] = {"party", "utility", "no_deal", "tactical", "strategic"};
    size_t n = pl_frontier_n_parties(pl_settle_frontier(st)), winners = 0;
    pl_emit_table_begin(e, "gains", "Tactical and strategic gains from signing (utilities of "
                        "parley settle; strategic: only the periods before war resumes count)",
                        cols, 5);
    for (size_t i = 0; i < n; i++) {
        double u = pl_settle_point_utility(st, i, deal), dv = pl_settle_disagreement(st, i);
        double strategic = pl_durability_strategic(d, u - dv);
        winners += strategic > 1e-12;
        pl_emit_row_begin(e);
        pl_emit_string(e, NULL, pl_actor_id(pl_scenario_actor(s, pl_settle_party(st, i))));
        pl_emit_number(e, NULL, u);
        pl_emit_number(e, NULL, dv);
        pl_emit_number(e, NULL, u - dv);
        pl_emit_number(e, NULL, strategic);
        pl_emit_row_end(e);
    }
    pl_emit_table_end(e);
    return pl_emit_string(e, "strategic", strategic_words(pl_durability_fails_at(d, NULL),
                                                          winners));
}

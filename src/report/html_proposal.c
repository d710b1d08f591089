/* SPDX-License-Identifier: MIT */
/*
** html_proposal.c: packages in words. The bargaining solutions' packages as a
** table of worded terms (issue by issue, the option's words, not "TERR 50"),
** and a proposal given to the report (--proposal): its terms, each party's
** utility against its no-deal value (does it accept?), and the probability
** that the ratifying bodies pass it, with the bodies named.
*/
#include "report_impl.h"
#include "../core/fmt.h"
#include "parley/proposal.h"

#include <math.h>
#include <string.h>

/* Issue k's term at scale point x in words: the option's name, else the scale's wording
   at x, else the point ("near" a worded point when x lies between them). */
static void term(pl__buf *h, const pl_report *r, size_t k, double x, const char *name)
{
    const pl_issue *is = pl_scenario_issue(r->s, k);
    const char *text = name;
    double at = x;
    if (!text)
        at = pl_issue_anchor(is, pl_issue_nearest_anchor(is, x), &text);
    char num[40];
    pl__snprintf(num, sizeof num, "%g", x);
    pl__buf_printf(h, "<b>%s</b>", num);
    if (text && strcmp(text, num) != 0) {
        pl__buf_printf(h, "%s", fabs(at - x) > 1e-9 ? " &mdash; near: " : " &mdash; ");
        pl__buf_escaped(h, text);
    }
}

static void cell_term(pl__buf *h, const pl_report *r, size_t k, const uint32_t *w)
{
    const char *name = NULL;
    pl__buf_printf(h, "<td>");
    if (w) {
        double x = pl_settle_option(r->st, k, w[k], &name);
        term(h, r, k, x, name);
    } else {
        pl__buf_printf(h, "&ndash;");
    }
    pl__buf_printf(h, "</td>");
}

void pl__html_packages(pl__buf *h, const pl_report *r)
{
    static const pl_solution_kind kinds[] = {PL_SOL_NASH, PL_SOL_KS, PL_SOL_EGALITARIAN};
    const uint32_t *w[4];
    double p = NAN;
    int any = 0;
    for (size_t j = 0; j < 3; j++)
        any |= (w[j] = pl_settle_solution_package(r->st, kinds[j])) != NULL;
    w[3] = pl_settle_nash_ratified(r->st, &p);
    if (!any)
        return;
    pl__buf_printf(h, "<h3>The packages in words</h3><table class=\"terms\"><thead><tr>"
                      "<th>issue</th>");
    for (size_t j = 0; j < 3; j++)
        pl__buf_printf(h, "<th>%s</th>", pl_solution_name(kinds[j]));
    if (w[3])
        pl__buf_printf(h, "<th>Nash with ratification counted</th>");
    pl__buf_printf(h, "</tr></thead><tbody>");
    for (size_t k = 0; k < pl_scenario_n_issues(r->s); k++) {
        pl__buf_printf(h, "<tr><th>");
        pl__buf_escaped(h, pl_issue_name(pl_scenario_issue(r->s, k)));
        pl__buf_printf(h, "</th>");
        for (size_t j = 0; j < (w[3] ? 4u : 3u); j++)
            cell_term(h, r, k, w[j]);
        pl__buf_printf(h, "</tr>");
    }
    pl__buf_printf(h, "</tbody></table>");
}

/* "Russia (Ukrainian referendum, Verkhovna Rada)": who must ratify for actor a. */
static void ratifiers(pl__buf *h, const pl_scenario *s, size_t a)
{
    size_t n = pl_scenario_n_ratifiers(s, a);
    for (size_t j = 0; j < n; j++) {
        long b = pl_scenario_ratifier(s, a, j);
        pl__buf_printf(h, "%s", j ? ", " : "");
        if (b >= 0)
            pl__buf_escaped(h, pl_body_name(pl_scenario_body(s, (size_t)b)));
    }
    if (!n)
        pl__buf_printf(h, "&ndash;");
}

static void party_rows(pl__buf *h, const pl_report *r, size_t *yes)
{
    size_t n = pl_verdict_n_parties(r->verdict);
    pl__buf_printf(h, "<table><thead><tr><th>party</th><th>utility of the proposal"
                      "</th><th>no-deal value</th><th>margin</th><th>accepts?</th>"
                      "<th>must be ratified by</th></tr></thead><tbody>");
    for (size_t i = 0; i < n; i++) {
        size_t a = pl_settle_party(r->st, i);
        double u = pl_verdict_utility(r->verdict, i), d = pl_verdict_nodeal(r->verdict, i);
        int ok = pl_verdict_accepts(r->verdict, i);
        char num[3][40];
        pl__snprintf(num[0], sizeof num[0], "%.3f", u);
        pl__snprintf(num[1], sizeof num[1], "%.3f", d);
        pl__snprintf(num[2], sizeof num[2], "%+.3f", u - d);
        *yes += (size_t)ok;
        pl__buf_printf(h, "<tr><td>");
        pl__buf_escaped(h, pl_actor_name(pl_scenario_actor(r->s, a)));
        pl__buf_printf(h, "</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>", num[0],
                       num[1], num[2], ok ? "yes" : "<b>no</b>");
        ratifiers(h, r->s, a);
        pl__buf_printf(h, "</td></tr>");
    }
    pl__buf_printf(h, "</tbody></table>");
}

/* "(House of Commons: 0, voting no: Labour, ...; European Parliament: 1)": each ratifying
   body's chance of passing the proposal and the members likelier to vote no than yes, so a
   probability of 0 says who blocks it, as settle's verdict does. Nothing when the votes
   cannot be had (out of memory): the probability alone still stands. */
static void body_votes(pl__buf *o, const pl_report *r)
{
    pl_votes *v = NULL;
    if (pl_settle_votes_proposal(&v, r->st, r->o.proposal, NULL) || !pl_votes_n_bodies(v)) {
        pl_votes_free(v);
        return;
    }
    pl__buf_printf(o, " (");
    for (size_t b = 0; b < pl_votes_n_bodies(v); b++) {
        const pl_vote_body *y = pl_votes_body(v, b);
        char num[40];
        pl__snprintf(num, sizeof num, "%.3g", y->p_pass);
        pl__buf_printf(o, "%s", b ? "; " : "");
        pl__buf_escaped(o, pl_body_name(pl_scenario_body(r->s, y->body)));
        pl__buf_printf(o, ": %s", num);
        for (size_t m = 0, no = 0; m < y->n_members; m++) {
            if (y->members[m].yes)
                continue;
            pl__buf_printf(o, "%s", no++ ? ", " : ", voting no: ");
            pl__buf_escaped(o, pl_actor_name(pl_scenario_actor(r->s, y->members[m].actor)));
        }
    }
    pl__buf_printf(o, ")");
    pl_votes_free(v);
}

/* The findings of the section, into both h and summary. */
static void proposal_findings(pl__buf *h, pl__buf *summary, const pl_report *r, size_t yes)
{
    size_t n = pl_verdict_n_parties(r->verdict);
    double p = pl_verdict_ratified(r->verdict);
    for (int b = 0; b < 2; b++) {
        pl__buf *o = b ? summary : h;
        pl__buf_printf(o, "%s<li>The proposal is accepted by %zu of %zu parties", b ? "" :
                       "<ul class=\"findings\">", yes, n);
        if (yes < n) {
            pl__buf_printf(o, "; ");
            for (size_t i = 0, shown = 0; i < n; i++) {
                if (pl_verdict_accepts(r->verdict, i))
                    continue;
                pl__buf_printf(o, "%s", shown++ ? ", " : "");
                pl__buf_escaped(o, pl_actor_name(pl_scenario_actor(r->s,
                                                                   pl_settle_party(r->st, i))));
                long red = pl_verdict_red_line(r->verdict, i);
                if (red >= 0) {
                    pl__buf_printf(o, " (it crosses its red line on ");
                    pl__buf_escaped(o, pl_issue_id(pl_scenario_issue(r->s, (size_t)red)));
                    pl__buf_printf(o, ")");
                } else {
                    pl__buf_printf(o, " (no deal is worth more to it)");
                }
            }
        }
        pl__buf_printf(o, ".</li>");
        char num[40];
        pl__snprintf(num, sizeof num, "%.3g", p);
        if (!isnan(p)) {
            pl__buf_printf(o, "<li>The ratifying bodies pass it with probability %s", num);
            body_votes(o, r);
            pl__buf_printf(o, ".</li>");
        } else {
            pl__buf_printf(o, "<li>No party's signature needs ratification in this scenario "
                              "(no <code>ratification:</code> links).</li>");
        }
        pl__buf_printf(o, "%s", b ? "" : "</ul>");
    }
}

void pl__html_proposal(pl__buf *h, pl__buf *summary, const pl_report *r)
{
    const pl_proposal *p = r->o.proposal;
    pl__buf_printf(h, "<section id=\"proposal\"><h2>The proposal, evaluated</h2><p>The package "
                      "given with --proposal: its terms, what each party at the table gets from "
                      "it against what no deal is worth to it (a party accepts when the margin "
                      "is not negative), and whether the bodies that must ratify it would.</p>");
    if (r->err[PL__R_PROPOSAL][0] || !r->verdict) {
        pl__buf_printf(h, "<p class=\"error\">This analysis could not be done: ");
        pl__buf_escaped(h, r->err[PL__R_PROPOSAL][0] ? r->err[PL__R_PROPOSAL]
                                                     : "the package analysis failed");
        pl__buf_printf(h, "</p></section>");
        return;
    }
    pl__buf_printf(h, "<table class=\"terms\"><tbody>");
    for (size_t k = 0; k < pl_scenario_n_issues(r->s); k++) {
        const char *name = NULL;
        long v = pl_proposal_option(p, k);
        if (v >= 0)
            pl_issue_option(pl_scenario_issue(r->s, k), (size_t)v, NULL, &name);
        pl__buf_printf(h, "<tr><th>");
        pl__buf_escaped(h, pl_issue_name(pl_scenario_issue(r->s, k)));
        pl__buf_printf(h, "</th><td>");
        term(h, r, k, pl_proposal_points(p)[k], name);
        pl__buf_printf(h, "</td></tr>");
    }
    pl__buf_printf(h, "</tbody></table>");
    size_t yes = 0;
    party_rows(h, r, &yes);
    pl__buf_printf(summary, "<h3><a href=\"#proposal\">The proposal, evaluated</a></h3>"
                            "<ul class=\"findings\">");
    proposal_findings(h, summary, r, yes);
    pl__buf_printf(summary, "</ul>");
    pl__buf_printf(h, "</section>");
}

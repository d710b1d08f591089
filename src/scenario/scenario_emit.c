/* SPDX-License-Identifier: MIT */
/*
** scenario_emit.c: describe a scenario to an emitter: header, actors,
** issues with their worded scales, positions, bodies, ratification and red lines.
*/
#include "parley/emit.h"
#include "parley/scenario.h"
#include "../core/fmt.h"
#include "../core/body_rule.h"

#include <stdio.h>
#include <string.h>

static void emit_header(const pl_scenario *s, pl_emitter *e)
{
    pl_emit_object_begin(e, "scenario", "Scenario");
    pl_emit_string(e, "name", pl_scenario_name(s));
    if (pl_scenario_title(s))
        pl_emit_string(e, "title", pl_scenario_title(s));
    if (pl_scenario_source(s))
        pl_emit_string(e, "source", pl_scenario_source(s));
    pl_emit_int(e, "actors", (long long)pl_scenario_n_actors(s));
    pl_emit_int(e, "issues", (long long)pl_scenario_n_issues(s));
    pl_emit_int(e, "bodies", (long long)pl_scenario_n_bodies(s));
    pl_emit_object_end(e);
}

static void roles_text(unsigned roles, char *buf, size_t size)
{
    buf[0] = '\0';
    for (unsigned r = 0; r < PL_ROLE_COUNT; r++)
        if (roles & (1u << r)) {
            size_t used = strlen(buf);
            snprintf(buf + used, size - used, "%s%s", used ? ", " : "", pl_role_name(1u << r));
        }
}

static void emit_actors(const pl_scenario *s, pl_emitter *e)
{
    static const char *const cols[] = {"id", "name", "capability", "low", "high", "at_table",
                                       "roles"};
    pl_emit_table_begin(e, "actors", "Actors (capability: clout, only ratios matter)", cols, 7);
    for (size_t i = 0; i < pl_scenario_n_actors(s); i++) {
        const pl_actor *a = pl_scenario_actor(s, i);
        const pl_value *c = pl_actor_capability(a);
        char roles[128];
        roles_text(pl_actor_roles(a), roles, sizeof roles);
        pl_emit_row_begin(e);
        pl_emit_string(e, NULL, pl_actor_id(a));
        pl_emit_string(e, NULL, pl_actor_name(a));
        pl_emit_number(e, NULL, c->value);
        pl_emit_number(e, NULL, c->low);
        pl_emit_number(e, NULL, c->high);
        pl_emit_bool(e, NULL, pl_actor_at_table(a));
        pl_emit_string(e, NULL, roles);
        pl_emit_row_end(e);
    }
    pl_emit_table_end(e);
}

static void emit_issues(const pl_scenario *s, pl_emitter *e)
{
    pl_emit_array_begin(e, "issues", "Issues (0-100 scales; what the points mean)");
    for (size_t k = 0; k < pl_scenario_n_issues(s); k++) {
        const pl_issue *x = pl_scenario_issue(s, k);
        pl_emit_object_begin(e, NULL, NULL);
        pl_emit_string(e, "id", pl_issue_id(x));
        pl_emit_string(e, "name", pl_issue_name(x));
        const pl_value *sq = pl_issue_status_quo(x);
        if (sq)
            pl_emit_number(e, "status_quo", sq->value);
        else
            pl_emit_null(e, "status_quo");
        if (pl_issue_outcome(x))
            pl_emit_number(e, "outcome", pl_issue_outcome(x)->value);
        if (pl_issue_group(x))
            pl_emit_string(e, "group", pl_issue_group(x));
        if (pl_issue_n_deciders(x)) {
            pl_emit_array_begin(e, "decided_by", NULL);
            for (size_t j = 0; j < pl_issue_n_deciders(x); j++)
                pl_emit_string(e, NULL, pl_body_id(pl_scenario_body(s, (size_t)pl_issue_decider(x, j))));
            pl_emit_array_end(e);
        }
        pl_emit_object_begin(e, "scale", NULL);
        for (size_t j = 0; j < pl_issue_n_anchors(x); j++) {
            const char *words;
            char key[32];
            pl__fmt_double(key, pl_issue_anchor(x, j, &words));
            pl_emit_string(e, key, words);
        }
        pl_emit_object_end(e);
        pl_emit_object_end(e);
    }
    pl_emit_array_end(e);
}

static void emit_positions(const pl_scenario *s, pl_emitter *e)
{
    static const char *const cols[] = {"actor", "issue", "position", "salience", "weight"};
    pl_emit_table_begin(e, "positions", "Positions (weight = capability x salience)", cols, 5);
    for (size_t i = 0; i < pl_scenario_n_actors(s); i++) {
        const pl_actor *a = pl_scenario_actor(s, i);
        for (size_t k = 0; k < pl_scenario_n_issues(s); k++) {
            double pos, sal;
            if (pl_scenario_position(s, i, k, &pos, &sal) != 1)
                continue;
            pl_emit_row_begin(e);
            pl_emit_string(e, NULL, pl_actor_id(a));
            pl_emit_string(e, NULL, pl_issue_id(pl_scenario_issue(s, k)));
            pl_emit_number(e, NULL, pos);
            pl_emit_number(e, NULL, sal);
            pl_emit_number(e, NULL, pl_actor_capability(a)->value * sal);
            pl_emit_row_end(e);
        }
    }
    pl_emit_table_end(e);
}

static void emit_body(const pl_scenario *s, const pl_body *b, pl_emitter *e)
{
    static const char *const cols[] = {"actor", "weight", "veto"};
    pl_emit_object_begin(e, NULL, NULL);
    pl_emit_string(e, "id", pl_body_id(b));
    pl_emit_string(e, "name", pl_body_name(b));
    pl_emit_array_begin(e, "quota", NULL);
    for (size_t c = 0; c < pl_body_n_quotas(b); c++) {
        char buf[160];
        pl__body_condition_text(b, c, buf, sizeof buf);
        pl_emit_string(e, NULL, buf);
    }
    pl_emit_array_end(e);
    if (pl_body_noise(b))
        pl_emit_number(e, "noise", pl_body_noise(b)->value);
    if (pl_body_against(b) >= 0)
        pl_emit_string(e, "against", pl_actor_id(pl_scenario_actor(s, (size_t)pl_body_against(b))));
    pl_emit_table_begin(e, "members", NULL, cols, 3);
    for (size_t m = 0; m < pl_body_n_members(b); m++) {
        pl_emit_row_begin(e);
        pl_emit_string(e, NULL, pl_actor_id(pl_scenario_actor(s, (size_t)pl_body_member(b, m))));
        pl_emit_number(e, NULL, pl_body_weight(b, m)->value);
        pl_emit_bool(e, NULL, pl_body_veto(b, m));
        pl_emit_row_end(e);
    }
    pl_emit_table_end(e);
    pl_emit_object_end(e);
}

/* Returns the emitter's sticky status: the first error of the whole description. */
static int emit_ratification(const pl_scenario *s, pl_emitter *e)
{
    static const char *const cols[] = {"actor", "body"};
    pl_emit_table_begin(e, "ratification", "Ratification (who must approve a signature)",
                        cols, 2);
    for (size_t i = 0; i < pl_scenario_n_actors(s); i++)
        for (size_t j = 0; j < pl_scenario_n_ratifiers(s, i); j++) {
            pl_emit_row_begin(e);
            pl_emit_string(e, NULL, pl_actor_id(pl_scenario_actor(s, i)));
            pl_emit_string(e, NULL,
                           pl_body_id(pl_scenario_body(s, (size_t)pl_scenario_ratifier(s, i, j))));
            pl_emit_row_end(e);
        }
    return pl_emit_table_end(e);
}

/* Returns the emitter's sticky status, as emit_ratification. */
static int emit_red_lines(const pl_scenario *s, pl_emitter *e)
{
    static const char *const cols[] = {"actor", "issue", "rules_out"};
    pl_emit_table_begin(e, "red_lines", "Red lines (outcomes an actor will not accept at any "
                        "price)", cols, 3);
    for (size_t j = 0; j < pl_scenario_n_red_lines(s); j++) {
        size_t a, k;
        const char *text = pl_scenario_red_line(s, j, &a, &k);
        pl_emit_row_begin(e);
        pl_emit_string(e, NULL, pl_actor_id(pl_scenario_actor(s, a)));
        pl_emit_string(e, NULL, pl_issue_id(pl_scenario_issue(s, k)));
        pl_emit_string(e, NULL, text);
        pl_emit_row_end(e);
    }
    return pl_emit_table_end(e);
}

int pl_scenario_emit(const pl_scenario *s, pl_emitter *e)
{
    if (!s || !e)
        return PL_EMISUSE;
    emit_header(s, e);
    emit_actors(s, e);
    emit_issues(s, e);
    emit_positions(s, e);
    pl_emit_array_begin(e, "bodies", "Bodies (who decides, by what rule)");
    for (size_t b = 0; b < pl_scenario_n_bodies(s); b++)
        emit_body(s, pl_scenario_body(s, b), e);
    pl_emit_array_end(e);
    int rc = emit_ratification(s, e);
    /* only when there are any: a scenario without them is described as before */
    return pl_scenario_n_red_lines(s) ? emit_red_lines(s, e) : rc;
}

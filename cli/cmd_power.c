/* SPDX-License-Identifier: MIT */
/*
** cmd_power.c: `parley power [FILE]`: who holds power in each body of a
** scenario, and whether a body can act against the actor it is meant to
** restrain; or the same for a game typed on the command line.
*/
#include "cli.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static const cli_optdef power_opts[] = {
    {"builtin", 0, 2, "NAME", "use a built-in scenario (default when no FILE and no --weights)"},
    {"body", 0, 1, "ID", "only this body (default: every body)"},
    {"against", 0, 1, "ID", "can the body act against this actor/member? (default: the "
                            "body's `against`)"},
    {"weights", 0, 1, "W,W,...", "ad-hoc game: member weights, whole numbers >= 0 (WxK: K "
                                 "members of weight W); the next --quota uses them"},
    {"quota", 0, 1, "Q", "ad-hoc game: add the condition weight >= Q (a number, 2/3, 65%, "
                         "majority or unanimity); repeat for multiple majorities"},
    {"min-members", 0, 1, "N", "ad-hoc game: add the condition 'at least N members'"},
    {"or", 0, 0, NULL, "ad-hoc game: the conditions that follow form an alternative rule"},
    {"names", 0, 1, "A,B,...", "ad-hoc game: member names (default 1, 2, ...)"},
    {"veto", 0, 1, "A,B,...", "ad-hoc game: members (names or numbers) that can block alone"},
    {"method", 0, 1, "M", "auto, enumerate, dp or monte-carlo (default auto: enumerate up to "
                          "25 members, else generating functions)"},
    {"samples", 0, 1, "N", "Monte Carlo draws (default 100000)"},
    {"seed", 0, 1, "N", "Monte Carlo seed (default 0)"},
    {"no-shapley", 0, 0, NULL, "skip Shapley-Shubik (its exact table is n times larger)"},
    {"floating", 0, 0, NULL, "fast floating mode (one weighted condition): the Banzhaf family "
                             "in double precision, no Shapley-Shubik"},
    {"max-memory", 0, 1, "MIB", "memory for exact counting tables in MiB (default 1024)"},
    {"list", 0, 1, "N", "list minimal coalitions when there are at most N (default 16)"},
    CLI_FROM_OPTDEF,
    {NULL, 0, 0, NULL, NULL}};

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

static int read_method_opts(const cli_args *a, pl_power_opts *o)
{
    static const char *const methods[] = {"auto", "enumerate", "dp", "monte-carlo"};
    const char *v;
    int i, rc = EXIT_OK;
    uint64_t x;
    if ((v = cli_get(a, "method", NULL)) && !(rc = cli_pick(v, methods, 4, "method", &i)))
        o->method = (pl_power_method)i;
    if (!rc && (v = cli_get(a, "samples", NULL))) {
        if (!parse_u64(v, 1, UINT64_C(1) << 40, &o->samples))
            return cli_usage_error("--samples %s: expected a whole number from 1 to 2^40", v);
    }
    if (!rc && (v = cli_get(a, "seed", NULL)) && !parse_u64(v, 0, UINT64_MAX, &o->seed))
        return cli_usage_error("--seed %s: expected a whole number from 0 to 2^64-1", v);
    if (!rc && (v = cli_get(a, "max-memory", NULL))) {
        if (!parse_u64(v, 1, UINT64_C(1) << 30, &x))
            return cli_usage_error("--max-memory %s: expected MiB, a whole number >= 1", v);
        o->max_bytes = (double)x * 1048576.0;
    }
    if (!rc && (v = cli_get(a, "list", NULL))) {
        if (!parse_u64(v, 1, 100000, &x))
            return cli_usage_error("--list %s: expected a whole number from 1 to 100000", v);
        o->list_limit = (size_t)x;
    }
    o->no_shapley = cli_has(a, "no-shapley");
    o->floating = cli_has(a, "floating");
    return rc;
}

/* ---- the ad-hoc game ------------------------------------------------------ */

typedef struct adhoc {
    pl_game *g;
    size_t n;
    int64_t *w;          /* the last --weights */
    int has_w;
} adhoc;

/* Split a comma list; returns the number of items (at most max). */
static size_t split(char *t, char **item, size_t max)
{
    size_t k = 0;
    for (char *p = t; k < max; p++) {
        item[k++] = p;
        p = strchr(p, ',');
        if (!p)
            break;
        *p = '\0';
    }
    return k;
}

/* Make the game once the member count is known. */
static int adhoc_size(adhoc *h, size_t n, const char *opt)
{
    if (h->g && n != h->n)
        return cli_usage_error("--%s has %zu members but the game has %zu (set by the first "
                               "--weights or --names)", opt, n, h->n);
    if (h->g)
        return EXIT_OK;
    pl_error err;
    if (pl_game_new(&h->g, n, &err) || !(h->w = calloc(n, sizeof *h->w))) {
        cli_report(&err, NULL, 0);
        return EXIT_FAIL;
    }
    h->n = n;
    return EXIT_OK;
}

/* Apply fn to each comma-separated item of v (a copy is split). */
static int each_item(adhoc *h, const char *opt, const char *v,
                     int (*fn)(adhoc *h, const char *opt, size_t j, const char *item))
{
    size_t cap = 1;
    for (const char *p = v; *p; p++)
        cap += *p == ',';
    char *copy = strdup(v), **item = malloc(cap * sizeof *item);
    int rc = copy && item ? EXIT_OK : EXIT_FAIL;
    size_t k = rc ? 0 : split(copy, item, cap);
    if (!rc && strcmp(opt, "names") == 0)
        rc = adhoc_size(h, k, opt);
    for (size_t j = 0; !rc && j < k; j++)
        rc = fn(h, opt, j, item[j]);
    free(copy);
    free(item);
    return rc;
}

/* "W" or "WxK" (K members of weight W); adds to w at *k, or counts when w is NULL. */
static int weight_item(const char *item, size_t j, int64_t *w, size_t *k)
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
        return cli_usage_error("--weights: '%s' (item %zu) is not a whole number from 0 to 2^50 "
                               "or WxK (K members of weight W, K <= 10^8)", item, j + 1);
    for (uint64_t r = 0; w && r < rep; r++)
        w[*k + r] = (int64_t)v;
    *k += (size_t)rep;
    return EXIT_OK;
}

/* --weights: a comma list of W or WxK items; the first one fixes the member count. */
static int set_weights(adhoc *h, const char *v)
{
    size_t cap = 1, k = 0, n = 0;
    for (const char *p = v; *p; p++)
        cap += *p == ',';
    char *copy = strdup(v), **item = malloc(cap * sizeof *item);
    int rc = copy && item ? EXIT_OK : EXIT_FAIL;
    size_t cnt = rc ? 0 : split(copy, item, cap);
    for (size_t j = 0; !rc && j < cnt; j++)
        rc = weight_item(item[j], j, NULL, &n);
    if (!rc && n > 100000000)
        rc = cli_usage_error("--weights has %zu members; expected at most 10^8", n);
    if (!rc)
        rc = adhoc_size(h, n, "weights");
    for (size_t j = 0; !rc && j < cnt; j++)
        rc = weight_item(item[j], j, h->w, &k);
    h->has_w = !rc;
    free(copy);
    free(item);
    return rc;
}

static int set_name(adhoc *h, const char *opt, size_t j, const char *item)
{
    (void)opt;
    pl_error err;
    if (pl_game_set_name(h->g, j, item, &err)) {
        cli_report(&err, NULL, 0);
        return EXIT_FAIL;
    }
    return EXIT_OK;
}

/* A member by name or 1-based number; -1 if none. */
static long find_member(const pl_game *g, const char *t)
{
    for (size_t m = 0; m < pl_game_n_members(g); m++)
        if (strcmp(pl_game_member_name(g, m), t) == 0)
            return (long)m;
    uint64_t x;
    if (parse_u64(t, 1, pl_game_n_members(g), &x))
        return (long)x - 1;
    return -1;
}

static int set_veto(adhoc *h, const char *opt, size_t j, const char *item)
{
    (void)j;
    long m = h->g ? find_member(h->g, item) : -1;
    if (m < 0)
        return cli_usage_error("--%s: '%s' is not a member; expected a name from --names or a "
                               "number from 1 to %zu", opt, item, h->n);
    return pl_game_set_veto(h->g, (size_t)m, 1, NULL) ? EXIT_FAIL : EXIT_OK;
}

/* "12", "2/3", "65%", "66.7%", "majority" or "unanimity" as a condition on the weights w. */
static int add_quota(adhoc *h, const char *v)
{
    pl_error err;
    int rc;
    uint64_t q, a, b = 1, scale = 1;
    const char *slash = strchr(v, '/'), *pct = strchr(v, '%');
    char num[32];
    if (strcmp(v, "majority") == 0 || strcmp(v, "unanimity") == 0) {
        rc = pl_game_add_share(h->g, h->w, 1, v[0] == 'm' ? 2 : 1, v[0] == 'm', &err);
    } else if (slash || pct) {
        size_t len = (size_t)((slash ? slash : pct) - v), d = 0;
        for (size_t i = 0; i < len && i + 1 < sizeof num; i++) {
            if (v[i] == '.' && !d) {
                d = 1;
                continue;
            }
            num[i - d] = v[i];
            num[i - d + 1] = '\0';
            scale *= d ? 10 : 1;
        }
        if (len == 0 || len + 1 >= sizeof num || !parse_u64(num, 1, UINT64_C(1) << 40, &a) ||
            (slash && !parse_u64(slash + 1, 1, UINT64_C(1) << 30, &b)) || (pct && pct[1]) ||
            (slash && d))
            return cli_usage_error("--quota %s: expected a whole number, a share like 2/3 or "
                                   "65%%, majority or unanimity", v);
        rc = pl_game_add_share(h->g, h->w, (int64_t)a, (int64_t)(b * scale * (pct ? 100 : 1)), 0,
                               &err);
    } else {
        if (!parse_u64(v, 1, UINT64_C(1) << 62, &q))
            return cli_usage_error("--quota %s: expected a whole number >= 1, a share like 2/3 "
                                   "or 65%%, majority or unanimity", v);
        rc = pl_game_add_condition(h->g, h->w, (int64_t)q, &err);
    }
    if (rc)
        return cli_usage_error("--quota %s: %s", v, err.msg);
    return EXIT_OK;
}

static int adhoc_option(adhoc *h, const char *name, const char *v)
{
    uint64_t k;
    pl_error err;
    if (strcmp(name, "weights") == 0)
        return set_weights(h, v);
    if (strcmp(name, "names") == 0)
        return each_item(h, name, v, set_name);
    if (strcmp(name, "veto") == 0)
        return each_item(h, name, v, set_veto);
    if (!h->g)
        return cli_usage_error("--%s comes before the members are known; expected --weights "
                               "or --names first", name);
    if (strcmp(name, "quota") == 0) {
        if (!h->has_w)
            return cli_usage_error("--quota %s has no weights; expected --weights before it "
                                   "(or --min-members)", v);
        return add_quota(h, v);
    }
    if (strcmp(name, "min-members") == 0) {
        if (!parse_u64(v, 1, h->n, &k))
            return cli_usage_error("--min-members %s: expected a whole number from 1 to %zu",
                                   v, h->n);
        return pl_game_add_condition(h->g, NULL, (int64_t)k, &err) ? EXIT_FAIL : EXIT_OK;
    }
    if (strcmp(name, "or") == 0 && pl_game_add_rule(h->g, &err))
        return cli_usage_error("--or: %s", err.msg);
    return EXIT_OK;
}

/* Build the game from the ad-hoc options, in command-line order. */
static int adhoc_game(const cli_args *a, pl_game **out)
{
    adhoc h = {NULL, 0, NULL, 0};
    int rc = EXIT_OK;
    /* the first --weights or --names fixes the member count, wherever it stands */
    for (int i = 0; !h.g && !rc && i < a->nopts; i++)
        if (strcmp(a->opt[i]->name, "names") == 0 || strcmp(a->opt[i]->name, "weights") == 0)
            rc = adhoc_option(&h, a->opt[i]->name, a->val[i]);
    for (int i = 0; !rc && i < a->nopts; i++) {
        const char *name = a->opt[i]->name;
        /* in order: --veto may name members of an earlier --names */
        if (strcmp(name, "names") == 0 || strcmp(name, "weights") == 0 ||
            strcmp(name, "quota") == 0 || strcmp(name, "min-members") == 0 ||
            strcmp(name, "or") == 0 || strcmp(name, "veto") == 0)
            rc = adhoc_option(&h, name, a->val[i]);
    }
    if (!rc && pl_game_n_conditions(h.g, 0) == 0)
        rc = cli_usage_error("the game has no quota; expected --quota Q after --weights");
    free(h.w);
    if (rc) {
        pl_game_free(h.g);
        return rc;
    }
    *out = h.g;
    return EXIT_OK;
}

/* ---- analysis and output ---------------------------------------------------- */

typedef struct power_job {
    const char *id, *name, *target;
    pl_game *g;
    pl_power *p;
    int has_cr;
    pl_credibility cr;
} power_job;

static int job_run(power_job *j, const pl_power_opts *o, long x)
{
    pl_error err;
    pl_error_clear(&err);
    if (pl_power_compute(&j->p, j->g, o, &err) ||
        (j->has_cr && pl_power_credibility(&j->cr, j->g, j->p, x, &err))) {
        fprintf(stderr, "parley: %s: %s\n", j->id, err.msg);
        return cli_exit_code(err.code);
    }
    return EXIT_OK;
}

static int emit_all(const cli_args *a, const pl_scenario *s, const power_job *jobs, size_t nj)
{
    cli_output out;
    int rc = cli_document_begin(&out, a, "members", s);
    if (rc)
        return rc;
    pl_emitter *e = out.e;
    char text[1024];
    const pl_power **ps = malloc(nj * sizeof *ps);
    const pl_game **gs = malloc(nj * sizeof *gs);
    const char **labels = malloc(nj * sizeof *labels);
    if (!ps || !gs || !labels) {
        free(ps);
        free(gs);
        free(labels);
        cli_output_close(&out, 0);
        return EXIT_FAIL;
    }
    for (size_t j = 0; j < nj; j++) {
        ps[j] = jobs[j].p;
        gs[j] = jobs[j].g;
        labels[j] = jobs[j].id;
    }
    pl_power_emit_members(ps, gs, labels, nj, e);
    free(ps);
    free(gs);
    free(labels);
    pl_emit_object_begin(e, "conclusions", "Can each body act against the actor it is meant "
                         "to restrain?");
    for (size_t j = 0; j < nj; j++)
        if (jobs[j].has_cr) {
            pl_credibility_text(&jobs[j].cr, jobs[j].g, NULL, jobs[j].target, text,
                                sizeof text);
            pl_emit_string(e, jobs[j].id, text);
        }
    pl_emit_object_end(e);
    pl_emit_array_begin(e, "bodies", NULL);
    for (size_t j = 0; j < nj; j++) {
        pl_emit_object_begin(e, NULL, jobs[j].name);
        pl_emit_string(e, "id", jobs[j].id);
        pl_emit_string(e, "name", jobs[j].name);
        pl_power_emit_summary(jobs[j].p, jobs[j].g, e);
        if (jobs[j].has_cr)
            pl_credibility_emit(&jobs[j].cr, jobs[j].g, jobs[j].id, jobs[j].target, e);
        pl_emit_object_end(e);
    }
    pl_emit_array_end(e);
    return cli_document_end(&out);
}

static int is_adhoc(const cli_args *a)
{
    return cli_has(a, "weights") || cli_has(a, "names") || cli_has(a, "quota") ||
           cli_has(a, "min-members") || cli_has(a, "or") || cli_has(a, "veto");
}

/* Jobs for the scenario's bodies (or --body), each with its target actor. */
static int scenario_jobs(const cli_args *a, const pl_scenario *s, power_job *jobs, size_t *nj,
                         long *targets)
{
    const char *only = cli_get(a, "body", NULL), *against = cli_get(a, "against", NULL);
    long forced = against ? pl_scenario_actor_index(s, against) : -1;
    if (against && forced < 0)
        return cli_usage_error("--against %s: no such actor in scenario %s", against,
                               pl_scenario_name(s));
    if (only && pl_scenario_body_index(s, only) < 0)
        return cli_usage_error("--body %s: no such body in scenario %s; see `parley scenario`",
                               only, pl_scenario_name(s));
    *nj = 0;
    for (size_t b = 0; b < pl_scenario_n_bodies(s); b++) {
        const pl_body *body = pl_scenario_body(s, b);
        if (only && strcmp(only, pl_body_id(body)) != 0)
            continue;
        power_job *j = &jobs[(*nj)++];
        pl_error err;
        if (pl_game_from_body(&j->g, s, b, &err)) {
            cli_report(&err, NULL, 0);
            return cli_exit_code(err.code);
        }
        j->id = pl_body_id(body);
        j->name = pl_body_name(body);
        long actor = against ? forced : pl_body_against(body);
        j->has_cr = actor >= 0;
        j->target = j->has_cr ? pl_actor_id(pl_scenario_actor(s, (size_t)actor)) : NULL;
        targets[*nj - 1] = -1;
        for (size_t m = 0; j->has_cr && m < pl_game_n_members(j->g); m++)
            if (strcmp(pl_game_member_name(j->g, m), j->target) == 0)
                targets[*nj - 1] = (long)m;
    }
    if (*nj == 0)
        return cli_usage_error("scenario %s has no bodies; expected a `bodies:` section or an "
                               "ad-hoc game (--weights W,... --quota Q)", pl_scenario_name(s));
    return EXIT_OK;
}

static int run_power(const cli_args *a)
{
    pl_power_opts o = PL_POWER_OPTS_INIT;
    int rc = read_method_opts(a, &o);
    if (rc)
        return rc;
    pl_scenario *s = NULL;
    power_job *jobs = NULL;
    long *targets = NULL;
    size_t nj = 0;
    if (is_adhoc(a)) {
        if (a->npos || cli_has(a, "builtin") || cli_has(a, "body"))
            return cli_usage_error("an ad-hoc game (--weights, --quota) takes no FILE, "
                                   "--builtin or --body");
        jobs = calloc(1, sizeof *jobs);
        targets = calloc(1, sizeof *targets);
        if (!jobs || !targets || (rc = adhoc_game(a, &jobs[0].g)))
            goto done;
        nj = 1;
        jobs[0].id = jobs[0].name = "game";
        const char *x = cli_get(a, "against", NULL);
        if (x && (targets[0] = find_member(jobs[0].g, x)) < 0) {
            rc = cli_usage_error("--against %s: not a member; expected a name or a number from "
                                 "1 to %zu", x, pl_game_n_members(jobs[0].g));
            goto done;
        }
        jobs[0].has_cr = x != NULL;
        jobs[0].target = x;
    } else {
        if ((rc = cli_load_scenario(a, &s, 0)))
            return rc;
        size_t nb = pl_scenario_n_bodies(s) ? pl_scenario_n_bodies(s) : 1;
        jobs = calloc(nb, sizeof *jobs);
        targets = calloc(nb, sizeof *targets);
        if (!jobs || !targets || (rc = scenario_jobs(a, s, jobs, &nj, targets)))
            goto done;
    }
    for (size_t j = 0; !rc && j < nj; j++)
        rc = job_run(&jobs[j], &o, targets[j]);
    if (!rc)
        rc = emit_all(a, s, jobs, nj);
done:
    for (size_t j = 0; jobs && j < nj + (nj == 0); j++) {
        pl_power_free(jobs[j].p);
        pl_game_free(jobs[j].g);
    }
    free(jobs);
    free(targets);
    pl_scenario_free(s);
    return rc;
}

const cli_command cli_cmd_power = {
    "power", "[FILE]",
    "Voting power in each body, and whether it can act against a member.",
    power_opts,
    "Power indices of every member of every body (MODELS.md section 11):\n"
    "  shapley_shubik      share of orderings in which the member is pivotal\n"
    "  banzhaf             share of all swings (normalised Banzhaf)\n"
    "  banzhaf_absolute    chance of being critical in a random coalition (Penrose)\n"
    "  coleman_prevent     share of winning coalitions the member can break\n"
    "  coleman_initiate    share of losing coalitions the member can complete\n"
    "  deegan_packel, public_good, johnston   from the minimal winning coalitions\n"
    "Counts are exact (fractions under 'exact'); minimal winning and blocking\n"
    "coalitions are enumerated up to 25 members. For a body with `against: ACTOR`\n"
    "(or --against) it says whether the body can decide without that actor and,\n"
    "if not, the smallest change of rule that would let it.\n"
    "Ad-hoc games: parley power --weights 4,4,4,2,2,1 --quota 12\n"
    "  UN Security Council: --weights 7x5,1x10 --quota 39\n"
    "  several majorities: --min-members 15 --weights POPS --quota 65%\n"
    "  alternatives: ... --or --min-members 24\n"
    "--format csv writes the members table.\n",
    run_power};

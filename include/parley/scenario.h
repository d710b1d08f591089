/* SPDX-License-Identifier: MIT */
/*
** scenario.h: the one data model every analysis reads.
**
** A pl_scenario holds actors, issues (0-100 scales with worded anchors),
** positions and saliences, bodies (councils, parliaments, publics with
** weights, quota rules and vetoes) and ratification links. It is loaded and
** validated in one step and is immutable afterwards; every getter returns a
** pointer borrowed from the scenario, valid until pl_scenario_free().
** The file format is documented in docs/scenario-format.md.
*/
#ifndef PARLEY_SCENARIO_H
#define PARLEY_SCENARIO_H

#include <stddef.h>
#include <stdint.h>
#include "parley/export.h"
#include "parley/error.h"

#ifdef __cplusplus
extern "C" {
#endif

/* How an uncertain number is drawn between low and high (Monte Carlo). */
typedef enum pl_dist {
    PL_DIST_NONE = 0,     /* exact: low = high = value */
    PL_DIST_UNIFORM,      /* uniform on [low, high] (default when a range is given) */
    PL_DIST_TRIANGULAR,   /* mode = value */
    PL_DIST_NORMAL,       /* mean = value, sd, truncated to [low, high] */
    PL_DIST_PERT          /* beta-PERT, mode = value */
} pl_dist;

/** "uniform", "triangular", "normal", "pert" (as scenario files write them), "exact" for
    PL_DIST_NONE; NULL for anything else. */
PL_API const char *pl_dist_name(pl_dist d);

/* A number with its provenance and uncertainty, as written in the scenario. */
typedef struct pl_value {
    double value;
    double low, high;     /* equal to value when no range was given */
    double sd;            /* PL_DIST_NORMAL only, else 0 */
    pl_dist dist;
    const char *source;   /* quoted sentence it rests on, or NULL */
    const char *note;     /* reasoning where the source is silent, or NULL */
    int line, col;        /* where it was written, 0 when unknown */
} pl_value;

/* Actor roles (bit mask). */
enum {
    PL_ROLE_BELLIGERENT = 1u << 0,
    PL_ROLE_MEDIATOR = 1u << 1,
    PL_ROLE_GUARANTOR = 1u << 2,
    PL_ROLE_ALLY = 1u << 3,
    PL_ROLE_OBSERVER = 1u << 4,
    PL_ROLE_CONSTITUENCY = 1u << 5
};
#define PL_ROLE_COUNT 6

typedef struct pl_scenario pl_scenario;
typedef struct pl_actor pl_actor;
typedef struct pl_issue pl_issue;
typedef struct pl_body pl_body;

/* ---- loading ---------------------------------------------------------- */

enum {
    /* Also require every number to carry a source or a note. */
    PL_LOAD_REQUIRE_SOURCES = 1u << 0
};

typedef struct pl_load_opts {
    unsigned flags;        /* PL_LOAD_* bits */
    /* Called once per warning (e.g. an actor that takes no position); may be NULL. */
    void (*warn)(const pl_error *warning, void *payload);
    void *payload;
    /* The largest input read, in bytes (a file, or a buffer given to the loader);
       0: PL_INPUT_MAX_DEFAULT, 256 MiB (parley/input.h). */
    size_t max_input;
    /* When not NULL: a failed load puts every error it found here (up to the list's
       maximum), sorted by line and column; err still gets the first one found, as without
       a list. The reader then goes on after an error wherever the rest does not depend on
       the part in error (see pl_scenario_load_buffer). NULL: stop at the first error. */
    pl_error_list *errors;
    /* What-if changes (docs/scenario-format.md, "Changes and variants"): variant, when not
       NULL, names one of the scenario's variants to apply; then each of the n_changes
       texts "PATH=VALUE" (VALUE in YAML) is applied in order, as if the file said so.
       The document is changed before it is read, so every change is checked as the file
       is; an error in one names it ("--set PATH: ...") instead of a line. */
    const char *variant;
    const char *const *changes;
    size_t n_changes;
} pl_load_opts;
#define PL_LOAD_OPTS_INIT {0u, NULL, NULL, 0, NULL, NULL, NULL, 0}

/**
 * Load and validate a scenario from a YAML or JSON file ("-": standard input),
 * read once and at most opts->max_input bytes (pl_input_read). Other tools'
 * files, and inputs whose format is to be recognised: pl_input_load.
 * @param[out] out  the scenario, owned by the caller (pl_scenario_free); NULL on error
 * @param opts      NULL for defaults
 * @return PL_OK, PL_EINPUT (err has file:line:col, or the file and the limit it
 *         passes), PL_EIO or PL_ENOMEM.
 * Complexity: O(size of the file).
 */
PL_API int pl_scenario_load_file(pl_scenario **out, const char *path,
                                 const pl_load_opts *opts, pl_error *err);

/**
 * As pl_scenario_load_file, from memory; name is used in messages, and JSON is
 * parsed as JSON when it ends in ".json". len above opts->max_input is PL_EINPUT.
 * With opts->errors, reading goes on after an error: every actor, issue, body,
 * position entry, ratification entry, durability term and guarantee and staging
 * plan is read, and every field of each; a part whose structure is broken (not a
 * list or mapping, an entry without a usable id) is left out, with what refers to
 * it; checks over the whole scenario (every issue weighed, two actors at the table)
 * run only on an otherwise valid scenario; an unknown key hides the missing keys
 * of its mapping (it is most likely their misspelling). A syntax error stops it.
 */
PL_API int pl_scenario_load_buffer(pl_scenario **out, const char *data, size_t len,
                                   const char *name, const pl_load_opts *opts,
                                   pl_error *err);

/** Load a scenario compiled into the library; name NULL gives the default. */
PL_API int pl_scenario_load_builtin(pl_scenario **out, const char *name,
                                    const pl_load_opts *opts, pl_error *err);

/** Text of a built-in scenario (NULL if there is no such name); *len gets its size. */
PL_API const char *pl_builtin_text(const char *name, size_t *len);
/** Name of the i-th built-in scenario, NULL past the end; index 0 is the default. */
PL_API const char *pl_builtin_name(size_t i);

/** Release a scenario and everything borrowed from it. NULL is a no-op. */
PL_API void pl_scenario_free(pl_scenario *s);

/* ---- the scenario ----------------------------------------------------- */

PL_API const char *pl_scenario_name(const pl_scenario *s);
PL_API const char *pl_scenario_title(const pl_scenario *s);        /* may be NULL */
PL_API const char *pl_scenario_description(const pl_scenario *s);  /* may be NULL */
PL_API const char *pl_scenario_source(const pl_scenario *s);       /* may be NULL */
PL_API size_t pl_scenario_n_actors(const pl_scenario *s);
PL_API size_t pl_scenario_n_issues(const pl_scenario *s);
PL_API size_t pl_scenario_n_bodies(const pl_scenario *s);

/** Borrowed; NULL if i is out of range. */
PL_API const pl_actor *pl_scenario_actor(const pl_scenario *s, size_t i);
PL_API const pl_issue *pl_scenario_issue(const pl_scenario *s, size_t k);
PL_API const pl_body *pl_scenario_body(const pl_scenario *s, size_t b);

/** Index of the actor/issue/body with this id, or -1. Complexity: O(1) expected. */
PL_API long pl_scenario_actor_index(const pl_scenario *s, const char *id);
PL_API long pl_scenario_issue_index(const pl_scenario *s, const char *id);
PL_API long pl_scenario_body_index(const pl_scenario *s, const char *id);

/**
 * Position (0-100) and salience (0-1) of actor i on issue k.
 * @return 1 if the actor takes a position on the issue, 0 if it is absent
 *         (then *pos and *sal are left unchanged), PL_EMISUSE for bad indices.
 */
PL_API int pl_scenario_position(const pl_scenario *s, size_t i, size_t k,
                                double *pos, double *sal);

/** As pl_scenario_position, with ranges and provenance. Either out may be NULL. */
PL_API int pl_scenario_position_value(const pl_scenario *s, size_t i, size_t k,
                                      pl_value *pos, pl_value *sal);

/**
 * Actor i's explicit value (0-1) of each option of issue k (in option order),
 * or NULL when it gives none (then settlement uses the distance to its position).
 */
PL_API const double *pl_scenario_values(const pl_scenario *s, size_t i, size_t k);

/** 1 if the scenario has a `durability` section (parley durability), else 0. */
PL_API int pl_scenario_has_durability(const pl_scenario *s);
/** 1 if the scenario has a `staging` section (staged agreements), else 0. */
PL_API int pl_scenario_has_staging(const pl_scenario *s);

/**
 * The YAML or JSON text the scenario was loaded from (for an import, the
 * scenario the importer wrote), with its length; the run store keeps it.
 * Changes and a variant applied when loading are not in it (see
 * pl_scenario_applied_variant and pl_scenario_change).
 */
PL_API const char *pl_scenario_text(const pl_scenario *s, size_t *len);

/* ---- uncertainty (Monte Carlo) ------------------------------------------ */

/** How many numbers carry a range (low/high, with a dist): the uncertain inputs. */
PL_API size_t pl_scenario_n_uncertain(const pl_scenario *s);
/**
 * Uncertain input j (in a fixed order: actors with their positions, issues,
 * bodies, durability, staging), and its label into label[cap], e.g.
 * "RUS capability" or "UKR TERR position". NULL when j is out of range.
 */
PL_API const pl_value *pl_scenario_uncertain(const pl_scenario *s, size_t j, char *label,
                                             size_t cap);
/**
 * A copy of s with every uncertain number drawn from stream `stream` of
 * `seed` (MODELS.md section 13): the same (seed, stream) always gives the same
 * copy. Body weights are rounded to 6 decimals (power indices need them
 * exact), and quotas given as shares follow the drawn weights. drawn, if not
 * NULL, receives the pl_scenario_n_uncertain(s) values in input order. The
 * copy borrows from s: free it (pl_scenario_free) before s.
 */
PL_API int pl_scenario_draw(pl_scenario **out, const pl_scenario *s, uint64_t seed,
                            uint64_t stream, double *drawn, pl_error *err);

/* ---- variants and changes ---------------------------------------------- */

/** How many variants the scenario declares (its `variants` section). */
PL_API size_t pl_scenario_n_variants(const pl_scenario *s);
/**
 * Id of variant i (NULL when i is out of range); *name, *note and *source (each
 * may be NULL, and each is NULL when the file gives none) get its words, and
 * *n_changes (may be NULL) how many changes it makes.
 */
PL_API const char *pl_scenario_variant(const pl_scenario *s, size_t i, const char **name,
                                       const char **note, const char **source,
                                       size_t *n_changes);
/** The variant applied when loading (pl_load_opts.variant), or NULL. */
PL_API const char *pl_scenario_applied_variant(const pl_scenario *s);
/** How many changes were applied when loading (pl_load_opts.changes), and change i as
    given ("PATH=VALUE"; NULL when i is out of range). */
PL_API size_t pl_scenario_n_changes(const pl_scenario *s);
PL_API const char *pl_scenario_change(const pl_scenario *s, size_t i);

/** Number of bodies that must ratify for actor i to sign, and the j-th of them. */
PL_API size_t pl_scenario_n_ratifiers(const pl_scenario *s, size_t i);
PL_API long pl_scenario_ratifier(const pl_scenario *s, size_t i, size_t j);

/**
 * Number of red lines (docs/scenario-format.md, `red_lines`), and the j-th:
 * its actor and issue indices (either pointer may be NULL) and the outcomes it
 * rules out as written ("< 50", "[a, b]"); NULL when j is out of range.
 */
PL_API size_t pl_scenario_n_red_lines(const pl_scenario *s);
PL_API const char *pl_scenario_red_line(const pl_scenario *s, size_t j, size_t *actor,
                                        size_t *issue);

/* ---- actors ----------------------------------------------------------- */

PL_API const char *pl_actor_id(const pl_actor *a);
PL_API const char *pl_actor_name(const pl_actor *a);
PL_API const char *pl_actor_description(const pl_actor *a);  /* may be NULL */
/** Clout, >= 0; only ratios matter. */
PL_API const pl_value *pl_actor_capability(const pl_actor *a);
/** Risk attitude in [-1, 1] (1 risk-averse, -1 risk-acceptant); NULL if not given. */
PL_API const pl_value *pl_actor_risk(const pl_actor *a);
/** Utility of no agreement on settlement's 0-1 scale; NULL if not given (then: the status quo's). */
PL_API const pl_value *pl_actor_no_deal(const pl_actor *a);
/** Per-period discount factor in (0, 1]; 1 when not given. */
PL_API double pl_actor_discount(const pl_actor *a);
/** 1 if the actor negotiates (counts in forecasts), 0 if it only ratifies or guarantees. */
PL_API int pl_actor_at_table(const pl_actor *a);
/** PL_ROLE_* bit mask. */
PL_API unsigned pl_actor_roles(const pl_actor *a);
/** Name of one PL_ROLE_* bit, e.g. "guarantor"; NULL if not a single known bit. */
PL_API const char *pl_role_name(unsigned role);

/* ---- issues ----------------------------------------------------------- */

PL_API const char *pl_issue_id(const pl_issue *x);
PL_API const char *pl_issue_name(const pl_issue *x);
PL_API const char *pl_issue_description(const pl_issue *x);  /* may be NULL */
/** Anchors in increasing order of scale point; there are always ones at 0 and 100. */
PL_API size_t pl_issue_n_anchors(const pl_issue *x);
/** Scale point of anchor j; *text (if not NULL) gets its words. */
PL_API double pl_issue_anchor(const pl_issue *x, size_t j, const char **text);
/** Index of the anchor nearest to scale point v (the lower one on a tie). */
PL_API size_t pl_issue_nearest_anchor(const pl_issue *x, double v);
/** Status quo on the 0-100 scale, NULL if the scenario gives none. */
PL_API const pl_value *pl_issue_status_quo(const pl_issue *x);
/** Recorded outcome (for evaluating forecasts); NULL if none. */
PL_API const pl_value *pl_issue_outcome(const pl_issue *x);
/** Group the issue belongs to (e.g. a legislative proposal); NULL if none. */
PL_API const char *pl_issue_group(const pl_issue *x);
/** Bodies that must approve a change of the issue (`decided_by`): how many, and the
    scenario body index of the j-th (-1 out of range). 0: none declared. */
PL_API size_t pl_issue_n_deciders(const pl_issue *x);
PL_API long pl_issue_decider(const pl_issue *x, size_t j);
/** Named discrete options (settlement's outcomes on this issue); 0 if none declared. */
PL_API size_t pl_issue_n_options(const pl_issue *x);
/** Scale point of option j; *id and *name (if not NULL) get its id and display name. */
PL_API double pl_issue_option(const pl_issue *x, size_t j, const char **id, const char **name);
/** Declared grid step for settlement, 0 if none. */
PL_API double pl_issue_step(const pl_issue *x);

/* ---- bodies ----------------------------------------------------------- */

PL_API const char *pl_body_id(const pl_body *b);
PL_API const char *pl_body_name(const pl_body *b);
PL_API const char *pl_body_description(const pl_body *b);  /* may be NULL */
PL_API size_t pl_body_n_members(const pl_body *b);
/** Scenario actor index of member m (-1 if m is out of range). */
PL_API long pl_body_member(const pl_body *b, size_t m);
/** Voting weight of member m (> 0) under the body's default weights. */
PL_API const pl_value *pl_body_weight(const pl_body *b, size_t m);
/** 1 if member m can veto alone. */
PL_API int pl_body_veto(const pl_body *b, size_t m);

/*
** A decision passes when every quota condition holds. Condition c sums the
** weights of the members in favour (under the condition's own weights, or
** the body's) and compares the sum with a threshold: >= threshold, or
** > threshold when strict (a "majority" is strictly more than half).
*/
PL_API size_t pl_body_n_quotas(const pl_body *b);
PL_API double pl_body_quota_threshold(const pl_body *b, size_t c, int *strict);
/** Weight of member m under condition c. */
PL_API double pl_body_quota_weight(const pl_body *b, size_t c, size_t m);
/** Text of condition c as written, e.g. "2/3", "majority", "12". */
PL_API const char *pl_body_quota_text(const pl_body *b, size_t c);
/** Rules: the quota conditions (rule 0) and each alternative; a decision passes when every
    condition of some rule holds. */
PL_API size_t pl_body_n_rules(const pl_body *b);
/** The rule condition c belongs to. */
PL_API size_t pl_body_quota_rule(const pl_body *b, size_t c);
/** Noise (scale points) of a referendum-style vote; NULL if the body votes without noise. */
PL_API const pl_value *pl_body_noise(const pl_body *b);
/** Actor the body is meant to act against (a guarantee's target), or -1. */
PL_API long pl_body_against(const pl_body *b);

#ifdef __cplusplus
}
#endif
#endif

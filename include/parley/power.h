/* SPDX-License-Identifier: MIT */
/*
** power.h: voting power in councils and whether a body can act against one
** of its members (MODELS.md section 11).
**
** A simple game: n members; S wins iff S holds every veto member and, for at
** least one rule, every condition of that rule (w(S) >= quota, integer
** weights). One rule with one condition is a weighted majority game; several
** conditions are multiple majorities (the EU's members and population); more
** rules are alternatives ("or at least 24 members"). Games come from a
** scenario body (pl_game_from_body) or are built by hand.
**
** Indices (pl_power_compute): Shapley-Shubik (1954), Banzhaf normalised
** (1965) and absolute (Penrose 1946), Coleman's (1971) power to prevent and
** to initiate, Deegan-Packel (1978), Holler's public good index (Holler &
** Packel 1983) and Johnston (1978). Counts are exact integers, found by
** enumeration (small games), by generating functions (Brams & Affuso 1976)
** for integer weights, or estimated by Monte Carlo with a Hoeffding bound.
*/
#ifndef PARLEY_POWER_H
#define PARLEY_POWER_H

#include <stddef.h>
#include <stdint.h>
#include "parley/export.h"
#include "parley/error.h"
#include "parley/scenario.h"
#include "parley/emit.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct pl_game pl_game;

/** A game of n >= 1 members named "1".."n", with one empty rule. */
PL_API int pl_game_new(pl_game **out, size_t n, pl_error *err);
PL_API void pl_game_free(pl_game *g);
/** Name member m (copied). */
PL_API int pl_game_set_name(pl_game *g, size_t m, const char *name, pl_error *err);
/** Start a new rule: the game is won by satisfying any one rule. */
PL_API int pl_game_add_rule(pl_game *g, pl_error *err);
/**
 * Add the condition w(S) >= quota to the last rule. weights: n integers
 * >= 0, or NULL for "at least quota members". quota in [1, total weight],
 * else PL_EINPUT.
 */
PL_API int pl_game_add_condition(pl_game *g, const int64_t *weights, int64_t quota,
                                 pl_error *err);
/**
 * Add "w(S) >= num/den of the total weight" (strict: more than), tested in
 * integers: the quota is ceil(num W / den) (floor + 1 when strict). So
 * majority is (1, 2, strict) and unanimity (1, 1, 0). den <= 2^40.
 */
PL_API int pl_game_add_share(pl_game *g, const int64_t *weights, int64_t num, int64_t den,
                             int strict, pl_error *err);
/** Member m can block alone: every winning coalition must contain m. */
PL_API int pl_game_set_veto(pl_game *g, size_t m, int veto, pl_error *err);
/**
 * The game of scenario body b. Decimal weights are scaled by a power of ten
 * to integers (never rounded: weights with more than 6 decimals are an
 * error); shares ("2/3", "55%", majority) are tested in integers.
 */
PL_API int pl_game_from_body(pl_game **out, const pl_scenario *s, size_t b, pl_error *err);

/* ---- the ad-hoc game language of `parley power` ----------------------------- */

/*
** A game from the strings `parley power` takes, for bindings as for the CLI:
**     weights "4,4,4,2,2,1" or "7x5,1x10"   member weights, whole numbers 0..2^50
**                                           (WxK: K members of weight W, K <= 10^8)
**     quota "12", "2/3", "65%", "66.7%", "majority" or "unanimity"
**                                           the condition weight >= Q on the weights
**                                           of the last weights item before it
**     min-members "9"                       the condition "at least 9 members"
**     or                                    the conditions after it form an alternative
**     names "FR,DE,IT"                      member names (default "1", "2", ...)
**     veto "FR,2"                           members (names or numbers) that can block alone
** The calls record items; pl_game_builder_build applies them in order after
** the first weights or names item, which fixes the member count wherever it
** stands. Errors (at build) are PL_EINPUT with the CLI's own messages, which
** name the items as its options: "--quota 8: quota 8 is outside [1, 7]; ...".
*/
typedef struct pl_game_builder pl_game_builder;

PL_API int pl_game_builder_new(pl_game_builder **out, pl_error *err);
PL_API void pl_game_builder_free(pl_game_builder *b);
PL_API int pl_game_builder_weights(pl_game_builder *b, const char *list, pl_error *err);
PL_API int pl_game_builder_quota(pl_game_builder *b, const char *quota, pl_error *err);
PL_API int pl_game_builder_min_members(pl_game_builder *b, const char *count, pl_error *err);
PL_API int pl_game_builder_or(pl_game_builder *b, pl_error *err);
PL_API int pl_game_builder_names(pl_game_builder *b, const char *list, pl_error *err);
PL_API int pl_game_builder_veto(pl_game_builder *b, const char *list, pl_error *err);
/**
 * Refuse at build, before the members' arrays are allocated, a game whose
 * weights alone need more than `bytes` (at least 17 bytes a member: its
 * weight as read, its weight in the condition, its veto flag); 0: no limit
 * (the default). PL_EINPUT then (exit 2 in the CLI), naming --max-memory.
 */
PL_API int pl_game_builder_max_memory(pl_game_builder *b, double bytes, pl_error *err);
/** The game of the items so far (the builder stays usable); *out is NULL on error. */
PL_API int pl_game_builder_build(const pl_game_builder *b, pl_game **out, pl_error *err);

/** Member by name, or by number 1..n as text; -1 when neither. */
PL_API long pl_game_member_index(const pl_game *g, const char *name);

PL_API size_t pl_game_n_members(const pl_game *g);
/**
 * Member m's name. A member without one (pl_game_set_name) is called by its
 * number, 1-based, written into the game's own buffer: that text stays valid
 * until the next call on the same game for another unnamed member.
 */
PL_API const char *pl_game_member_name(const pl_game *g, size_t m);
PL_API size_t pl_game_n_rules(const pl_game *g);
PL_API size_t pl_game_n_conditions(const pl_game *g, size_t rule);
/** Quota and weights of condition c of a rule; weight(m) is 1 for a member count. They are
    whole numbers: a game built from a scenario's body whose weights have decimals holds
    them times pl_game_scale (a power of ten, 1 for whole weights); over it they are the
    scenario's own numbers, as parley power shows them. 0 for a condition that is not there. */
PL_API int64_t pl_game_quota(const pl_game *g, size_t rule, size_t c);
PL_API int64_t pl_game_weight(const pl_game *g, size_t rule, size_t c, size_t m);
PL_API int64_t pl_game_total(const pl_game *g, size_t rule, size_t c);
PL_API int64_t pl_game_scale(const pl_game *g, size_t rule, size_t c);
PL_API int pl_game_is_veto(const pl_game *g, size_t m);
/** 1 if the coalition {m : in[m] != 0} wins. Complexity: O(n x conditions). */
PL_API int pl_game_wins(const pl_game *g, const unsigned char *in);

/* ---- indices ------------------------------------------------------------- */

typedef enum pl_power_index {
    PL_INDEX_SS = 0,     /* Shapley-Shubik */
    PL_INDEX_BZ,         /* Banzhaf, normalised */
    PL_INDEX_ABZ,        /* absolute Banzhaf (Penrose) */
    PL_INDEX_CP,         /* Coleman power to prevent */
    PL_INDEX_CI,         /* Coleman power to initiate */
    PL_INDEX_DP,         /* Deegan-Packel */
    PL_INDEX_PGI,        /* Holler's public good index */
    PL_INDEX_JOHNSTON,
    PL_INDEX_COUNT
} pl_power_index;

typedef enum pl_power_method {
    PL_POWER_AUTO = 0,   /* enumerate small games, else generating functions */
    PL_POWER_ENUMERATE,  /* all 2^n coalitions (n <= 30) */
    PL_POWER_DP,         /* generating functions over integer weights */
    PL_POWER_MONTE_CARLO /* random coalitions and orderings */
} pl_power_method;

typedef struct pl_power_opts {
    pl_power_method method;
    uint64_t samples;        /* Monte Carlo draws; 0 = 100000 */
    uint64_t seed;           /* Monte Carlo seed (MODELS.md section 13) */
    size_t minimal_limit;    /* enumerate minimal coalitions up to this many members; 0 = 25 */
    size_t list_limit;       /* list minimal coalitions when at most this many; 0 = 16 */
    double max_bytes;        /* memory for generating-function tables; 0 = 1 GiB */
    int no_shapley;          /* 1: skip Shapley-Shubik (generating functions then O(n W)) */
    int floating;            /* 1: fast floating mode for one weighted condition: the Banzhaf
                                family in doubles, no Shapley-Shubik, no exact fractions */
    int naive;               /* 1: generating functions remove each distinct weight by an
                                inverse pass over a second table, and count minimal
                                coalitions on a table of their own (the test oracle and
                                bench/power's baseline); 2: Shapley-Shubik's trimmed table
                                in GMP words rather than residues (the build before);
                                same results */
} pl_power_opts;
#define PL_POWER_OPTS_INIT {PL_POWER_AUTO, 0, 0, 0, 0, 0.0, 0, 0, 0}

typedef struct pl_power pl_power;

/**
 * Power indices of every member of g.
 * @return PL_OK; PL_EINPUT when the game is malformed or the method cannot
 * handle it (too many members to enumerate, tables or results over
 * max_bytes), with a message naming the alternative; PL_ENOMEM.
 * Complexity: enumeration O(2^n n); generating functions O(n W) per
 * condition table of total weight W (O(n^2 W) with Shapley-Shubik); Monte
 * Carlo O(samples x n).
 */
PL_API int pl_power_compute(pl_power **out, const pl_game *g, const pl_power_opts *opts,
                            pl_error *err);
PL_API void pl_power_free(pl_power *p);

PL_API const char *pl_power_index_name(pl_power_index k);   /* "shapley_shubik", ... */
PL_API const char *pl_power_index_title(pl_power_index k);  /* "Shapley-Shubik", ... */
PL_API pl_power_method pl_power_method_used(const pl_power *p);
/** 1 if index k was computed (DP, PGI, Johnston need minimal coalitions). */
PL_API int pl_power_has(const pl_power *p, pl_power_index k);
PL_API double pl_power_value(const pl_power *p, pl_power_index k, size_t m);
/** Exact value as "p/q" when counted exactly and short enough to print, else NULL. */
PL_API const char *pl_power_exact(const pl_power *p, pl_power_index k, size_t m);
/** 95% simultaneous half-width of a Monte Carlo estimate; 0 when exact. */
PL_API double pl_power_halfwidth(const pl_power *p, pl_power_index k);
/** Number of winning coalitions (decimal text, exact unless Monte Carlo) and A = |W|/2^n. */
PL_API const char *pl_power_n_winning(const pl_power *p);
/** What was left out and why (e.g. Shapley-Shubik on a game too large), or NULL. */
PL_API const char *pl_power_note(const pl_power *p);
/** Monte Carlo draws and seed (0 and 0 when counted exactly). */
PL_API uint64_t pl_power_samples(const pl_power *p);
PL_API uint64_t pl_power_seed(const pl_power *p);
PL_API double pl_power_act(const pl_power *p);
/** Swings of member m: coalitions in which m is critical (decimal text). */
PL_API const char *pl_power_swings(const pl_power *p, size_t m);
PL_API int pl_power_is_veto(const pl_power *p, size_t m);   /* P_m = 1 */
PL_API int pl_power_is_dummy(const pl_power *p, size_t m);  /* never critical */
/**
 * Number of minimal winning (blocking = 0) or minimal blocking coalitions:
 * counted by enumeration, or by generating functions for a game of one
 * condition; -1 when not counted (or above 2^63, see the text form).
 */
PL_API long long pl_power_n_minimal(const pl_power *p, int blocking);
/** The same count as decimal text, exact at any size; NULL when not counted. */
PL_API const char *pl_power_minimal_count(const pl_power *p, int blocking);
/** Listed minimal coalitions (enumerated games, at most list_limit), as bit masks. */
PL_API size_t pl_power_n_listed(const pl_power *p, int blocking);
PL_API uint64_t pl_power_listed(const pl_power *p, int blocking, size_t j);
/** Minimal blocking coalitions containing m, and the size of the smallest (0: none). */
PL_API long long pl_power_blocking_with(const pl_power *p, size_t m, size_t *smallest);
/** Describe the result as object "power": the members table, then the summary below. */
PL_API int pl_power_emit(const pl_power *p, const pl_game *g, pl_emitter *e);
/**
 * Table "members" over several results: a row per member of each game, with
 * a first column "body" from labels (NULL: no such column); indices that a
 * result lacks are null.
 */
PL_API int pl_power_emit_members(const pl_power *const *ps, const pl_game *const *gs,
                                 const char *const *labels, size_t count, pl_emitter *e);
/**
 * Everything but the members table, as keys of the object open in e: method,
 * rules, winning coalitions, A, exact fractions, minimal coalitions, notes.
 */
PL_API int pl_power_emit_summary(const pl_power *p, const pl_game *g, pl_emitter *e);

/* ---- can the body act against a member? --------------------------------- */

typedef struct pl_credibility {
    int member;              /* 1 if X is a member of the body */
    int can_act;             /* 1 if the members other than X can decide without X */
    int veto;                /* 1 if X can block alone (formal veto or by the quota) */
    int formal_veto;         /* 1 if X holds a veto written into the rules */
    double share_without;    /* share of winning coalitions that exclude X, (1 - P_X) / 2 */
    double act_against;      /* the others' power to act: |W without X| / 2^(n-1) */
    /* Smallest rule change that lets the others act without X (when !can_act). */
    int drop_veto;           /* X's veto must go */
    size_t rule;             /* the rule to relax */
    size_t n_changes;        /* conditions of that rule whose quota must fall */
    size_t change_cond[8];
    int64_t change_from[8], change_to[8], change_total[8];
    int64_t change_scale[8]; /* those three are the scenario's weights times this (whole) */
    int impossible;          /* no quota change can do it (X holds all of a weight) */
    long long blocking_with; /* minimal blocking coalitions containing X; -1: not enumerated */
    size_t smallest_blocking;/* size of the smallest of them (0: none or not enumerated) */
    size_t n_blockers;       /* other members that can block alone ... */
    size_t blocker[8];       /* ... the first 8 of them */
} pl_credibility;

/** Can the body act against member x (index into g's members, or -1: X is not a member)? */
PL_API int pl_power_credibility(pl_credibility *out, const pl_game *g, const pl_power *p,
                                long x, pl_error *err);
/** Describe cr to e (object "against", with the verdict in words); names for the text. */
PL_API int pl_credibility_emit(const pl_credibility *cr, const pl_game *g, const char *body,
                               const char *x_name, pl_emitter *e);
/** The verdict in words, subject `body` (NULL: none); NUL-terminated, truncated to size. */
PL_API int pl_credibility_text(const pl_credibility *cr, const pl_game *g, const char *body,
                               const char *x_name, char *buf, size_t size);

/* ---- the document of `parley power` (power_doc.c) ------------------------ */

/*
** What `parley power` writes, composed once for the CLI and the bindings: the
** members table of every game (column "body"), the conclusions (each verdict
** in words), and per body its summary and, when it has a target, the object
** "against". The document borrows the scenario or game it was made from: keep
** that alive until pl_power_doc_free.
*/
typedef struct pl_power_doc pl_power_doc;

/**
 * `parley power FILE`: every body of s, or only the body with id `body` (when
 * not NULL); each is tested against the actor `against` when not NULL, else
 * against its own `against:` actor, if any. opts: NULL for the defaults.
 * @return PL_OK; PL_ENOTFOUND for an unknown body or actor, PL_EINPUT when s
 * has no bodies (messages name --body and --against as the CLI's options), a
 * body's failure as "BODY: message" with its code; PL_ENOMEM.
 */
PL_API int pl_power_doc_scenario(pl_power_doc **out, const pl_scenario *s, const char *body,
                                 const char *against, const pl_power_opts *opts,
                                 pl_error *err);
/**
 * `parley power --weights ...`: the game g, named "game", tested against the
 * member `against` (a name or a number 1..n as text) when not NULL.
 * @return PL_OK; PL_EINPUT when `against` is not a member or the indices
 * cannot be computed ("game: message"); PL_ENOMEM.
 */
PL_API int pl_power_doc_game(pl_power_doc **out, const pl_game *g, const char *against,
                             const pl_power_opts *opts, pl_error *err);
/** Describe the document into the object open in e (the CLI's root object). */
PL_API int pl_power_doc_emit(const pl_power_doc *d, pl_emitter *e);
PL_API void pl_power_doc_free(pl_power_doc *d);  /* NULL is a no-op */

#ifdef __cplusplus
}
#endif

#endif

/* SPDX-License-Identifier: MIT */
/*
** reader.h: state shared by the scenario reader's files
** (reader.c: top level, actors, issues; read_positions.c; read_bodies.c).
*/
#ifndef PL_READER_H
#define PL_READER_H

#include "schema.h"
#include "../core/scenario_impl.h"

typedef struct pl_reader {
    pl_rd rd;
    pl_scenario *s;
    const pl_doc_node *root;
    const pl_doc_node **actor_nodes;   /* id node of each actor, for messages */
    const pl_doc_node **issue_nodes;
    /*
    ** When reading goes on after errors (pl_load_opts.errors): a list whose
    ** section or some entry's id could not be read has "partial" ids, and a
    ** reference to an id it does not know is then dropped without a message
    ** (it may name the entry in error). An issue whose options could not be
    ** read has bad_options set: values on it are not checked.
    */
    int actor_ids_partial, issue_ids_partial, body_ids_partial;
    unsigned char *bad_options;        /* per issue */
} pl_reader;

/* What differs between the entries of the actors, issues and bodies lists. */
typedef struct pl_entry_kind {
    const char *kind;             /* "actor" */
    const char *article;          /* "an actor", for unknown-key messages */
    const char *shape;            /* "a mapping with id, name, capability" */
    const char *example;          /* "an identifier like RUS" */
    const char *const *keys;      /* allowed keys */
    size_t nkeys;
} pl_entry_kind;

/*
** The shared head of every entry: a mapping with known keys, a unique id
** (registered in ids; nodes[i] keeps its node for messages), a name that
** defaults to the id, and an optional description. *id stays NULL when the
** entry has no usable id (then the caller can read nothing more of it).
*/
int pl__read_head(pl_reader *r, const pl_entry_kind *k, const pl_doc_node *n, size_t i,
                  pl_idmap *ids, const pl_doc_node **nodes, const char **id,
                  const char **name, const char **description);

/* An optional number under key of entry n ("KEY of WHERE" in messages); *has (when not
   NULL) set when it is there. */
int pl__opt_value(pl_reader *r, const pl_doc_node *n, const char *key, const char *where,
                  double lo, double hi, pl_value *out, int *has);

int pl__read_positions(pl_reader *r, const pl_doc_node *map);
int pl__read_bodies(pl_reader *r, const pl_doc_node *seq);
int pl__read_ratification(pl_reader *r, const pl_doc_node *map);
int pl__read_decided_by(pl_reader *r, const pl_doc_node *issues);
int pl__read_durability(pl_reader *r, const pl_doc_node *map);
int pl__read_staging(pl_reader *r, const pl_doc_node *map);
int pl__read_regimes(pl_reader *r, const pl_doc_node *seq);

/*
** A span of time (read_duration.c): a number of years, {years: x} or
** {months: m}, into *years; *unit_given set for the mapping forms.
*/
int pl__read_duration(pl_reader *r, const pl_doc_node *n, const char *what, double *years,
                      int *unit_given);
/* years as a whole number of periods of step years in [lo, hi] into *out; -1 if it is not. */
int pl__whole_periods(double years, double step, double lo, double hi, size_t *out);
int pl__read_red_lines(pl_reader *r, const pl_doc_node *map);

/*
** A set of issue k's outcomes (read_optset.c): a comparison like "< 50" or a
** list of options; `what` names it in messages ("red line of 'RUS' on issue 'GUAR'").
*/
int pl__read_optset(pl_reader *r, const pl_doc_node *n, size_t k, const char *what,
                    pl_optset *out);
/* A mapping issue -> such a set; *out: an arena array of *count sets. */
int pl__read_optsets(pl_reader *r, const pl_doc_node *map, const char *what, pl_optset **out,
                     size_t *count);
int pl__read_variants(pl_reader *r, const pl_doc_node *seq);

/* How pl__read_doc reads. */
enum {
    PL__READ_QUIET = 1u << 0,        /* no warnings */
    PL__READ_FIRST_ERROR = 1u << 1   /* stop at the first error, whatever opts->errors */
};
/*
** Read the document tree root (of the input name, whose text data[len] the
** scenario keeps; data NULL: keep none) into a new scenario, as opts say.
*/
int pl__read_doc(pl_scenario **out, const pl_doc_node *root, const char *name,
                 const char *data, size_t len, const pl_load_opts *opts, unsigned how,
                 pl_error *err);
/* Apply each variant of d to d as written and read the result: the first failure (every
   one into opts->errors), each message saying which variant (read_variants.c). */
int pl__check_variants(pl_doc *d, const char *name, const pl_load_opts *opts, pl_error *err);
/* The scenario of d with opts' variant and changes applied (read_variants.c). */
int pl__read_changed(pl_scenario **out, pl_doc *d, const char *name, const char *data,
                     size_t len, const pl_load_opts *opts, pl_error *err);
int pl__read_nodeal(pl_reader *r, const pl_doc_node *map);

/* Look up an actor/issue/body id node; on failure an error with a hint. */
int pl__ref_actor(pl_reader *r, const pl_doc_node *n, const char *where, long *out);
int pl__ref_issue(pl_reader *r, const pl_doc_node *n, const char *where, long *out);
int pl__ref_body(pl_reader *r, const pl_doc_node *n, const char *where, long *out);

#endif

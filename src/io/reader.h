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
} pl_reader;

int pl__read_positions(pl_reader *r, const pl_doc_node *map);
int pl__read_bodies(pl_reader *r, const pl_doc_node *seq);
int pl__read_ratification(pl_reader *r, const pl_doc_node *map);

/* Look up an actor/issue/body id node; on failure an error with a hint. */
int pl__ref_actor(pl_reader *r, const pl_doc_node *n, const char *where, long *out);
int pl__ref_issue(pl_reader *r, const pl_doc_node *n, const char *where, long *out);
int pl__ref_body(pl_reader *r, const pl_doc_node *n, const char *where, long *out);

#endif

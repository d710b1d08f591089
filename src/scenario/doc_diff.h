/* SPDX-License-Identifier: MIT */
/*
** doc_diff.h: where two parsed documents differ, named by the paths --set
** takes (doc_set.h): mapping keys, and list entries by id (by number from 1
** when they have none). The run store names the inputs two runs differ in.
*/
#ifndef PL_DOC_DIFF_H
#define PL_DOC_DIFF_H

#include "doc.h"

/*
** Calls fn once per difference, in the order of a (then what only b has):
** path, and what a and b hold there: the scalar's text, "(a mapping)", "(a
** list)", or NULL where one has nothing. A scalar against a mapping with a
** scalar `value` (a number with provenance) is compared as {value: scalar}:
** the value at the path itself, the mapping's other keys against NULL. Stops
** when fn returns non-zero and returns that.
*/
typedef int (*pl_doc_diff_fn)(const char *path, const char *a, const char *b, void *payload);
int pl__doc_diff(const pl_doc_node *a, const pl_doc_node *b, pl_doc_diff_fn fn, void *payload);

#endif

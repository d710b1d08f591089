/* SPDX-License-Identifier: MIT */
/*
** read_red_lines.c: the `red_lines` section: per actor (a party at the table
** or a member of a ratifying body), per issue, the outcomes it will not
** accept at any price (docs/scenario-format.md; docs/models.md, "Red lines").
*/
#include "reader.h"
#include "../core/error_int.h"

#include <stdio.h>

/* One actor's red lines, appended to s->red_lines. */
static int read_actor(pl_reader *r, const pl_doc_node *key, const pl_doc_node *map)
{
    pl_scenario *s = r->s;
    long a;
    int rc = pl__ref_actor(r, key, "red_lines", &a);
    if (rc)
        return rc;
    char what[160];
    snprintf(what, sizeof what, "red line of '%s'", s->actors[a].id);
    pl_optset *sets = NULL;
    size_t n = 0;
    rc = pl__read_optsets(r, map, what, &sets, &n);
    for (size_t j = 0; j < n; j++)
        s->red_lines[s->n_red_lines++] = (pl_red_line){(size_t)a, sets[j]};
    return rc;
}

int pl__read_red_lines(pl_reader *r, const pl_doc_node *map)
{
    pl_scenario *s = r->s;
    int rc = pl_rd_map(&r->rd, map, "red_lines", "a mapping actor -> issue -> comparison like "
                       "\"< 50\" or list of options");
    if (rc)
        return rc;
    size_t total = 0;
    for (size_t j = 0; j < map->len; j++) {
        const pl_doc_node *v = pl_doc_map_value(map, j);
        total += v->type == PL_DOC_MAP ? v->len : 0;
    }
    if (!(s->red_lines = pl_arena_array(&s->arena, total ? total : 1, sizeof *s->red_lines)))
        return pl__error_nomem(r->rd.err);
    for (size_t j = 0; j < map->len; j++)
        if (pl_rd_stop(&r->rd, &rc, read_actor(r, pl_doc_map_key(map, j),
                                                 pl_doc_map_value(map, j))))
            break;
    return rc;
}

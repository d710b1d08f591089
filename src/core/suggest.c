/* SPDX-License-Identifier: MIT */
/*
** suggest.c: edit distance for "did you mean" hints (Levenshtein 1966,
** two-row dynamic programme). Inputs are short keys and ids, so the
** O(|a| |b|) cost is negligible; words over 64 bytes are not compared.
*/
#include "suggest.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define WORD_MAX 64

size_t pl__edit_distance(const char *a, const char *b, size_t cap)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > WORD_MAX || lb > WORD_MAX)
        return cap + 1;
    if ((la > lb ? la - lb : lb - la) > cap)
        return cap + 1;
    size_t prev[WORD_MAX + 1], cur[WORD_MAX + 1];
    for (size_t j = 0; j <= lb; j++)
        prev[j] = j;
    for (size_t i = 1; i <= la; i++) {
        cur[0] = i;
        size_t row_min = cur[0];
        for (size_t j = 1; j <= lb; j++) {
            size_t sub = prev[j - 1] + (a[i - 1] != b[j - 1]);
            size_t del = prev[j] + 1, ins = cur[j - 1] + 1;
            size_t m = sub < del ? sub : del;
            cur[j] = m < ins ? m : ins;
            if (cur[j] < row_min)
                row_min = cur[j];
        }
        if (row_min > cap)
            return cap + 1;
        memcpy(prev, cur, (lb + 1) * sizeof *prev);
    }
    return prev[lb];
}

static int same_ignoring_case(const char *a, const char *b)
{
    for (; *a && *b; a++, b++)
        if (tolower((unsigned char)*a) != tolower((unsigned char)*b))
            return 0;
    return *a == *b;
}

const char *pl_suggest(const char *word, const char *const *cands, size_t n)
{
    const char *best = NULL;
    size_t best_d = 3;
    if (!word || !cands)
        return NULL;
    size_t len = strlen(word);
    for (size_t i = 0; i < n; i++) {
        if (same_ignoring_case(word, cands[i]))
            return cands[i];
        size_t d = pl__edit_distance(word, cands[i], 2);
        if (d < best_d && 2 * d < len + (len == 1)) {
            best = cands[i];
            best_d = d;
        }
    }
    return best;
}

static const char *id_at(const pl_scenario *s, char kind, size_t i)
{
    return kind == 'i' ? pl_issue_id(pl_scenario_issue(s, i))
         : kind == 'a' ? pl_actor_id(pl_scenario_actor(s, i)) : pl_body_id(pl_scenario_body(s, i));
}

static size_t n_ids(const pl_scenario *s, char kind)
{
    return kind == 'i' ? pl_scenario_n_issues(s)
         : kind == 'a' ? pl_scenario_n_actors(s) : pl_scenario_n_bodies(s);
}

static const char *id_hint(const pl_scenario *s, char kind, const char *id)
{
    size_t n = n_ids(s, kind);
    const char **cands = n ? malloc(n * sizeof *cands) : NULL;
    if (!cands)
        return NULL;
    for (size_t i = 0; i < n; i++)
        cands[i] = id_at(s, kind, i);
    const char *hint = pl_suggest(id, cands, n); /* a pointer into the scenario's ids */
    free(cands);
    return hint;
}

/* expect, then the scenario's ids of that kind: "EXPECT (one of A, B, C)", cut with "..." */
static const char *with_ids(const pl_scenario *s, char kind, const char *expect, char *buf,
                            size_t size)
{
    size_t n = n_ids(s, kind), used = (size_t)snprintf(buf, size, "%s (one of ", expect);
    if (!n || used + 8 >= size)
        return expect;
    for (size_t i = 0; i < n; i++) {
        const char *id = id_at(s, kind, i);
        if (used + strlen(id) + 8 >= size) { /* room for ", ", "...)" and the NUL */
            snprintf(buf + used, size - used, "...)");
            return buf;
        }
        used += (size_t)snprintf(buf + used, size - used, "%s%s", i ? ", " : "", id);
    }
    snprintf(buf + used, size - used, ")");
    return buf;
}

const char *pl__scenario_id_tail(const pl_scenario *s, char kind, const char *id,
                                 const char *expect, char *buf, size_t size)
{
    const char *hint = id_hint(s, kind, id);
    if (!hint)
        return with_ids(s, kind, expect, buf, size);
    snprintf(buf, size, "did you mean '%s'?", hint);
    return buf;
}

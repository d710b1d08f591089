/* SPDX-License-Identifier: MIT */
/*
** builtin.c: scenarios compiled into the library (the YAML files under scenarios/, embedded
** at build time by cmake/embed.cmake), so `parley` with no arguments has
** something real to analyse.
*/
#include "parley/scenario.h"
#include "parley/claims.h"
#include "parley/proposal.h"
#include "../core/error_int.h"

#include <string.h>

extern const unsigned char pl__builtin_ukraine_2025[], pl__builtin_ukraine_2025_claims[];
extern const size_t pl__builtin_ukraine_2025_len, pl__builtin_ukraine_2025_claims_len;
extern const unsigned char pl__builtin_proposal_moscow_terms[],
    pl__builtin_proposal_europe_kyiv[], pl__builtin_proposal_istanbul_2022[];
extern const size_t pl__builtin_proposal_moscow_terms_len, pl__builtin_proposal_europe_kyiv_len,
    pl__builtin_proposal_istanbul_2022_len;

/* The proposals of a built-in scenario (scenarios/proposals/NAME.yaml). */
typedef struct proposal {
    const char *scenario, *name;
    const unsigned char *data;
    const size_t *len;
} proposal;

static const proposal proposals[] = {
    {"ukraine-2025", "moscow-terms", pl__builtin_proposal_moscow_terms,
     &pl__builtin_proposal_moscow_terms_len},
    {"ukraine-2025", "europe-kyiv", pl__builtin_proposal_europe_kyiv,
     &pl__builtin_proposal_europe_kyiv_len},
    {"ukraine-2025", "istanbul-2022", pl__builtin_proposal_istanbul_2022,
     &pl__builtin_proposal_istanbul_2022_len},
};
#define N_PROPOSALS (sizeof proposals / sizeof *proposals)

typedef struct builtin {
    const char *name;
    const unsigned char *data;
    const size_t *len;
    const unsigned char *claims;   /* its claims file (parley claims), or NULL */
    const size_t *claims_len;
} builtin;

static const builtin builtins[] = {
    {"ukraine-2025", pl__builtin_ukraine_2025, &pl__builtin_ukraine_2025_len,
     pl__builtin_ukraine_2025_claims, &pl__builtin_ukraine_2025_claims_len},
};
#define N_BUILTINS (sizeof builtins / sizeof *builtins)

static const builtin *find(const char *name)
{
    if (!name)
        return &builtins[0];
    for (size_t i = 0; i < N_BUILTINS; i++)
        if (strcmp(builtins[i].name, name) == 0)
            return &builtins[i];
    return NULL;
}

const char *pl_builtin_name(size_t i)
{
    return i < N_BUILTINS ? builtins[i].name : NULL;
}

const char *pl_builtin_text(const char *name, size_t *len)
{
    const builtin *b = find(name);
    if (len)
        *len = b ? *b->len : 0;
    return b ? (const char *)b->data : NULL;
}

const char *pl_builtin_claims(const char *name, size_t *len)
{
    const builtin *b = find(name);
    if (len)
        *len = b && b->claims ? *b->claims_len : 0;
    return b && b->claims ? (const char *)b->claims : NULL;
}

int pl_scenario_load_builtin(pl_scenario **out, const char *name, const pl_load_opts *opts,
                             pl_error *err)
{
    const builtin *b = find(name);
    if (!b) {
        if (out)
            *out = NULL;
        return pl__fail(err, PL_ENOTFOUND, "no built-in scenario named '%s'; expected one of: "
                        "ukraine-2025", name);
    }
    char file[80];
    strcpy(file, b->name);
    strcat(file, ".yaml");
    return pl_scenario_load_buffer(out, (const char *)b->data, *b->len, file, opts, err);
}

const char *pl_builtin_proposal(const char *scenario, const char *name, size_t *len)
{
    for (size_t i = 0; scenario && name && i < N_PROPOSALS; i++)
        if (strcmp(proposals[i].scenario, scenario) == 0 && strcmp(proposals[i].name, name) == 0) {
            if (len)
                *len = *proposals[i].len;
            return (const char *)proposals[i].data;
        }
    if (len)
        *len = 0;
    return NULL;
}

const char *pl_builtin_proposal_name(const char *scenario, size_t i)
{
    for (size_t j = 0; scenario && j < N_PROPOSALS; j++)
        if (strcmp(proposals[j].scenario, scenario) == 0 && i-- == 0)
            return proposals[j].name;
    return NULL;
}

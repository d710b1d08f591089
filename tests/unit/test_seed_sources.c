/* SPDX-License-Identifier: MIT */
/*
** test_seed_sources.c: every `source:` quote in the built-in scenario occurs
** verbatim in the seed article ../shared/seed/000_33e7607e03a2aad9.txt
** (whitespace runs, line breaks included, compared as one space). Skips
** (exit 77) when ../shared is absent, as in a user's fresh clone. The values
** the library exposes are checked through the API; then every one-line
** `source: "..."` of the file's text is checked too, which also covers the
** sections whose sources the library keeps no accessor for (durability terms),
** and of the built-in claims file (scenarios/ukraine-2025.claims.yaml), and
** every term's source in the built-in proposals (scenarios/proposals/), read
** through pl_proposal_source.
*/
#include "parley/parley.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SEED PL_SHARED_DIR "/seed/000_33e7607e03a2aad9.txt"

static char *normalise(const char *s)
{
    char *out = malloc(strlen(s) + 1), *o = out;
    int space = 1;
    for (; out && *s; s++) {
        int ws = *s == ' ' || *s == '\n' || *s == '\r' || *s == '\t';
        if (ws && !space)
            *o++ = ' ';
        else if (!ws)
            *o++ = *s;
        space = ws;
    }
    if (out) {
        while (o > out && o[-1] == ' ')
            o--;
        *o = '\0';
    }
    return out;
}

static int passed, failed;

/* Every `source: "..."` on one line of the scenario text (escapes \" and \\ undone). */
static void check_text(const char *seed, const char *text, size_t len)
{
    const char *p = text, *end = text + len;
    int line = 1;
    for (; p < end; line++) {
        const char *nl = memchr(p, '\n', (size_t)(end - p)), *stop = nl ? nl : end;
        const char *q = p;
        while (q < stop && (*q == ' ' || *q == '-'))
            q++;
        if ((size_t)(stop - q) > 9 && strncmp(q, "source: \"", 9) == 0) {
            char *quote = malloc((size_t)(stop - q)), *o = quote;
            for (const char *c = q + 9; quote && c < stop && *c != '"'; c++)
                *o++ = (*c == '\\' && c + 1 < stop) ? *++c : *c;
            if (quote) {
                *o = '\0';
                char *n = normalise(quote);
                if (n && strstr(seed, n))
                    passed++;
                else {
                    failed++;
                    printf("FAIL: line %d: source not in the seed: \"%s\"\n", line, quote);
                }
                free(n);
            }
            free(quote);
        }
        p = nl ? nl + 1 : end;
    }
}

static void check(const char *seed, const pl_value *v, const char *what)
{
    if (!v || !v->source)
        return;
    char *q = normalise(v->source);
    if (q && strstr(seed, q))
        passed++;
    else {
        failed++;
        printf("FAIL: %s: source not in the seed: \"%s\"\n", what, v->source);
    }
    free(q);
}

int main(void)
{
    FILE *f = fopen(SEED, "rb");
    if (!f) {
        printf("SKIP: %s not found (../shared is absent in a fresh clone)\n", SEED);
        return 77;
    }
    static char raw[1 << 20];
    size_t n = fread(raw, 1, sizeof raw - 1, f);
    fclose(f);
    raw[n] = '\0';
    char *seed = normalise(raw);
    pl_scenario *s = NULL;
    pl_error err;
    if (!seed || pl_scenario_load_builtin(&s, NULL, NULL, &err)) {
        printf("FAIL: cannot load the built-in scenario\n");
        return 1;
    }
    char what[200];
    for (size_t i = 0; i < pl_scenario_n_actors(s); i++) {
        const pl_actor *a = pl_scenario_actor(s, i);
        snprintf(what, sizeof what, "capability of %s", pl_actor_id(a));
        check(seed, pl_actor_capability(a), what);
        check(seed, pl_actor_risk(a), what);
        for (size_t k = 0; k < pl_scenario_n_issues(s); k++) {
            pl_value p, q;
            if (pl_scenario_position_value(s, i, k, &p, &q) != 1)
                continue;
            snprintf(what, sizeof what, "position of %s on %s", pl_actor_id(a),
                     pl_issue_id(pl_scenario_issue(s, k)));
            check(seed, &p, what);
            check(seed, &q, what);
        }
    }
    for (size_t k = 0; k < pl_scenario_n_issues(s); k++)
        check(seed, pl_issue_status_quo(pl_scenario_issue(s, k)), "status quo");
    for (size_t b = 0; b < pl_scenario_n_bodies(s); b++) {
        const pl_body *body = pl_scenario_body(s, b);
        for (size_t m = 0; m < pl_body_n_members(body); m++)
            check(seed, pl_body_weight(body, m), pl_body_id(body));
        check(seed, pl_body_noise(body), pl_body_id(body));
    }
    size_t tlen;
    const char *text = pl_builtin_text(NULL, &tlen);
    if (text)
        check_text(seed, text, tlen);
    else
        failed++;
    /* the claims file's sentences too (parley claims) */
    int before = passed;
    if ((text = pl_builtin_claims(NULL, &tlen)))
        check_text(seed, text, tlen);
    if (passed - before < 7) { /* the seven claims each quote their sentence */
        printf("FAIL: only %d quotes checked in the built-in claims\n", passed - before);
        failed++;
    }
    /* the built-in proposals: 14 terms quote the article (the others say it is silent) */
    before = passed;
    for (size_t i = 0; pl_builtin_proposal_name("ukraine-2025", i); i++) {
        const char *name = pl_builtin_proposal_name("ukraine-2025", i);
        pl_proposal *p = NULL;
        text = pl_builtin_proposal("ukraine-2025", name, &tlen);
        if (!text || pl_proposal_load_buffer(&p, s, text, tlen, name, &err)) {
            printf("FAIL: built-in proposal %s does not load\n", name);
            failed++;
            continue;
        }
        for (size_t k = 0; k < pl_proposal_n_issues(p); k++) {
            pl_value v = {0};
            v.source = pl_proposal_source(p, k);
            snprintf(what, sizeof what, "proposal %s on %s", name,
                     pl_issue_id(pl_scenario_issue(s, k)));
            check(seed, &v, what);
        }
        pl_proposal_free(p);
    }
    if (passed - before < 14) {
        printf("FAIL: only %d quotes checked in the built-in proposals\n", passed - before);
        failed++;
    }
    printf("%d passed, %d failed\n", passed, failed);
    pl_scenario_free(s);
    free(seed);
    return failed ? 1 : (passed ? 0 : 1);
}

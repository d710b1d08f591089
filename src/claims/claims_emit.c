/* SPDX-License-Identifier: MIT */
/*
** claims_emit.c: the claims described to an emitter: each verdict in words
** with its numbers, its margin, its break-even and its labels ("by definition
** of the rules", "tests its own input"), the robustness over draws beside
** them, and the tables behind the words (checks, breakeven).
*/
#include "claims_impl.h"
#include "../core/fmt.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define DEFINITIONAL "by definition of the rules"
#define CIRCULAR "tests its own input"

/* A text under construction: appends never overflow, and stop when full. */
typedef struct text {
    char *buf;
    size_t size, len;
} text;

static void add(text *t, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

static void add(text *t, const char *fmt, ...)
{
    if (t->len + 1 >= t->size)
        return;
    va_list ap;
    va_start(ap, fmt);
    int n = pl__vsnprintf(t->buf + t->len, t->size - t->len, fmt, ap);
    va_end(ap);
    t->len = n < 0 ? t->len : t->len + (size_t)n < t->size ? t->len + (size_t)n : t->size - 1;
}

/* "flips if RUS capability <= 66.2 (now 80; range 65 to 95)"; a flip a hair from the value
   gets the digits that tell the two apart. */
static void flip_text(text *t, const pl_claim_flip *f)
{
    char at[32], now[32];
    int p = 6;
    pl__snprintf(now, sizeof now, "%g", f->now);
    do
        pl__snprintf(at, sizeof at, "%.*g", p, f->at);
    while (strcmp(at, now) == 0 && ++p < 13);
    add(t, "flips if %s %s %s (now %s; ", f->input, f->at < f->now ? "≤" : "≥", at, now);
    if (f->stated)
        add(t, "range %g to %g)", f->low, f->high);
    else
        add(t, "searched over %g to %g, outside any stated range)", f->low, f->high);
}

/* The inputs claim i depends on that quote its own sentence, comma-separated. */
static void circular_text(text *t, const pl_claims_explained *x, size_t i)
{
    size_t k = 0;
    for (size_t j = 0; j < pl_claims_n_inputs(x); j++) {
        const pl_claim_flip *f = pl_claims_flip(x, i, j);
        if (f->same_source && f->depends)
            add(t, "%s%s", k++ ? ", " : "", f->input);
    }
}

/* The labels of claim i, for the table: "", DEFINITIONAL, CIRCULAR or both. */
static void label_text(text *t, const pl_claims_explained *x, size_t i)
{
    if (pl_claims_definitional(x, i))
        add(t, DEFINITIONAL);
    if (pl_claims_n_circular(x, i))
        add(t, "%s" CIRCULAR, t->len ? "; " : "");
}

static void explain_text(text *t, const pl_claims_explained *x, size_t i,
                         const pl_claim_result *r)
{
    if (r->margin[0])
        add(t, " Margin: %s", r->margin);
    if (!x || r->status > PL_CLAIM_HOLDS)
        return;
    if (pl_claims_definitional(x, i)) {
        add(t, " No single input flips it within its range or domain: it holds " DEFINITIONAL);
        add(t, r->rule[0] ? " (%s)." : ".", r->rule);
    } else {
        add(t, " Break-even: it ");
        flip_text(t, pl_claims_flip(x, i, 0));
        size_t n = pl_claims_n_flips(x, i);
        add(t, n > 1 ? "; %zu inputs can flip it." : "; the only input that can.", n);
    }
    if (pl_claims_n_circular(x, i)) {
        add(t, " It " CIRCULAR ": its sentence is also the source of ");
        circular_text(t, x, i);
        add(t, ", which it depends on.");
    }
}

/* "holds" / "fails" ... and, over draws, the share in which it holds. */
static void finding(const pl_claims *c, size_t i, const pl_claim_result *r,
                    const uint64_t *holds, const uint64_t *defined, uint64_t draws,
                    const pl_claims_explained *x, char *buf, size_t size)
{
    text t = {buf, size, 0};
    buf[0] = '\0';
    add(&t, "%s Verdict: %s", c->c[i].claim, pl_claim_status_name(r->status));
    if (pl_claims_definitional(x, i))
        add(&t, ", " DEFINITIONAL);
    if (pl_claims_n_circular(x, i))
        add(&t, "; it " CIRCULAR);
    add(&t, ". %s", r->detail);
    if (c->c[i].package_from)
        add(&t, " (Checked against the proposal %s, not the claims file's package.)",
            c->c[i].package_from);
    explain_text(&t, x, i, r);
    if (draws && r->status <= PL_CLAIM_HOLDS && defined[i])
        add(&t, " Across %llu draws it holds in %.1f%%%s.", (unsigned long long)draws,
            100.0 * (double)holds[i] / (double)defined[i],
            defined[i] < draws ? " of those where it is defined" : "");
}

static void checks_table(const pl_claims *c, const pl_claim_result *res, const uint64_t *holds,
                         const uint64_t *defined, uint64_t draws, const pl_claims_explained *x,
                         pl_emitter *e)
{
    static const char *const cols[] = {"claim", "status", "value", "threshold", "holds_share",
                                       "draws", "label", "breakeven", "margin", "sentence"};
    char buf[400];
    pl_emit_table_begin(e, "checks", "Claims (value: the number each check turns on, against "
                        "threshold; holds_share: over the Monte Carlo draws; breakeven: the "
                        "nearest flip)", cols, 10);
    for (size_t i = 0; i < c->n; i++) {
        text t = {buf, sizeof buf, 0};
        buf[0] = '\0';
        pl_emit_row_begin(e);
        pl_emit_string(e, NULL, c->c[i].id);
        pl_emit_string(e, NULL, pl_claim_status_name(res[i].status));
        pl_emit_number_or_null(e, NULL, res[i].value);
        pl_emit_number_or_null(e, NULL, res[i].threshold);
        pl_emit_number_or_null(e, NULL, draws && defined[i] ? (double)holds[i] /
                                                                 (double)defined[i] : NAN);
        pl_emit_int(e, NULL, draws ? (long long)defined[i] : 0);
        label_text(&t, x, i);
        pl_emit_string(e, NULL, x ? buf : NULL);
        t.len = 0, buf[0] = '\0';
        if (pl_claims_n_flips(x, i))
            flip_text(&t, pl_claims_flip(x, i, 0));
        pl_emit_string(e, NULL, pl_claims_n_flips(x, i) ? buf : NULL);
        pl_emit_string(e, NULL, res[i].margin[0] ? res[i].margin : NULL);
        pl_emit_string(e, NULL, c->c[i].source ? c->c[i].source : c->c[i].claim);
        pl_emit_row_end(e);
    }
    pl_emit_table_end(e);
}

/* Each claim's inputs that flip it, ranked (only the nearest unless `full`). */
static void breakeven_table(const pl_claims *c, const pl_claims_explained *x, int full,
                            pl_emitter *e)
{
    static const char *const cols[] = {"claim", "input", "now", "flips_at", "low", "high",
                                       "stated_range", "change", "same_source"};
    pl_emit_table_begin(e, "breakeven", "Break-even (flips_at: the nearest value of the input "
                        "alone at which the verdict flips; change: |flips_at - now| / (high - "
                        "low); stated_range false: the input's natural domain)", cols, 9);
    for (size_t i = 0; i < c->n; i++)
        for (size_t j = 0; j < pl_claims_n_flips(x, i) && (full || j < 1); j++) {
            const pl_claim_flip *f = pl_claims_flip(x, i, j);
            pl_emit_row_begin(e);
            pl_emit_string(e, NULL, c->c[i].id);
            pl_emit_string(e, NULL, f->input);
            pl_emit_number(e, NULL, f->now);
            pl_emit_number(e, NULL, f->at);
            pl_emit_number(e, NULL, f->low);
            pl_emit_number(e, NULL, f->high);
            pl_emit_bool(e, NULL, f->stated);
            /* on a 1e-9 grid: flips_at is on a 1e-6 one, so more digits are only the
               subtraction's noise (4.999999987e-08 for 1e-6 in a range of 20) */
            pl_emit_number(e, NULL, f->high > f->low ? round(fabs(f->at - f->now) /
                                                             (f->high - f->low) * 1e9) / 1e9
                                                      : 0);
            pl_emit_bool(e, NULL, f->same_source);
            pl_emit_row_end(e);
        }
    pl_emit_table_end(e);
}

int pl_claims_emit_explained(const pl_claims *c, const pl_claim_result *res,
                             const uint64_t *holds, const uint64_t *defined, uint64_t draws,
                             const pl_claims_explained *x, int full, pl_emitter *e)
{
    char buf[4000];
    if (!c || !res || !e || (draws && (!holds || !defined)))
        return PL_EMISUSE;
    pl_emit_object_begin(e, "claims", "The claims, checked"); /* a brief's as well as an article's */
    pl_emit_object_begin(e, "findings", NULL);
    for (size_t i = 0; i < c->n; i++) {
        finding(c, i, &res[i], holds, defined, draws, x, buf, sizeof buf);
        pl_emit_string(e, c->c[i].id, buf);
    }
    pl_emit_object_end(e);
    checks_table(c, res, holds, defined, draws, x, e);
    if (x)
        breakeven_table(c, x, full, e);
    pl_emit_object_end(e);
    return PL_OK;
}

int pl_claims_emit(const pl_claims *c, const pl_claim_result *res, const uint64_t *holds,
                   const uint64_t *defined, uint64_t draws, pl_emitter *e)
{
    return pl_claims_emit_explained(c, res, holds, defined, draws, NULL, 0, e);
}

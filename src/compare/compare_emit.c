/* SPDX-License-Identifier: MIT */
/*
** compare_emit.c: the comparison described: what was compared and a finding,
** the inputs that differ, the results that changed (largest first).
*/
#include "compare_impl.h"
#include "../core/fmt.h"

#include <stdlib.h>
#include <string.h>

/* "forecast, settle" for the analyses in mask. buf: 64 bytes. */
static const char *analyses_text(char *buf, size_t size, unsigned mask)
{
    size_t used = 0;
    buf[0] = '\0';
    for (int an = 0; an < PL_COMPARE_COUNT && used < size; an++)
        if (mask & (1u << an))
            used += (size_t)pl__snprintf(buf + used, size - used, "%s%s", used ? ", " : "",
                                         pl_compare_analysis_name((pl_compare_analysis)an));
    return used ? buf : "none";
}

/*
** A result's value as a sentence shows it: a number to 4 significant digits
** (the tables keep every digit, so that a value can be found again), other text
** as it is, "(absent)" for none. buf: 32 bytes.
*/
static const char *in_words(const char *v, char *buf, size_t size)
{
    char *end;
    if (!v)
        return "(absent)";
    double x = strtod(v, &end);
    if (end == v || *end)
        return v;
    pl__snprintf(buf, size, "%.4g", x);
    return buf;
}

static void finding(const pl_compare *c, char *buf, size_t size)
{
    char a[32], b[32];
    size_t ni = pl_compare_n_inputs(c), nr = pl_compare_n_results(c);
    const pl_compare_diff *top = pl_compare_result(c, 0);
    if (!ni && !nr) {
        pl__snprintf(buf, size, "No differences: the inputs and every result compared are "
                     "the same.");
        return;
    }
    int n = pl__snprintf(buf, size, "%zu input%s differ%s; %zu result%s changed", ni,
                         ni == 1 ? "" : "s", ni == 1 ? "s" : "", nr, nr == 1 ? "" : "s");
    if (top && n > 0 && (size_t)n < size)
        pl__snprintf(buf + n, size - (size_t)n, "; the largest: %s %s, from %s to %s",
                     top->analysis, top->what, in_words(top->a, a, sizeof a),
                     in_words(top->b, b, sizeof b));
    else if (n > 0 && (size_t)n < size)
        pl__snprintf(buf + n, size - (size_t)n, ".");
}

static void emit_head(const pl_compare *c, const char *const label[2], pl_emitter *e)
{
    char an[96], text[1400];
    finding(c, text, sizeof text);
    pl_emit_object_begin(e, "compared", "What was compared");
    pl_emit_string(e, "a", label[0]);
    pl_emit_string(e, "b", label[1]);
    pl_emit_string(e, "analyses", analyses_text(an, sizeof an, pl_compare_analyses(c)));
    pl_emit_int(e, "inputs_differ", (long long)pl_compare_n_inputs(c));
    pl_emit_int(e, "results_changed", (long long)pl_compare_n_results(c));
    pl_emit_string(e, "finding", text);
    pl_emit_object_end(e);
}

static void emit_inputs(const pl_compare *c, pl_emitter *e)
{
    static const char *const cols[] = {"what", "a", "b"};
    pl_emit_table_begin(e, "inputs", "Inputs that differ (null: not there)", cols, 3);
    for (size_t i = 0; i < pl_compare_n_inputs(c); i++) {
        const pl_compare_diff *d = pl_compare_input(c, i);
        pl_emit_row_begin(e);
        pl_emit_string(e, NULL, d->what);
        pl_emit_string(e, NULL, d->a);
        pl_emit_string(e, NULL, d->b);
        pl_emit_row_end(e);
    }
    pl_emit_table_end(e);
}

static int emit_results(const pl_compare *c, pl_emitter *e)
{
    static const char *const cols[] = {"analysis", "what", "a", "b", "change", "size"};
    pl_emit_table_begin(e, "results", "Results that changed, largest first (change: b - a; "
                        "size: |b - a| / max(1, |a|, |b|), 1 for a text or a presence that "
                        "changed)", cols, 6);
    for (size_t i = 0; i < pl_compare_n_results(c); i++) {
        const pl_compare_diff *d = pl_compare_result(c, i);
        pl_emit_row_begin(e);
        pl_emit_string(e, NULL, d->analysis);
        pl_emit_string(e, NULL, d->what);
        pl_emit_string(e, NULL, d->a);
        pl_emit_string(e, NULL, d->b);
        pl_emit_number_or_null(e, NULL, d->change);
        pl_emit_number(e, NULL, d->size);
        pl_emit_row_end(e);
    }
    return pl_emit_table_end(e);
}

int pl_compare_emit(const pl_compare *c, pl_emitter *e)
{
    if (!c || !e)
        return PL_EMISUSE;
    emit_head(c, c->label, e);
    emit_inputs(c, e);
    return emit_results(c, e);
}

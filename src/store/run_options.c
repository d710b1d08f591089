/* SPDX-License-Identifier: MIT */
/*
** run_options.c: the canonical options of a stress run (pl_run_options),
** written from the option values rather than from how they were typed, so
** that `--eum-q .5` and `--eum-q 0.5` name one run: a "name=value" line for
** every option that shapes the results and differs from its default, numbers
** in their shortest exact form, words from parley/options.h, lines sorted.
*/
#include "parley/store.h"
#include "parley/stress.h"
#include "parley/options.h"
#include "parley/scenario.h"
#include "parley/proposal.h"
#include "../core/buf.h"
#include "../core/error_int.h"
#include "../core/fmt.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

/* Enums are stored and read as int (the words' index). */
_Static_assert(sizeof(pl_loss) == sizeof(int) && sizeof(pl_smp_vote) == sizeof(int),
               "enumerated options are read as int");

/* WORD: an enum written as its word; BITS: a bit mask written as its words, "a,b";
   MODELS: the same with pl_model_name; SWITCH: on (an empty value) or off. */
typedef enum kind { WORD, BITS, MODELS, SWITCH, INT, UINT, U64, REAL, TEXT } kind;

typedef struct field {
    const char *name;     /* the CLI's option, or a name of its own */
    kind kind;
    size_t at;            /* offset in pl_stress_opts */
    const char *words;    /* WORD, BITS: the option whose words it takes (NULL: name) */
} field;

#define F(name, kind, member) {name, kind, offsetof(pl_stress_opts, member), NULL}

/* What shapes a stress run's results: not the draws and the seed (fields of the id of their
   own), the thread counts (results never depend on them), the callbacks, nor settle.logrolls
   (stress reports no logrolls). */
static const field fields[] = {
    F("analyses", BITS, analyses),
    F("weights", WORD, forecast.weights),
    F("median-tie", WORD, forecast.tie),
    F("loss", WORD, forecast.loss),
    F("no-status-quo", SWITCH, forecast.ignore_status_quo),
    F("disagreement", REAL, forecast.disagreement),
    F("model", MODELS, forecast.models),
    F("eum-prob", WORD, forecast.eum.prob),
    F("eum-select", WORD, forecast.eum.select),
    F("eum-compromise", WORD, forecast.eum.compromise),
    F("eum-perspective", WORD, forecast.eum.perspective),
    F("eum-salience-25b", WORD, forecast.eum.sal25b_printed),
    F("eum-no-capitulation", SWITCH, forecast.eum.no_capitulation),
    F("eum-q", REAL, forecast.eum.q),
    F("eum-cycle", WORD, forecast.eum.cycle),
    F("rounds", INT, forecast.eum.rounds),
    F("eum-tol", REAL, forecast.eum.tol),
    F("eum-naive", SWITCH, forecast.eum.naive),
    F("exchange-rule", WORD, forecast.exchange.rule),
    F("exchange-rounds", INT, forecast.exchange.rounds),
    F("exchange-seed", U64, forecast.exchange.seed),
    F("smp-vote", WORD, forecast.smp.vote),
    F("smp-victory", WORD, forecast.smp.vpm),
    F("smp-election", WORD, forecast.smp.pce),
    F("smp-risk", WORD, forecast.smp.risk),
    F("smp-perspective", WORD, forecast.smp.persp),
    F("smp-bargain", WORD, forecast.smp.interp),
    F("smp-commit", WORD, forecast.smp.commit),
    F("smp-bargains", WORD, forecast.smp.bargains),
    F("smp-turns", UINT, forecast.smp.max_turns),
    F("smp-min-turns", UINT, forecast.smp.min_turns),
    F("smp-stop-ratio", REAL, forecast.smp.stop_ratio),
    F("smp-accommodate", REAL, forecast.smp.accommodate),
    F("smp-stochastic", SWITCH, forecast.smp.stochastic),
    F("smp-seed", U64, forecast.smp.seed),
    {"settle-loss", WORD, offsetof(pl_stress_opts, settle.loss), "loss"},
    F("normalise", SWITCH, settle.normalise),
    F("step", REAL, settle.step),
    F("time", REAL, settle.time),
    F("parties", TEXT, settle.parties),
    F("equal-power", SWITCH, settle.equal_power),
    F("tau", REAL, settle.tau),
    F("indifferent-yes", SWITCH, settle.indifferent_yes),
    F("max-enumerate", REAL, settle.max_enumerate),
};
#define N_FIELDS (sizeof fields / sizeof *fields)

/* Bytes of a field's value (TEXT: the pointer). */
static size_t size_of(kind k)
{
    switch (k) {
    case UINT: case BITS: case MODELS: return sizeof(unsigned);
    case U64: return sizeof(uint64_t);
    case REAL: return sizeof(double);
    case TEXT: return sizeof(const char *);
    default: return sizeof(int);
    }
}

static int differs(const field *f, const pl_stress_opts *o, const pl_stress_opts *d)
{
    const char *a = (const char *)o + f->at, *b = (const char *)d + f->at;
    if (f->kind == REAL) {  /* by value: -0 is 0 */
        double x, y;
        memcpy(&x, a, sizeof x), memcpy(&y, b, sizeof y);
        return !(x == y);
    }
    if (f->kind == TEXT) {
        const char *x, *y;
        memcpy(&x, a, sizeof x), memcpy(&y, b, sizeof y);
        return x != y && (!x || !y || strcmp(x, y) != 0);
    }
    return memcmp(a, b, size_of(f->kind)) != 0;
}

static const char *words_of(const field *f)
{
    return f->words ? f->words : f->name;
}

/* "a,b" for the set bits of m (a bit without a word as its number). */
static void put_bits(pl__buf *b, const field *f, unsigned m)
{
    for (int bit = 0, first = 1; bit < 32; bit++) {
        if (!(m & (1u << bit)))
            continue;
        const char *w = f->kind == MODELS ? (bit < PL_MODEL_COUNT ? pl_model_name((pl_model)bit)
                                                                  : NULL)
                                          : pl_option_choice(words_of(f), bit);
        pl__buf_printf(b, first ? "" : ",");
        if (w)
            pl__buf_printf(b, "%s", w);
        else
            pl__buf_printf(b, "%d", bit);
        first = 0;
    }
}

/* "name=value" of field f of o. */
static void put_line(pl__buf *b, const field *f, const pl_stress_opts *o)
{
    const char *p = (const char *)o + f->at;
    int i;
    unsigned u;
    uint64_t x;
    double r;
    const char *t;
    char num[32];
    pl__buf_printf(b, "%s=", f->name);
    switch (f->kind) {
    case WORD:
        memcpy(&i, p, sizeof i);
        if ((t = pl_option_choice(words_of(f), i)))
            pl__buf_printf(b, "%s", t);
        else
            pl__buf_printf(b, "%d", i);
        break;
    case BITS: case MODELS: memcpy(&u, p, sizeof u); put_bits(b, f, u); break;
    case SWITCH: memcpy(&i, p, sizeof i); pl__buf_printf(b, "%s", i ? "" : "off"); break;
    case INT: memcpy(&i, p, sizeof i); pl__buf_printf(b, "%d", i); break;
    case UINT: memcpy(&u, p, sizeof u); pl__buf_printf(b, "%u", u); break;
    case U64: memcpy(&x, p, sizeof x); pl__buf_printf(b, "%" PRIu64, x); break;
    case REAL: memcpy(&r, p, sizeof r); pl__buf_printf(b, "%s", pl__fmt_exact(num, r)); break;
    case TEXT: memcpy(&t, p, sizeof t); pl__buf_printf(b, "%s", t ? t : ""); break;
    }
}

/* "proposal=100,100,50,...": a stress --proposal run's package, one point per issue. */
static void put_proposal(pl__buf *b, const pl_proposal *p)
{
    char num[32];
    pl__buf_printf(b, "proposal=");
    for (size_t k = 0; k < pl_proposal_n_issues(p); k++)
        pl__buf_printf(b, "%s%s", k ? "," : "", pl__fmt_exact(num, pl_proposal_points(p)[k]));
}

static int by_text(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The lines sorted, each ended by a newline, into buf[size] (truncated, NUL-terminated when
   size > 0); the full length into *len. */
static void join(char **line, size_t n, char *buf, size_t size, size_t *len)
{
    size_t u = 0;
    qsort(line, n, sizeof *line, by_text);
    for (size_t i = 0; i < n; i++)
        for (const char *c = line[i];; c++) {
            if (u + 1 < size)
                buf[u] = *c ? *c : '\n';
            u++;
            if (!*c)
                break;
        }
    if (size)
        buf[u < size ? u : size - 1] = '\0';
    *len = u;
}

int pl_run_options(const pl_stress_opts *o, char *buf, size_t size, size_t *len, pl_error *err)
{
    if (!o || !len || (!buf && size))
        return pl__fail(err, PL_EMISUSE, "pl_run_options: NULL argument");
    if (o->forecast.smp.accommodation)
        return pl__fail(err, PL_EINPUT, "the SMP's accommodation matrix has no canonical text; "
                        "expected a run without one (accommodate instead) to store");
    const pl_stress_opts d = PL_STRESS_OPTS_INIT;
    pl__buf line[N_FIELDS + 1];
    char *sorted[N_FIELDS + 1];
    size_t n = 0;
    int failed = 0;
    for (size_t i = 0; i < N_FIELDS; i++) {
        if (!differs(&fields[i], o, &d))
            continue;
        line[n] = (pl__buf){0};
        put_line(&line[n], &fields[i], o);
        failed |= line[n].failed;
        sorted[n] = line[n].buf;
        n++;
    }
    if (o->proposal) {  /* the package judged: its scale points, issue by issue */
        line[n] = (pl__buf){0};
        put_proposal(&line[n], o->proposal);
        failed |= line[n].failed;
        sorted[n] = line[n].buf;
        n++;
    }
    if (!failed)
        join(sorted, n, buf, size, len);
    for (size_t i = 0; i < n; i++)
        pl__buf_free(&line[i]);
    return failed ? pl__error_nomem(err) : PL_OK;
}

int pl_run_changes(const pl_scenario *s, char *buf, size_t size, size_t *len, pl_error *err)
{
    if (!s || !len || (!buf && size))
        return pl__fail(err, PL_EMISUSE, "pl_run_changes: NULL argument");
    pl__buf b = {0};
    if (pl_scenario_applied_variant(s))
        pl__buf_printf(&b, "variant=%s\n", pl_scenario_applied_variant(s));
    for (size_t i = 0; i < pl_scenario_n_changes(s); i++)
        pl__buf_printf(&b, "set.%s\n", pl_scenario_change(s, i));
    if (b.failed) {
        pl__buf_free(&b);
        return pl__error_nomem(err);
    }
    *len = b.len;
    if (size) {
        size_t n = b.len < size ? b.len : size - 1;
        if (n)
            memcpy(buf, b.buf, n);
        buf[n] = '\0';
    }
    pl__buf_free(&b);
    return PL_OK;
}

/* The run's options text: pl_run_options' lines, then pl_run_changes' (NULL: see err). */
static char *options_text(const pl_stress_opts *o, const pl_scenario *s, pl_error *err)
{
    size_t len = 0, more = 0;
    if (pl_run_options(o, NULL, 0, &len, err) || pl_run_changes(s, NULL, 0, &more, err))
        return NULL;
    char *t = malloc(len + more + 1);
    if (!t) {
        pl__error_nomem(err);
        return NULL;
    }
    pl_run_options(o, t, len + 1, &len, NULL); /* as sized: neither can fail now */
    pl_run_changes(s, t + len, more + 1, &more, NULL);
    return t;
}

int pl_store_begin_stress(pl_store *db, const pl_scenario *s, const pl_stress_opts *o,
                          const char *file, const char *label, char id[33], int *replaced,
                          pl_error *err)
{
    if (!db || !s || !o || !id)
        return pl__fail(err, PL_EMISUSE, "pl_store_begin_stress: NULL argument");
    char *opts = options_text(o, s, err);
    if (!opts)
        return err && err->code ? err->code : PL_ENOMEM;
    size_t len = 0;
    const char *text = pl_scenario_text(s, &len);
    pl_run_info r = {"stress", pl_scenario_name(s), text, len, opts, o->seed, o->draws,
                     file, label};
    int rc = pl_store_begin(db, &r, id, replaced, err);
    free(opts);
    return rc;
}

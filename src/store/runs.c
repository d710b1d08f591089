/* SPDX-License-Identifier: MIT */
/*
** runs.c: the run store (parley/store.h), reading half: listing, showing,
** comparing and exporting stored runs through an emitter. Each table is one
** SQL query whose columns map onto the emitted cells; docs/run-store.md
** describes the schema and the output.
*/
#include "store_impl.h"
#include "parley/emit.h"
#include "../core/error_int.h"
#include "../core/buf.h"
#include "../scenario/doc_diff.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

/* A table read by one query: ?1 is a run id, ?2 the second run's (diff). */
typedef struct query {
    const char *key, *title;
    const char *const *cols;
    const char *kinds;  /* one letter per column: s string, i integer, n number, b yes/no */
    const char *sql;
} query;

static void emit_cell(pl_emitter *e, const char *key, sqlite3_stmt *st, int c, char kind)
{
    if (sqlite3_column_type(st, c) == SQLITE_NULL)
        pl_emit_null(e, key);
    else if (kind == 'i')
        pl_emit_int(e, key, (long long)sqlite3_column_int64(st, c));
    else if (kind == 'n')
        pl_emit_number_or_null(e, key, sqlite3_column_double(st, c));
    else if (kind == 'b')
        pl_emit_bool(e, key, sqlite3_column_int(st, c) != 0);
    else
        pl_emit_string(e, key, (const char *)sqlite3_column_text(st, c));
}

static int prepare_ids(pl_store *db, sqlite3_stmt **st, const char *sql, const char *a,
                       const char *b, pl_error *err)
{
    int rc = pl__store_prepare(db, st, sql, err);
    if (rc)
        return rc;
    if (a)
        sqlite3_bind_text(*st, 1, a, -1, SQLITE_STATIC);
    if (b)
        sqlite3_bind_text(*st, 2, b, -1, SQLITE_STATIC);
    return PL_OK;
}

/* Every row of q as a table; a failing step stops it (the emitter's own errors are
   sticky and reported by pl_emitter_finish). */
static int emit_query(pl_store *db, const query *q, const char *a, const char *b,
                      pl_emitter *e, pl_error *err)
{
    sqlite3_stmt *st;
    int rc = prepare_ids(db, &st, q->sql, a, b, err), s;
    if (rc)
        return rc;
    int n = (int)strlen(q->kinds);
    pl_emit_table_begin(e, q->key, q->title, q->cols, (size_t)n);
    while ((s = sqlite3_step(st)) == SQLITE_ROW) {
        pl_emit_row_begin(e);
        for (int c = 0; c < n; c++)
            emit_cell(e, NULL, st, c, q->kinds[c]);
        pl_emit_row_end(e);
    }
    pl_emit_table_end(e);
    if (s != SQLITE_DONE)
        rc = pl__store_fail(db, err, "cannot read the run store");
    sqlite3_finalize(st);
    return rc;
}

/* ---- finding a run by id or prefix ---------------------------------------------- */

static int bad_id(const pl_store *db, const char *given, pl_error *err)
{
    return pl__error_set(err, PL_EINPUT, db->path, 0, 0, "'%s' is not a run id; expected its "
                         "32 hex digits, or at least the first 4 of them", given);
}

/* The full id of the one run whose id starts with `given` (4 to 32 hex digits). */
static int resolve(pl_store *db, const char *given, char id[33], pl_error *err)
{
    char pre[33];
    size_t n = given ? strlen(given) : 0;
    if (!given)
        return pl__fail(err, PL_EMISUSE, "run store: NULL run id");
    if (n < 4 || n > 32)
        return bad_id(db, given, err);
    for (size_t i = 0; i < n; i++) {
        if (!isxdigit((unsigned char)given[i]))
            return bad_id(db, given, err);
        pre[i] = (char)tolower((unsigned char)given[i]);
    }
    pre[n] = '\0';
    sqlite3_stmt *st;
    /* every id with that prefix sorts in [pre, pre + "g"): the primary key's index serves */
    int rc = prepare_ids(db, &st, "SELECT count(*), min(id) FROM run WHERE id >= ?1 AND "
                         "id < ?1 || 'g'", pre, NULL, err);
    if (rc)
        return rc;
    int count = 0;
    if (sqlite3_step(st) != SQLITE_ROW)
        rc = pl__store_fail(db, err, "cannot read the run store");
    else if ((count = sqlite3_column_int(st, 0)) == 1)
        snprintf(id, 33, "%s", (const char *)sqlite3_column_text(st, 1));
    sqlite3_finalize(st);
    if (rc || count == 1)
        return rc;
    if (count == 0)
        return pl__error_set(err, PL_ENOTFOUND, db->path, 0, 0, "no run matches '%s'; the "
                             "run list shows the stored ids", given);
    return pl__error_set(err, PL_ENOTFOUND, db->path, 0, 0, "'%s' matches %d runs; give more "
                         "digits", given, count);
}

/* ---- one run's metadata ------------------------------------------------------------ */

/* "key=value" lines as an array of strings. */
static void emit_lines(pl_emitter *e, const char *key, const char *text)
{
    char line[512];
    pl_emit_array_begin(e, key, NULL);
    for (const char *p = text; p && *p;) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        snprintf(line, sizeof line, "%.*s", (int)n, p);
        pl_emit_string(e, NULL, line);
        p += n + (nl != NULL);
    }
    pl_emit_array_end(e);
}

/* Object "run": id, command, scenario, version, seed, draws, times, options; with
   `scenario`, the scenario text after it. */
static int emit_meta(pl_store *db, const char *id, int scenario, pl_emitter *e, pl_error *err)
{
    char sql[300];
    snprintf(sql, sizeof sql, "SELECT id, command, scenario_name AS scenario, %s, version, "
             "seed, draws, started, finished, round((julianday(finished) - julianday(started)) "
             "* 86400, 3) AS seconds, options, scenario FROM run WHERE id = ?1",
             PL__STORE_FILE_LABEL(db));
    static const char kinds[] = "sssssssissn";
    sqlite3_stmt *st;
    int rc = prepare_ids(db, &st, sql, id, NULL, err);
    if (rc)
        return rc;
    if (sqlite3_step(st) != SQLITE_ROW) {
        rc = pl__store_fail(db, err, "cannot read the run store");
    } else {
        char title[48];
        snprintf(title, sizeof title, "Run %s", id);
        pl_emit_object_begin(e, "run", title);
        for (int c = 0; kinds[c]; c++)
            emit_cell(e, sqlite3_column_name(st, c), st, c, kinds[c]);
        emit_lines(e, "options", (const char *)sqlite3_column_text(st, 11));
        pl_emit_object_end(e);
        if (scenario)
            pl_emit_string(e, "scenario_text", (const char *)sqlite3_column_text(st, 12));
    }
    sqlite3_finalize(st);
    return rc;
}

/* ---- list, show, export ------------------------------------------------------------- */

static size_t line_at(const char *p, size_t *klen);

/* The what-if lines of a run's options ("variant=...", "set.PATH=VALUE") as one cell,
   "; " between them; NULL when there are none. */
static void emit_what_if(pl_emitter *e, const char *opts)
{
    pl__buf b = {0};
    for (const char *p = opts ? opts : ""; *p;) {
        size_t k, n = line_at(p, &k);
        if ((k > 4 && memcmp(p, "set.", 4) == 0) || (k == 7 && memcmp(p, "variant", 7) == 0))
            pl__buf_printf(&b, "%s%.*s", b.len ? "; " : "", (int)n, p);
        p += n + (p[n] == '\n');
    }
    if (b.len && !b.failed)
        pl_emit_string(e, NULL, b.buf);
    else
        pl_emit_null(e, NULL);  /* none, or no memory for them (the emitter goes on) */
    pl__buf_free(&b);
}

int pl_store_list(pl_store *db, pl_emitter *e, pl_error *err)
{
    static const char *const cols[] = {"id",      "command", "scenario", "file",
                                       "label",   "what_if", "draws",    "seed",
                                       "started", "seconds"};
    static const char kinds[] = "sssss-issn";
    if (!db || !e)
        return pl__fail(err, PL_EMISUSE, "pl_store_list: NULL argument");
    char sql[300];
    snprintf(sql, sizeof sql, "SELECT id, command, scenario_name, %s, options, draws, seed, "
             "started, round((julianday(finished) - julianday(started)) * 86400, 3) FROM run "
             "ORDER BY started DESC, id", PL__STORE_FILE_LABEL(db));
    sqlite3_stmt *st;
    int rc = prepare_ids(db, &st, sql, NULL, NULL, err), step;
    if (rc)
        return rc;
    pl_emit_table_begin(e, "runs", "Stored runs, newest first (started: UTC; what_if: the "
                        "variant and changes the scenario was loaded with)", cols, 10);
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        pl_emit_row_begin(e);
        for (int c = 0; kinds[c]; c++)
            if (kinds[c] == '-')
                emit_what_if(e, (const char *)sqlite3_column_text(st, c));
            else
                emit_cell(e, NULL, st, c, kinds[c]);
        pl_emit_row_end(e);
    }
    pl_emit_table_end(e);
    if (step != SQLITE_DONE)
        rc = pl__store_fail(db, err, "cannot read the run store");
    sqlite3_finalize(st);
    return rc;
}

static const char *const input_cols[] = {"input", "dist", "low", "value", "high", "sd"};
static const char *const package_cols[] = {"solution", "rank",  "package",
                                           "draws",    "share", "baseline"};
static const char *const failure_cols[] = {"analysis", "failed_draws"};
#define INPUTS_SQL "SELECT label, dist, low, value, high, sd FROM input WHERE run = ?1 ORDER BY idx"
#define PACKAGES_SQL                                                                         \
    "SELECT m.key, p.rank, p.package, p.draws, p.share, p.baseline FROM package p JOIN "    \
    "metric m ON m.run = p.run AND m.idx = p.metric WHERE p.run = ?1"
#define FAILURES_SQL "SELECT analysis, draws FROM failure WHERE run = ?1 ORDER BY rowid"

static int emit_queries(pl_store *db, const query *q, size_t n, const char *id, pl_emitter *e,
                        pl_error *err)
{
    int rc = PL_OK;
    for (size_t i = 0; !rc && i < n; i++)
        rc = emit_query(db, &q[i], id, NULL, e, err);
    return rc;
}

int pl_store_show(pl_store *db, const char *id, pl_emitter *e, pl_error *err)
{
    static const char *const num_cols[] = {"metric", "baseline", "mean", "se",  "p5",
                                           "p50",    "p95",      "min",  "max", "draws"};
    static const char *const flag_cols[] = {"finding", "baseline", "share_yes", "se",
                                            "agreement", "draws"};
    static const query q[] = {
        {"inputs", "Uncertain inputs", input_cols, "ssnnnn", INPUTS_SQL},
        {"numbers", "Numbers: baseline (as written) and their distribution over the draws",
         num_cols, "snnnnnnnni",
         "SELECT key, baseline, mean, se, p5, p50, p95, min, max, defined FROM metric "
         "WHERE run = ?1 AND kind = 'number' ORDER BY idx"},
        {"flags", "Findings: yes/no as written, the share of draws where it is yes",
         flag_cols, "sbnnni",
         "SELECT key, baseline, mean, se, agreement, defined FROM metric "
         "WHERE run = ?1 AND kind = 'flag' ORDER BY idx"},
        {"packages", "Packages: the 5 each solution picks most often (export: all)",
         package_cols, "sisinb", PACKAGES_SQL " AND p.rank <= 5 ORDER BY p.metric, p.rank"},
        {"failures", "Analyses run, and the draws in which each failed", failure_cols, "si",
         FAILURES_SQL},
    };
    char full[33];
    if (!db || !e)
        return pl__fail(err, PL_EMISUSE, "pl_store_show: NULL argument");
    int rc = resolve(db, id, full, err);
    if (!rc)
        rc = emit_meta(db, full, 0, e, err);
    return rc ? rc : emit_queries(db, q, sizeof q / sizeof *q, full, e, err);
}

/* The per-draw values, with what each column is, when the run kept them. */
static int emit_draws(pl_store *db, const char *id, pl_emitter *e, pl_error *err)
{
    static const char *const col_cols[] = {"col", "kind", "name"};
    static const char *const draw_cols[] = {"draw", "col", "value"};
    static const query q[] = {
        {"columns", "The columns of the per-draw values", col_cols, "iss",
         "SELECT idx, 'input', label FROM input WHERE run = ?1 UNION ALL "
         "SELECT (SELECT count(*) FROM input WHERE run = ?1) + idx, 'metric', key FROM metric "
         "WHERE run = ?1 ORDER BY 1"},
        {"draws", "Per-draw values", draw_cols, "iin",
         "SELECT draw, col, value FROM draw_value WHERE run = ?1 ORDER BY draw, col"},
    };
    sqlite3_stmt *st;
    int rc = prepare_ids(db, &st, "SELECT 1 FROM draw_value WHERE run = ?1 LIMIT 1", id, NULL,
                         err);
    if (rc)
        return rc;
    int s = sqlite3_step(st);
    sqlite3_finalize(st);
    if (s == SQLITE_DONE)
        return PL_OK;
    if (s != SQLITE_ROW)
        return pl__store_fail(db, err, "cannot read the run store");
    return emit_queries(db, q, 2, id, e, err);
}

int pl_store_export(pl_store *db, const char *id, pl_emitter *e, pl_error *err)
{
    static const char *const metric_cols[] = {
        "index", "metric", "kind", "baseline", "mean", "se", "p5",
        "p50",   "p95",    "min",  "max",      "draws", "agreement"};
    static const char *const sens_cols[] = {"metric", "input", "r"};
    static const query q[] = {
        {"inputs", "Uncertain inputs", input_cols, "ssnnnn", INPUTS_SQL},
        {"metrics", "Every result of the run", metric_cols, "issnnnnnnnnin",
         "SELECT idx, key, kind, baseline, mean, se, p5, p50, p95, min, max, defined, "
         "agreement FROM metric WHERE run = ?1 ORDER BY idx"},
        {"packages", "Packages: how often each solution picks each one", package_cols, "sisinb",
         PACKAGES_SQL " ORDER BY p.metric, p.rank"},
        {"sensitivity", "Pearson correlation of each result with each input", sens_cols, "ssn",
         "SELECT m.key, i.label, s.r FROM sensitivity s "
         "JOIN metric m ON m.run = s.run AND m.idx = s.metric "
         "JOIN input i ON i.run = s.run AND i.idx = s.input WHERE s.run = ?1 "
         "ORDER BY s.metric, s.input"},
        {"failures", "Analyses run, and the draws in which each failed", failure_cols, "si",
         FAILURES_SQL},
    };
    char full[33];
    if (!db || !e)
        return pl__fail(err, PL_EMISUSE, "pl_store_export: NULL argument");
    int rc = resolve(db, id, full, err);
    if (!rc)
        rc = emit_meta(db, full, 1, e, err);
    if (!rc)
        rc = emit_queries(db, q, sizeof q / sizeof *q, full, e, err);
    return rc ? rc : emit_draws(db, full, e, err);
}

/* ---- diff ---------------------------------------------------------------------------- */

/* One "key=value" line of text at p: its length and its key's. */
static size_t line_at(const char *p, size_t *klen)
{
    const char *nl = strchr(p, '\n');
    size_t n = nl ? (size_t)(nl - p) : strlen(p);
    const char *eq = memchr(p, '=', n);
    *klen = eq ? (size_t)(eq - p) : n;
    return n;
}

/* The value of option `key` (klen bytes) in opts into buf; 0 when opts has no such option. */
static int option_value(const char *opts, const char *key, size_t klen, char *buf, size_t size)
{
    for (const char *p = opts; *p;) {
        size_t k, n = line_at(p, &k);
        if (k == klen && memcmp(p, key, k) == 0) {
            int v = k < n ? (int)(n - k - 1) : 0;
            snprintf(buf, size, "%.*s", v, p + k + (k < n));
            return 1;
        }
        p += n + (p[n] == '\n');
    }
    return 0;
}

/* A row of the changes table, when a and b (NULL: absent) differ. */
static void change(pl_emitter *e, const char *what, const char *a, const char *b)
{
    if (a && b ? strcmp(a, b) == 0 : a == b)
        return;
    pl_emit_row_begin(e);
    pl_emit_string(e, NULL, what);
    pl_emit_string(e, NULL, a);
    pl_emit_string(e, NULL, b);
    pl_emit_row_end(e);
}

/* Every option of a, then those only b has. */
static void option_changes(pl_emitter *e, const char *a, const char *b)
{
    const char *side[2] = {a, b};
    char what[300], va[512], vb[512];
    for (int s = 0; s < 2; s++)
        for (const char *p = side[s]; *p;) {
            size_t k, n = line_at(p, &k);
            int ha = option_value(a, p, k, va, sizeof va);
            int hb = option_value(b, p, k, vb, sizeof vb);
            if (k > 4 && memcmp(p, "set.", 4) == 0)  /* a what-if change: named by its path */
                snprintf(what, sizeof what, "--set %.*s", (int)k - 4, p + 4);
            else if (k == 7 && memcmp(p, "variant", 7) == 0)
                snprintf(what, sizeof what, "--variant");
            else
                snprintf(what, sizeof what, "option %.*s", (int)k, p);
            if (s == 0 || !ha)
                change(e, what, ha ? va : NULL, hb ? vb : NULL);
            p += n + (p[n] == '\n');
        }
}

static const char *text(sqlite3_stmt *st, int c)
{
    const char *s = (const char *)sqlite3_column_text(st, c);
    return s ? s : "";
}

static int scenario_change(const char *path, const char *a, const char *b, void *payload)
{
    char what[PL_ERROR_MSG_MAX];
    snprintf(what, sizeof what, "scenario %s", path);
    change(payload, what, a, b);
    return 0;
}

/* Rows naming each place where the two scenario texts differ, by path (doc_diff.h); none
   when either text cannot be parsed (the table's scenario_text says they differ). */
static void scenario_changes(pl_emitter *e, sqlite3_stmt *const st[2])
{
    pl_doc d[2];
    int ok = 1;
    for (int i = 0; i < 2; i++)
        ok &= pl_doc_parse(&d[i], text(st[i], 8), (size_t)sqlite3_column_bytes(st[i], 8),
                           i ? "run b" : "run a", 0, NULL) == PL_OK;
    if (ok)
        pl__doc_diff(d[0].root, d[1].root, scenario_change, e);
    pl_doc_free(&d[0]);
    pl_doc_free(&d[1]);
}

/* What differs in the two runs' inputs (st[0], st[1]: their run rows). */
static void emit_changes(sqlite3_stmt *const st[2], const char *a, const char *b, pl_emitter *e)
{
    static const char *const cols[] = {"what", "a", "b"};
    static const char *const names[] = {"command", "scenario", "version", "seed", "draws",
                                        "file", "label"};
    int same = sqlite3_column_bytes(st[0], 8) == sqlite3_column_bytes(st[1], 8) &&
               memcmp(text(st[0], 8), text(st[1], 8), (size_t)sqlite3_column_bytes(st[0], 8)) == 0;
    pl_emit_object_begin(e, "compared", "Run a against run b");
    pl_emit_string(e, "a", a);
    pl_emit_string(e, "b", b);
    pl_emit_bool(e, "same_inputs", strcmp(a, b) == 0);
    pl_emit_string(e, "scenario_text", same ? "same" : "different");
    pl_emit_object_end(e);
    pl_emit_table_begin(e, "changes", "What differs in their inputs", cols, 3);
    for (int c = 0; c < 7; c++)  /* file and label may be NULL (the built-in; none) */
        change(e, names[c], c < 5 ? text(st[0], c) : (const char *)sqlite3_column_text(st[0], c),
               c < 5 ? text(st[1], c) : (const char *)sqlite3_column_text(st[1], c));
    if (!same)
        scenario_changes(e, st);
    option_changes(e, text(st[0], 7), text(st[1], 7));
    pl_emit_table_end(e);
}

int pl_store_diff(pl_store *db, const char *id_a, const char *id_b, pl_emitter *e,
                  pl_error *err)
{
    static const char *const cols[] = {"key",    "kind",   "a_baseline", "b_baseline",
                                       "a_mean", "b_mean", "change",     "a_p50",
                                       "b_p50",  "a_agreement", "b_agreement"};
    static const query q = {
        "metrics", "Each result in run a and run b (change: b_mean - a_mean)", cols,
        "ssnnnnnnnnn",
        "WITH k AS (SELECT key, kind, idx, 0 AS side FROM metric WHERE run = ?1 UNION ALL "
        "SELECT key, kind, idx, 1 FROM metric WHERE run = ?2 AND key NOT IN "
        "(SELECT key FROM metric WHERE run = ?1)) "
        "SELECT k.key, k.kind, a.baseline, b.baseline, a.mean, b.mean, b.mean - a.mean, "
        "a.p50, b.p50, a.agreement, b.agreement FROM k "
        "LEFT JOIN metric a ON a.run = ?1 AND a.key = k.key "
        "LEFT JOIN metric b ON b.run = ?2 AND b.key = k.key ORDER BY k.side, k.idx"};
    char sql[200];
    char a[33], b[33];
    sqlite3_stmt *st[2] = {NULL, NULL};
    if (!db || !e)
        return pl__fail(err, PL_EMISUSE, "pl_store_diff: NULL argument");
    snprintf(sql, sizeof sql, "SELECT command, scenario_name, version, seed, draws, %s, "
             "options, scenario FROM run WHERE id = ?1", PL__STORE_FILE_LABEL(db));
    int rc = resolve(db, id_a, a, err);
    if (!rc && !(rc = resolve(db, id_b, b, err)) &&
        !(rc = prepare_ids(db, &st[0], sql, a, NULL, err)) &&
        !(rc = prepare_ids(db, &st[1], sql, b, NULL, err))) {
        if (sqlite3_step(st[0]) == SQLITE_ROW && sqlite3_step(st[1]) == SQLITE_ROW)
            emit_changes(st, a, b, e);
        else
            rc = pl__store_fail(db, err, "cannot read the run store");
    }
    sqlite3_finalize(st[0]);
    sqlite3_finalize(st[1]);
    return rc ? rc : emit_query(db, &q, a, b, e, err);
}

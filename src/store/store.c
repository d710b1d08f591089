/* SPDX-License-Identifier: MIT */
/*
** store.c: the run store (parley/store.h), writing half: the run id, opening
** (and migrating) the SQLite file, and writing one run in one transaction.
** Reading is in runs.c; docs/run-store.md describes the schema.
*/
#include "store_impl.h"
#include "parley/stress.h"
#include "parley/version.h"
#include "../core/error_int.h"

#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
/* Inlined: a stack state needs no allocation (pl_run_id cannot fail), and its layout is
   the header's own, whatever libxxhash is installed. XXH3 output is stable since 0.8.0. */
#define XXH_INLINE_ALL
#include <xxhash.h>

/*
** migrations[k] brings a store from schema version k to k + 1 (version 0: an
** empty file). They run in one transaction with the new PRAGMA user_version,
** so a store is never left half migrated. Never edit a published migration:
** append one.
*/
static const char *const migrations[] = {
    /* 0 -> 1: the first schema */
    "CREATE TABLE run ("
    "  id TEXT PRIMARY KEY NOT NULL, command TEXT NOT NULL, scenario_name TEXT,"
    "  scenario TEXT NOT NULL, options TEXT NOT NULL, seed TEXT NOT NULL,"
    "  draws INTEGER NOT NULL, version TEXT NOT NULL, started TEXT NOT NULL, finished TEXT);"
    "CREATE INDEX run_started ON run(started);"
    "CREATE TABLE input ("
    "  run TEXT NOT NULL REFERENCES run(id) ON DELETE CASCADE, idx INTEGER NOT NULL,"
    "  label TEXT NOT NULL, dist TEXT NOT NULL, low REAL, value REAL, high REAL, sd REAL,"
    "  PRIMARY KEY (run, idx));"
    "CREATE TABLE metric ("
    "  run TEXT NOT NULL REFERENCES run(id) ON DELETE CASCADE, idx INTEGER NOT NULL,"
    "  key TEXT NOT NULL, kind TEXT NOT NULL CHECK (kind IN ('number', 'flag', 'package')),"
    "  baseline REAL, mean REAL, se REAL, p5 REAL, p50 REAL, p95 REAL, min REAL, max REAL,"
    "  defined INTEGER NOT NULL, agreement REAL, PRIMARY KEY (run, idx));"
    "CREATE INDEX metric_key ON metric(run, key);"
    "CREATE TABLE package ("
    "  run TEXT NOT NULL REFERENCES run(id) ON DELETE CASCADE, metric INTEGER NOT NULL,"
    "  rank INTEGER NOT NULL, package TEXT NOT NULL, draws INTEGER NOT NULL, share REAL,"
    "  baseline INTEGER NOT NULL, PRIMARY KEY (run, metric, rank),"
    "  FOREIGN KEY (run, metric) REFERENCES metric(run, idx) ON DELETE CASCADE);"
    "CREATE TABLE sensitivity ("
    "  run TEXT NOT NULL REFERENCES run(id) ON DELETE CASCADE, metric INTEGER NOT NULL,"
    "  input INTEGER NOT NULL, r REAL NOT NULL, PRIMARY KEY (run, metric, input),"
    "  FOREIGN KEY (run, metric) REFERENCES metric(run, idx) ON DELETE CASCADE,"
    "  FOREIGN KEY (run, input) REFERENCES input(run, idx) ON DELETE CASCADE);"
    "CREATE TABLE failure ("
    "  run TEXT NOT NULL REFERENCES run(id) ON DELETE CASCADE, analysis TEXT NOT NULL,"
    "  draws INTEGER NOT NULL, PRIMARY KEY (run, analysis));"
    "CREATE TABLE draw_value ("
    "  run TEXT NOT NULL REFERENCES run(id) ON DELETE CASCADE, draw INTEGER NOT NULL,"
    "  col INTEGER NOT NULL, value REAL, PRIMARY KEY (run, draw, col)) WITHOUT ROWID;",
    /* 1 -> 2: where the scenario came from and the user's label, for listings */
    "ALTER TABLE run ADD COLUMN file TEXT;"
    "ALTER TABLE run ADD COLUMN label TEXT;",
};
_Static_assert(sizeof migrations / sizeof *migrations == PL_STORE_SCHEMA,
               "one migration per schema version");

/* ---- the run id ------------------------------------------------------------------ */

static void hash_field(XXH3_state_t *h, const char *s, size_t len)
{
    static const char nul = '\0';
    XXH3_128bits_update(h, s ? s : "", s ? len : 0);
    XXH3_128bits_update(h, &nul, 1);
}

static size_t len_of(const char *s) { return s ? strlen(s) : 0; }

/* The fields in a fixed order, each but the last ended by a NUL: no two different runs
   hash the same bytes. docs/run-store.md spells it out to recompute by hand. */
void pl_run_id(const pl_run_info *r, char id[33])
{
    XXH3_state_t h;
    char seed[24], draws[24];
    snprintf(seed, sizeof seed, "%" PRIu64, r->seed);
    snprintf(draws, sizeof draws, "%" PRIu64, r->draws);
    XXH3_INITSTATE(&h);
    XXH3_128bits_reset(&h);
    hash_field(&h, "parley-run", 10);
    hash_field(&h, pl_version(), strlen(pl_version()));
    hash_field(&h, r->command, len_of(r->command));
    hash_field(&h, r->options, len_of(r->options));
    hash_field(&h, seed, strlen(seed));
    hash_field(&h, draws, strlen(draws));
    XXH3_128bits_update(&h, r->scenario ? r->scenario : "", r->scenario ? r->scenario_len : 0);
    XXH128_hash_t d = XXH3_128bits_digest(&h);
    snprintf(id, 33, "%016" PRIx64 "%016" PRIx64, (uint64_t)d.high64, (uint64_t)d.low64);
}

/* ---- SQLite helpers ----------------------------------------------------------------- */

int pl__store_fail(const pl_store *db, pl_error *err, const char *doing)
{
    int ext = db->db ? sqlite3_extended_errcode(db->db) : SQLITE_NOMEM, code = ext & 0xff;
    int sys = db->db ? sqlite3_system_errno(db->db) : 0;
    const char *msg = db->db ? sqlite3_errmsg(db->db) : "out of memory";
    if (ext == SQLITE_READONLY_DIRECTORY) /* the file is writable, its journal would not be */
        return pl__error_set(err, PL_EIO, db->path, 0, 0, "%s: its directory is not writable, "
                             "and SQLite keeps a journal beside the file", doing);
    if (code == SQLITE_IOERR && sys)
        return pl__error_set(err, PL_EIO, db->path, 0, 0, "%s: %s (%s)", doing, msg,
                             strerror(sys));
    switch (code) {
    case SQLITE_NOMEM:
        return pl__error_nomem(err);
    case SQLITE_NOTADB:
        return pl__error_set(err, PL_EINPUT, db->path, 0, 0, "not a SQLite run store (%s); "
                             "expected a file written by parley stress --store", msg);
    case SQLITE_CORRUPT:
        return pl__error_set(err, PL_EINPUT, db->path, 0, 0, "the run store is damaged (%s)",
                             msg);
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return pl__error_set(err, PL_EIO, db->path, 0, 0, "%s: another process has held it "
                             "for %d s (%s); try again when that one is done", doing,
                             PL__STORE_BUSY_MS / 1000, msg);
    case SQLITE_READONLY:
    case SQLITE_CANTOPEN:
    case SQLITE_IOERR:
    case SQLITE_FULL:
    case SQLITE_PERM:
    case SQLITE_AUTH:
        return pl__error_set(err, PL_EIO, db->path, 0, 0, "%s: %s", doing, msg);
    default:
        return pl__error_set(err, PL_ERROR, db->path, 0, 0, "%s: %s", doing, msg);
    }
}

int pl__store_prepare(pl_store *db, sqlite3_stmt **st, const char *sql, pl_error *err)
{
    if (sqlite3_prepare_v2(db->db, sql, -1, st, NULL) == SQLITE_OK)
        return PL_OK;
    *st = NULL;
    return pl__store_fail(db, err, "cannot read the run store");
}

int pl__store_bind_real(sqlite3_stmt *st, int i, double v)
{
    return isfinite(v) ? sqlite3_bind_double(st, i, v) : sqlite3_bind_null(st, i);
}

static int exec(pl_store *db, const char *sql, const char *doing, pl_error *err)
{
    if (sqlite3_exec(db->db, sql, NULL, NULL, NULL) == SQLITE_OK)
        return PL_OK;
    return pl__store_fail(db, err, doing);
}

/* The single integer a query yields (PRAGMA user_version, a count). */
static int query_int(pl_store *db, const char *sql, int *out, pl_error *err)
{
    sqlite3_stmt *st;
    int rc = pl__store_prepare(db, &st, sql, err);
    if (rc)
        return rc;
    if (sqlite3_step(st) == SQLITE_ROW)
        *out = sqlite3_column_int(st, 0);
    else
        rc = pl__store_fail(db, err, "cannot read the run store");
    sqlite3_finalize(st);
    return rc;
}

/* ---- opening and migrating --------------------------------------------------------- */

/* Whether schema version v may be used or migrated; *empty: a new file to create. */
static int check_version(pl_store *db, int v, int create, int *empty, pl_error *err)
{
    int tables = 0, runs = 0;
    if (v > PL_STORE_SCHEMA)
        return pl__error_set(err, PL_EINPUT, db->path, 0, 0, "run store schema version %d is "
                             "newer than this parley understands (%d); use a newer parley", v,
                             PL_STORE_SCHEMA);
    int rc = query_int(db, "SELECT count(*) FROM sqlite_master", &tables, err);
    if (!rc)
        rc = query_int(db, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND "
                       "name = 'run'", &runs, err);
    if (rc)
        return rc;
    /* someone else's database: never add our tables to it */
    if ((v == 0 && tables > 0) || (v > 0 && runs == 0))
        return pl__error_set(err, PL_EINPUT, db->path, 0, 0, "not a parley run store (a SQLite "
                             "database with other tables); expected a file written by parley "
                             "stress --store, or a new file");
    if (v == 0 && !create)
        return pl__error_set(err, PL_ENOTFOUND, db->path, 0, 0, "an empty file, not a run store "
                             "yet; parley stress --store FILE records runs in it");
    *empty = v == 0;
    return PL_OK;
}

/* Bring the schema to PL_STORE_SCHEMA, under the write lock and in one transaction. */
static int migrate(pl_store *db, int create, pl_error *err)
{
    int v = 0, empty = 0;
    int rc = query_int(db, "PRAGMA user_version", &v, err);
    db->schema = v;
    if (rc || (rc = check_version(db, v, create, &empty, err)) || v == PL_STORE_SCHEMA)
        return rc;
    if (!create)
        return PL_OK;  /* a reader changes nothing: an older store is read as it is */
    const char *doing = empty ? "cannot create the run store" : "cannot upgrade the run store";
    if ((rc = exec(db, "BEGIN IMMEDIATE", doing, err)))
        return rc;
    /* another process may have migrated it while we waited for the lock */
    if (!(rc = query_int(db, "PRAGMA user_version", &v, err)))
        rc = check_version(db, v, create, &empty, err);
    for (int k = v; !rc && k < PL_STORE_SCHEMA; k++)
        rc = exec(db, migrations[k], doing, err);
    if (!rc && v < PL_STORE_SCHEMA) {
        char sql[48];
        snprintf(sql, sizeof sql, "PRAGMA user_version = %d", PL_STORE_SCHEMA);
        rc = exec(db, sql, doing, err);
    }
    if (!rc)
        rc = exec(db, "COMMIT", doing, err);
    if (rc)
        sqlite3_exec(db->db, "ROLLBACK", NULL, NULL, NULL);
    else
        db->schema = PL_STORE_SCHEMA;
    return rc;
}

/* A file name as a SQLite URI path: the characters URIs reserve, percent-encoded. */
static char *uri_of(const char *path, const char *query)
{
    size_t n = strlen(path), len = 5 + 3 * n + strlen(query) + 1, k = 0;
    char *u = malloc(len);
    if (!u)
        return NULL;
    k += (size_t)snprintf(u, len, "file:");
    for (const char *p = path; *p; p++)
        k += (size_t)(strchr("%?#", *p) ? snprintf(u + k, len - k, "%%%02X", (unsigned char)*p)
                                          : snprintf(u + k, len - k, "%c", *p));
    snprintf(u + k, len - k, "%s", query);
    return u;
}

/* Open the connection. A WAL store in a directory we cannot write has no -wal and -shm
   files and SQLite cannot make them (SQLITE_READONLY_DIRECTORY or _CANTINIT even to
   read), so it is opened immutable:
   nobody can be writing it through a -wal file there, and it can still be read. */
static int open_connection(pl_store *db, int create, int exists, pl_error *err)
{
    int flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0);
    if (sqlite3_open_v2(db->path, &db->db, flags, NULL) != SQLITE_OK)
        return !exists
                   ? pl__error_set(err, PL_EIO, db->path, 0, 0, "cannot create the run store "
                                   "(%s); expected a writable directory", sqlite3_errmsg(db->db))
                   : pl__store_fail(db, err, "cannot open the run store");
    sqlite3_busy_timeout(db->db, PL__STORE_BUSY_MS); /* another writer: wait, then say so */
    int ext = sqlite3_exec(db->db, "SELECT count(*) FROM sqlite_master", NULL, NULL, NULL)
                  ? sqlite3_extended_errcode(db->db) : SQLITE_OK;
    if (ext != SQLITE_READONLY_CANTINIT && ext != SQLITE_READONLY_DIRECTORY)
        return PL_OK; /* other errors are for migrate() to report */
    sqlite3_close(db->db);
    db->db = NULL;
    char *uri = uri_of(db->path, "?immutable=1");
    if (!uri)
        return pl__error_nomem(err);
    int rc = sqlite3_open_v2(uri, &db->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);
    free(uri);
    sqlite3_busy_timeout(db->db, PL__STORE_BUSY_MS);
    return rc == SQLITE_OK ? PL_OK : pl__store_fail(db, err, "cannot open the run store");
}

/* Writers switch the store to WAL, so readers never wait for them and they wait only for
   each other's short commits. Only once the file is known to be ours (migrate), and a
   store that cannot be written stays as it is: pl_store_begin says why. */
static void use_wal(pl_store *db)
{
    sqlite3_exec(db->db, "PRAGMA journal_mode = WAL", NULL, NULL, NULL);
}

int pl_store_open(pl_store **out, const char *path, int create, pl_error *err)
{
    if (!out || !path)
        return pl__fail(err, PL_EMISUSE, "pl_store_open: NULL argument");
    *out = NULL;
    struct stat sb;
    int exists = stat(path, &sb) == 0;
    if (!exists && !create)
        return pl__error_set(err, errno == ENOENT ? PL_ENOTFOUND : PL_EIO, path, 0, 0,
                             "no run store here (%s); parley stress --store FILE creates one",
                             strerror(errno));
    if (exists && S_ISDIR(sb.st_mode))
        return pl__error_set(err, PL_EINPUT, path, 0, 0, "a directory, not a run store; "
                             "expected a file");
    pl_store *db = calloc(1, sizeof *db);
    if (!db || !(db->path = strdup(path))) {
        free(db);
        return pl__error_nomem(err);
    }
    int rc = open_connection(db, create, exists, err);
    if (!rc && !(rc = exec(db, "PRAGMA foreign_keys = ON", "cannot open the run store", err)))
        rc = migrate(db, create, err);
    if (rc) {
        pl_store_close(db);
        return rc;
    }
    if (create)
        use_wal(db);
    *out = db;
    return PL_OK;
}

void pl_store_close(pl_store *db)
{
    if (!db)
        return;
    pl_store_rollback(db);
    sqlite3_close(db->db);
    free(db->path);
    free(db);
}

/* ---- writing a run ------------------------------------------------------------------ */

/*
** Nothing is written while a run computes: pl_store_begin checks that the store can be
** written and keeps a copy of the run's inputs, pl_store_draw spools per-draw values to a
** temporary file, and pl_store_commit writes everything in one short transaction. So a
** second writer waits only for a commit, never for a whole Monte Carlo run, and readers
** (WAL) never wait. docs/run-store.md explains the spool.
*/

/* Now, ISO 8601 UTC with milliseconds: sorts as text, and julianday() reads it. */
static void now_utc(char buf[32])
{
    struct timespec ts;
    struct tm tm;
    clock_gettime(CLOCK_REALTIME, &ts);
    gmtime_r(&ts.tv_sec, &tm);
    size_t n = strftime(buf, 32, "%Y-%m-%dT%H:%M:%S", &tm);
    snprintf(buf + n, 32 - n, ".%03dZ", (int)(ts.tv_nsec / 1000000));
}

int pl__store_step(pl_store *db, sqlite3_stmt *st, pl_error *err)
{
    int rc = PL_OK;
    if (sqlite3_step(st) != SQLITE_DONE)
        rc = pl__store_fail(db, err, "cannot write the run store");
    sqlite3_reset(st);
    return rc;
}

/* Run sql once with the run id as ?1 and, when not NULL, arg as ?2. */
static int exec_id(pl_store *db, const char *sql, const char *id, const char *arg,
                   pl_error *err)
{
    sqlite3_stmt *st;
    int rc = pl__store_prepare(db, &st, sql, err);
    if (rc)
        return rc;
    sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
    if (arg)
        sqlite3_bind_text(st, 2, arg, -1, SQLITE_STATIC);
    rc = pl__store_step(db, st, err);
    sqlite3_finalize(st);
    return rc;
}

/* The run row, finish time included: it is written only once the run is done. */
static int insert_run(pl_store *db, const char *finished, pl_error *err)
{
    const pl_run_info *r = &db->run;
    sqlite3_stmt *st;
    char seed[24];
    int rc = pl__store_prepare(db, &st, "INSERT INTO run (id, command, scenario_name, "
                               "scenario, options, seed, draws, version, started, finished, "
                               "file, label) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, "
                               "?11, ?12)", err);
    if (rc)
        return rc;
    snprintf(seed, sizeof seed, "%" PRIu64, r->seed);
    sqlite3_bind_text(st, 1, db->id, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, r->command, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, r->scenario_name, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, r->scenario, (int)r->scenario_len, SQLITE_STATIC);
    sqlite3_bind_text(st, 5, r->options, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 6, seed, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 7, (sqlite3_int64)r->draws);
    sqlite3_bind_text(st, 8, pl_version(), -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 9, db->started, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 10, finished, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 11, r->file, -1, SQLITE_STATIC);  /* NULL binds NULL */
    sqlite3_bind_text(st, 12, r->label, -1, SQLITE_STATIC);
    rc = pl__store_step(db, st, err);
    sqlite3_finalize(st);
    return rc;
}

/* A copy of r in db->run, its text in one allocation (the caller's may not live until
   pl_store_commit). A missing scenario name stays NULL, as it is stored. */
static int keep_run(pl_store *db, const pl_run_info *r, pl_error *err)
{
    const char *cmd = r->command ? r->command : "", *opts = r->options ? r->options : "";
    size_t lc = strlen(cmd) + 1, lo = strlen(opts) + 1, ls = r->scenario ? r->scenario_len : 0;
    size_t ln = r->scenario_name ? strlen(r->scenario_name) + 1 : 0;
    size_t lf = r->file ? strlen(r->file) + 1 : 0, ll = r->label ? strlen(r->label) + 1 : 0;
    char *p = malloc(lc + lo + ls + 1 + ln + lf + ll);
    if (!p)
        return pl__error_nomem(err);
    db->strings = p;
    db->run = *r;
    db->run.command = memcpy(p, cmd, lc), p += lc;
    db->run.options = memcpy(p, opts, lo), p += lo;
    db->run.scenario = ls ? memcpy(p, r->scenario, ls) : p, p += ls;
    *p++ = '\0';
    db->run.scenario_len = ls;
    db->run.scenario_name = ln ? memcpy(p, r->scenario_name, ln) : NULL, p += ln;
    db->run.file = lf ? memcpy(p, r->file, lf) : NULL, p += lf;
    db->run.label = ll ? memcpy(p, r->label, ll) : NULL;
    return PL_OK;
}

/* Whether the store can be written now: the write lock and a header write, rolled back
   at once. A read-only file, a directory where SQLite cannot keep its journal or WAL, or
   a store some other program keeps locked fails here, before any draw. *found: a run
   with this id is stored already. */
static int check_writable(pl_store *db, const char *id, int *found, pl_error *err)
{
    const char *doing = "cannot write the run store";
    char sql[48];
    sqlite3_stmt *st;
    snprintf(sql, sizeof sql, "PRAGMA user_version = %d", PL_STORE_SCHEMA);
    int rc = exec(db, "BEGIN IMMEDIATE", doing, err);
    if (rc)
        return rc;
    if (!(rc = exec(db, sql, doing, err)) &&
        !(rc = pl__store_prepare(db, &st, "SELECT count(*) FROM run WHERE id = ?1", err))) {
        sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
        if (sqlite3_step(st) == SQLITE_ROW)
            *found = sqlite3_column_int(st, 0) > 0;
        else
            rc = pl__store_fail(db, err, "cannot read the run store");
        sqlite3_finalize(st);
    }
    sqlite3_exec(db->db, "ROLLBACK", NULL, NULL, NULL);
    return rc;
}

int pl_store_begin(pl_store *db, const pl_run_info *r, char id[33], int *replaced,
                   pl_error *err)
{
    if (!db || !r || !id)
        return pl__fail(err, PL_EMISUSE, "pl_store_begin: NULL argument");
    if (db->in_run)
        return pl__fail(err, PL_EMISUSE, "pl_store_begin: run %s is being written; commit or "
                        "roll it back first", db->id);
    if (r->scenario_len > INT32_MAX) /* SQLite takes an int length */
        return pl__error_set(err, PL_EINPUT, db->path, 0, 0, "the scenario text is %zu bytes, "
                             "too long for the run store", r->scenario_len);
    pl_run_id(r, id);
    int found = 0, rc = check_writable(db, id, &found, err);
    if (rc || (rc = keep_run(db, r, err)))
        return rc;
    db->in_run = 1;
    memcpy(db->id, id, 33);
    now_utc(db->started);
    if (replaced)
        *replaced = found;
    return PL_OK;
}

/* The spool: a file in $TMPDIR (else /tmp), unlinked at once, so it goes with the process
   however that ends. */
static int spool_open(pl_store *db, pl_error *err)
{
    const char *dir = getenv("TMPDIR");
    if (!dir || !*dir)
        dir = "/tmp";
    size_t len = strlen(dir) + sizeof "/parley-draws-XXXXXX";
    char *name = malloc(len);
    if (!name)
        return pl__error_nomem(err);
    snprintf(name, len, "%s/parley-draws-XXXXXX", dir);
    int fd = mkstemp(name);
    if (fd >= 0) {
        unlink(name);
        if (!(db->spool = fdopen(fd, "w+b")))
            close(fd);
    }
    int rc = db->spool ? PL_OK
                       : pl__error_set(err, PL_EIO, dir, 0, 0, "cannot create a temporary file "
                                       "for the per-draw values (%s); set TMPDIR to a "
                                       "writable directory", strerror(errno));
    free(name);
    return rc;
}

/* The spool holds, per draw: the draw number and the count n (uint64_t each), then n
   doubles, in this process's own byte order; it lives only as long as the run. */
int pl_store_draw(pl_store *db, uint64_t draw, const double *values, size_t n, pl_error *err)
{
    if (!db || !db->in_run || (n && !values))
        return pl__fail(err, PL_EMISUSE, "pl_store_draw: no run begun, or NULL values");
    int rc;
    if (!db->spool && (rc = spool_open(db, err)))
        return rc;
    uint64_t head[2] = {draw, (uint64_t)n};
    if (fwrite(head, sizeof head, 1, db->spool) != 1 ||
        (n && fwrite(values, sizeof *values, n, db->spool) != n))
        return pl__fail(err, PL_EIO, "cannot write the per-draw values to a temporary file "
                        "(%s)", strerror(errno));
    return PL_OK;
}

/* One spooled draw's values as rows; *vals grows to the widest draw. 1 at the end. */
static int put_spooled_draw(pl_store *db, sqlite3_stmt *st, double **vals, size_t *cap,
                            pl_error *err)
{
    uint64_t head[2];
    if (fread(head, sizeof head, 1, db->spool) != 1)
        return 1;
    if (head[1] > *cap) {
        double *v = head[1] <= SIZE_MAX / sizeof *v ? realloc(*vals, head[1] * sizeof *v)
                                                    : NULL;
        if (!v)
            return pl__error_nomem(err);
        *vals = v, *cap = (size_t)head[1];
    }
    size_t n = (size_t)head[1];
    if (n && fread(*vals, sizeof **vals, n, db->spool) != n)
        return pl__fail(err, PL_EIO, "cannot read back the per-draw values from their "
                        "temporary file");
    sqlite3_bind_int64(st, 2, (sqlite3_int64)head[0]);
    int rc = PL_OK;
    for (size_t c = 0; !rc && c < n; c++) {
        sqlite3_bind_int64(st, 3, (sqlite3_int64)c);
        pl__store_bind_real(st, 4, (*vals)[c]);
        rc = pl__store_step(db, st, err);
    }
    return rc;
}

/* Every spooled draw into draw_value, inside the commit's transaction. */
static int put_draws(pl_store *db, pl_error *err)
{
    if (!db->spool)
        return PL_OK;
    if (fflush(db->spool) || fseek(db->spool, 0, SEEK_SET))
        return pl__fail(err, PL_EIO, "cannot read back the per-draw values from their "
                        "temporary file (%s)", strerror(errno));
    sqlite3_stmt *st;
    double *vals = NULL;
    size_t cap = 0;
    int rc = pl__store_prepare(db, &st, "INSERT INTO draw_value (run, draw, col, value) "
                               "VALUES (?1, ?2, ?3, ?4)", err);
    if (rc)
        return rc;
    sqlite3_bind_text(st, 1, db->id, -1, SQLITE_STATIC); /* kept across resets */
    while (!(rc = put_spooled_draw(db, st, &vals, &cap, err)))
        ;
    sqlite3_finalize(st);
    free(vals);
    return rc == 1 ? PL_OK : rc;
}

/* Forget the run being written; the transaction, if any, is the caller's. */
static void end_run(pl_store *db)
{
    if (db->spool)
        fclose(db->spool); /* unlinked: gone with its last handle */
    db->spool = NULL;
    free(db->strings);
    db->strings = NULL;
    db->in_run = 0;
}

void pl_store_rollback(pl_store *db)
{
    if (db && db->in_run)
        end_run(db);
}

/* The whole run in one transaction: an older run with the same id goes (its rows
   cascade) only if the new one commits. */
static int write_run(pl_store *db, const pl_stress *st, pl_error *err)
{
    char finished[32];
    now_utc(finished);
    int rc = exec(db, "BEGIN IMMEDIATE", "cannot write the run store", err);
    if (rc)
        return rc;
    if (!(rc = exec_id(db, "DELETE FROM run WHERE id = ?1", db->id, NULL, err)) &&
        !(rc = insert_run(db, finished, err)) && !(rc = put_draws(db, err)) &&
        !(rc = pl__store_put_summary(db, st, err)))
        rc = exec(db, "COMMIT", "cannot write the run store", err);
    if (rc)
        sqlite3_exec(db->db, "ROLLBACK", NULL, NULL, NULL);
    return rc;
}

int pl_store_commit(pl_store *db, const pl_stress *st, pl_error *err)
{
    if (!db || !st || !db->in_run)
        return pl__fail(err, PL_EMISUSE, "pl_store_commit: no run begun, or NULL results");
    int rc;
    if (pl_stress_draws(st) != db->run.draws || pl_stress_seed(st) != db->run.seed)
        rc = pl__fail(err, PL_EMISUSE, "pl_store_commit: the results are of another run "
                      "(draws or seed differ from pl_store_begin's)");
    else
        rc = write_run(db, st, err);
    end_run(db);
    return rc;
}

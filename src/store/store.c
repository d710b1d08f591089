/* store.c: placeholder, being written. */
#include "parley/store.h"
#include "parley/stress.h"
#include "../core/error_int.h"

void pl_run_id(const pl_run_info *r, char id[33]) { (void)r; id[0] = '\0'; }
int pl_store_open(pl_store **out, const char *path, int create, pl_error *err)
{
    (void)path, (void)create;
    *out = NULL;
    return pl__fail(err, PL_EMISUSE, "the run store is not written yet");
}
void pl_store_close(pl_store *db) { (void)db; }
int pl_store_begin(pl_store *db, const pl_run_info *r, char id[33], int *replaced, pl_error *err)
{
    (void)db, (void)r, (void)id, (void)replaced;
    return pl__fail(err, PL_EMISUSE, "no store");
}
int pl_store_draw(pl_store *db, uint64_t draw, const double *v, size_t n, pl_error *err)
{
    (void)db, (void)draw, (void)v, (void)n;
    return pl__fail(err, PL_EMISUSE, "no store");
}
int pl_store_commit(pl_store *db, const struct pl_stress *st, pl_error *err)
{
    (void)db, (void)st;
    return pl__fail(err, PL_EMISUSE, "no store");
}
void pl_store_rollback(pl_store *db) { (void)db; }

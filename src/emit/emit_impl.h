/* SPDX-License-Identifier: MIT */
/*
** emit_impl.h: the emitter core (emit.c) and its backends (emit_json.c,
** emit_csv.c, emit_text.c, emit_tree.c). The core checks that the
** description is well formed (keys only inside objects, rows only inside
** tables, row widths) and keeps the first error; backends only format.
*/
#ifndef PL_EMIT_IMPL_H
#define PL_EMIT_IMPL_H

#include "parley/emit.h"
#include "tree.h"
#include "../core/fmt.h"

typedef struct pl_emit_backend {
    int (*open)(pl_emitter *e, pl_ekind kind, const char *key, const char *title,
                const char *const *cols, size_t ncols);
    int (*close)(pl_emitter *e, pl_ekind kind);
    int (*scalar)(pl_emitter *e, const char *key, const pl_scalar *v);
    int (*finish)(pl_emitter *e);
    void (*destroy)(pl_emitter *e);
} pl_emit_backend;

#define PL_EMIT_MAX_DEPTH 32

struct pl_emitter {
    const pl_emit_backend *be;
    void *state;                    /* backend's own */
    pl_write_fn write;
    void *payload;
    pl_emit_opts opts;
    int rc;                         /* first error, sticky */
    char msg[256];
    pl_ekind stack[PL_EMIT_MAX_DEPTH];
    size_t count[PL_EMIT_MAX_DEPTH];   /* members written in each open container */
    size_t ncols[PL_EMIT_MAX_DEPTH];   /* tables: width */
    int depth;
};

/* Write bytes through the sink; records a failure. */
int pl__emit_write(pl_emitter *e, const char *data, size_t len);
int pl__emit_puts(pl_emitter *e, const char *s);
/* Record an error (first one wins) and return it. */
int pl__emit_fail(pl_emitter *e, int rc, const char *msg);

int pl__emit_json_init(pl_emitter *e);
int pl__emit_csv_init(pl_emitter *e);
int pl__emit_text_init(pl_emitter *e);
int pl__emit_tree_init(pl_emitter *e);

/* The tree backend's building calls. The text backend builds the same tree
   (it needs column widths before it prints) and renders it at finish. */
int pl__tree_open(pl_emitter *e, pl_ekind kind, const char *key, const char *title,
                  const char *const *cols, size_t ncols);
int pl__tree_close(pl_emitter *e, pl_ekind kind);
int pl__tree_scalar(pl_emitter *e, const char *key, const pl_scalar *v);
void pl__tree_destroy(pl_emitter *e);

#endif

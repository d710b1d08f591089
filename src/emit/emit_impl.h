/* SPDX-License-Identifier: MIT */
/*
** emit_impl.h: the emitter core (emit.c) and its backends (emit_json.c,
** emit_csv.c, emit_text.c). The core checks that the description is well
** formed (keys only inside objects, rows only inside tables, row widths) and
** keeps the first error; backends only format.
*/
#ifndef PL_EMIT_IMPL_H
#define PL_EMIT_IMPL_H

#include "parley/emit.h"
#include "../core/fmt.h"

typedef enum pl_ekind { PL_E_OBJECT, PL_E_ARRAY, PL_E_TABLE, PL_E_ROW } pl_ekind;
typedef enum pl_stype { PL_S_STRING, PL_S_NUMBER, PL_S_INT, PL_S_BOOL, PL_S_NULL } pl_stype;

typedef struct pl_scalar {
    pl_stype type;
    const char *s;
    double d;
    long long i;
} pl_scalar;

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


/* Text of a scalar for machine formats (JSON, CSV): numbers shortest-exact,
   booleans true/false, strings as they are, null as null_text. buf: 40 bytes. */
const char *pl__scalar_text(char *buf, const pl_scalar *v, const char *null_text);

int pl__emit_json_init(pl_emitter *e);
int pl__emit_csv_init(pl_emitter *e);
int pl__emit_text_init(pl_emitter *e);

#endif

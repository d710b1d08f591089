/* SPDX-License-Identifier: MIT */
/*
** genius_fuzz.c: libFuzzer target for the GENIUS importer. After a first
** byte that is skipped (the replay's selector), the input is cut at every
** "\n----\n" into files: the domain, then the profiles; with fewer than three
** pieces the last one is reused (one piece is domain and both profiles), so
** every input is at least a domain and 2 profiles. An input that imports is
** also forecast (mean, median).
**   make fuzz FUZZ_TIME=300
** Built without libFuzzer (fuzz/replay.c) it replays files, for CTest.
*/
#include "parley/parley.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define SEP "\n----\n"
#define MAX_FILES 8

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Split [p, end) at SEP into at most MAX_FILES pieces; returns their number. */
static size_t split(const char *p, const char *end, const char **piece, size_t *len)
{
    size_t n = 0, sep = strlen(SEP);
    while (n < MAX_FILES - 1) {
        const char *at = NULL;
        for (const char *q = p; !at && (size_t)(end - q) >= sep; q++)
            if (memcmp(q, SEP, sep) == 0)
                at = q;
        if (!at)
            break;
        piece[n] = p;
        len[n++] = (size_t)(at - p);
        p = at + sep;
    }
    piece[n] = p;
    len[n++] = (size_t)(end - p);
    return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    const char *piece[MAX_FILES], *file[MAX_FILES];
    size_t plen[MAX_FILES], flen[MAX_FILES];
    static const char *const names[MAX_FILES] = {"domain.xml", "p1.xml", "p2.xml", "p3.xml",
                                                 "p4.xml", "p5.xml", "p6.xml", "p7.xml"};
    const char *text = (const char *)data + 1;
    size_t n = split(text, text + size - 1, piece, plen), n_files = n < 3 ? 3 : n;
    for (size_t i = 0; i < n_files; i++) {
        file[i] = piece[i < n ? i : n - 1];
        flen[i] = plen[i < n ? i : n - 1];
    }
    pl_scenario *s = NULL;
    char *yaml = NULL;
    pl_error err;
    if (pl_import_genius_buffers(&s, &yaml, n_files, file, flen, names, NULL, &err) != PL_OK)
        return 0;
    free(yaml);
    pl_forecast_opts fo = PL_FORECAST_OPTS_INIT;
    fo.models = (1u << PL_MODEL_MEAN) | (1u << PL_MODEL_MEDIAN);
    pl_forecast *fc = NULL;
    pl_forecast_compute(&fc, s, &fo, NULL);
    pl_forecast_free(fc);
    pl_scenario_free(s);
    return 0;
}

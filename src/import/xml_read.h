/* SPDX-License-Identifier: MIT */
/*
** xml_read.h: a strict libxml2 read shared by the XML importers (GENIUS,
** KTAB): no network, no DTD (a DOCTYPE is refused, which also rules out
** entity expansion), every element's start-tag offset kept in its _private
** (offset + 1), and only the first error kept, at a position the importer
** maps back to its own file.
*/
#ifndef PL_XML_READ_H
#define PL_XML_READ_H

#include <stddef.h>
#include <libxml/parser.h>
#include "parley/error.h"

typedef struct pl__xml_read {
    const char *text;         /* the bytes parsed */
    size_t len;
    const char *file;         /* for messages */
    const char *kind;         /* "GENIUS XML": what a DOCTYPE message says is expected */
    /* Keep an error at libxml2's line and column (e: the error, NULL for a DOCTYPE). */
    void (*keep)(void *ctx, const xmlError *e, int line, int col, const char *msg);
    void *ctx;
    const pl_error *kept;     /* where keep stores the first error (its code set once kept) */
} pl__xml_read;

/* Parse; *doc gets the tree (xmlFreeDoc it). The kept error, else libxml2's failure;
   PL_ENOMEM when libxml2 ran out of memory, whatever it reported. */
int pl__xml_parse(const pl__xml_read *r, xmlDocPtr *doc, pl_error *err);

/*
** libxml2 prints some errors (out of memory outside a parse, in a walk of the
** tree) through its per-thread generic handler; a library must not print. An
** importer silences it from before its parse until its tree is freed, then puts
** the host's handler back (LIFO: a profile's read inside the domain's is fine).
*/
typedef struct pl__xml_quiet {
    xmlGenericErrorFunc fn;
    void *ctx;
    int on;                   /* begun, not yet ended */
} pl__xml_quiet;

void pl__xml_quiet_begin(pl__xml_quiet *q);
void pl__xml_quiet_end(pl__xml_quiet *q);     /* a no-op unless begun */

/* Whether one of libxml2's allocations failed on this thread since the last
   pl__xml_parse: a NULL from a walk of the tree (xmlGetNoNsProp, xmlNodeGetContent)
   is then out of memory, not a missing attribute or text. */
int pl__xml_nomem(void);

#endif

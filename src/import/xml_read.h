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

/* Parse; *doc gets the tree (xmlFreeDoc it). The kept error, else libxml2's failure. */
int pl__xml_parse(const pl__xml_read *r, xmlDocPtr *doc, pl_error *err);

#endif

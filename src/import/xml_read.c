/* SPDX-License-Identifier: MIT */
/*
** xml_read.c: the strict libxml2 read of xml_read.h.
*/
#include "xml_read.h"
#include "../core/error_int.h"

#include <libxml/SAX2.h>
#include <libxml/xmlmemory.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* Each element remembers where its start tag begins (libxml2 leaves _private to us). */
static void on_start(void *ctx, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri,
                     int n_ns, const xmlChar **ns, int n_attr, int n_def, const xmlChar **attr)
{
    xmlParserCtxtPtr ctxt = ctx;
    const pl__xml_read *r = ctxt->_private;
    xmlSAX2StartElementNs(ctx, local, prefix, uri, n_ns, ns, n_attr, n_def, attr);
    long at = xmlByteConsumed(ctxt); /* the parser stands at the tag's '>' or "/>" */
    if (!ctxt->node || at < 0 || (size_t)at >= r->len)
        return;
    size_t i = (size_t)at;
    while (i > 0 && r->text[i] != '<')
        i--;
    ctxt->node->_private = (void *)(uintptr_t)(i + 1);
}

/*
** libxml2's messages that speak of its own insides (its function names, its
** types, "use XML_PARSE_HUGE option", which a user cannot pass), in our words.
** The limits are libxml2's without XML_PARSE_HUGE (parserInternals.h).
*/
static const struct {
    const char *starts;  /* libxml2's message begins so */
    const char *ours;
} own_words[] = {
    {"Excessive depth in document", "elements nested deeper than 256 levels; expected a "
                                    "flatter file"},
    {"internal error: Huge input lookup", "a text longer than 10,000,000 bytes; expected "
                                          "shorter texts"},
    {"Name too long", "a name longer than 50,000 bytes; expected shorter element and attribute "
                      "names"},
    {"AttValue length too long", "an attribute value longer than 10,000,000 bytes; expected "
                                 "shorter values"},
    {"Comment too big found", "a comment longer than 10,000,000 bytes; expected shorter "
                              "comments"},
    {"xmlParseCharRef: invalid xmlChar value", "a character reference to a character XML does "
                                               "not allow (such as &#0;); expected a "
                                               "character XML allows"},
    {"xmlParseEntityRef: no name", "a '&' that starts no entity reference; expected &amp; for "
                                   "a '&' in text"},
    {"StartTag: invalid element name", "a '<' that starts no element; expected &lt; for a '<' "
                                       "in text"},
};

/* "XML error: ...; expected ..." for libxml2's message m. */
static void xml_message(char *msg, size_t size, const char *m)
{
    for (size_t i = 0; i < sizeof own_words / sizeof *own_words; i++)
        if (strncmp(m, own_words[i].starts, strlen(own_words[i].starts)) == 0) {
            snprintf(msg, size, "XML error: %s", own_words[i].ours);
            return;
        }
    if (strncmp(m, "xml", 3) == 0 && strstr(m, ": ")) /* "xmlParseFoo: ...": a function name */
        m = strstr(m, ": ") + 2;
    snprintf(msg, size, "XML error: %s", m);
    char *hint = strstr(msg, "XML_PARSE_");  /* an option of the parser, not of parley */
    if (hint)
        while (hint > msg && hint[-1] != ',' && hint[-1] != ';' && strncmp(hint, "use", 3) != 0)
            hint--;
    size_t n = hint ? (size_t)(hint - msg) : strlen(msg);
    while (n > 0 && strchr("\n ,;", msg[n - 1]))
        n--;
    snprintf(msg + n, size - n, "; expected well-formed XML");
}

static void on_error(void *ctx, xmlErrorPtr e)
{
    xmlParserCtxtPtr ctxt = ctx;
    const pl__xml_read *r = ctxt ? ctxt->_private : NULL;
    if (!r || !e || e->level < XML_ERR_ERROR || r->kept->code || e->code == XML_ERR_NO_MEMORY)
        return; /* out of memory is not the file's fault: pl__xml_parse says it */
    char msg[300];
    xml_message(msg, sizeof msg, e->message ? e->message : "unknown");
    r->keep(r->ctx, e, e->line, e->int2, msg);
}

static void on_doctype(void *ctx, const xmlChar *name, const xmlChar *ext, const xmlChar *sys)
{
    (void)name, (void)ext, (void)sys;
    xmlParserCtxtPtr ctxt = ctx;
    const pl__xml_read *r = ctxt->_private;
    char msg[160];
    snprintf(msg, sizeof msg, "a <!DOCTYPE> declaration; expected %s, which has none", r->kind);
    if (!r->kept->code)
        r->keep(r->ctx, NULL, ctxt->input ? ctxt->input->line : 1, 1, msg);
    xmlStopParser(ctxt);
}

/*
** libxml2 2.9 does not always say when an allocation fails: a name it could
** not store in its dictionary becomes "Empty XML namespace is not allowed", a
** comment it could not copy "Start tag expected". So its allocations go
** through these, which note a failure for the thread; a parse or a walk of the
** tree after which one is noted is out of memory, whatever libxml2 said. They
** call the functions libxml2 had (a host program's, if it set its own), so the
** host's allocations stay as they were. State: write-once function pointers
** and a per-thread flag, because libxml2's allocator takes no payload.
*/
static xmlFreeFunc prev_free;
static xmlMallocFunc prev_malloc;
static xmlReallocFunc prev_realloc;
static xmlStrdupFunc prev_strdup;
static _Thread_local int nomem_noted;

static void *noted(void *p)
{
    if (!p)
        nomem_noted = 1;
    return p;
}

static void *xml_malloc(size_t n) { return noted(prev_malloc(n)); }
static void *xml_realloc(void *p, size_t n) { return noted(prev_realloc(p, n)); }
static char *xml_strdup(const char *s) { return noted(prev_strdup(s)); }

static void install_allocator(void)
{
    if (xmlMemGet(&prev_free, &prev_malloc, &prev_realloc, &prev_strdup) == 0)
        xmlMemSetup(prev_free, xml_malloc, xml_realloc, xml_strdup);
    xmlInitParser(); /* done before any parse so that threads may import later */
}

int pl__xml_nomem(void) { return nomem_noted; }

static void quiet(void *ctx, const char *fmt, ...)
{
    (void)ctx, (void)fmt;
}

void pl__xml_quiet_begin(pl__xml_quiet *q)
{
    q->fn = xmlGenericError;
    q->ctx = xmlGenericErrorContext;
    q->on = 1;
    xmlSetGenericErrorFunc(NULL, quiet);
}

void pl__xml_quiet_end(pl__xml_quiet *q)
{
    if (q->on)
        xmlSetGenericErrorFunc(q->ctx, q->fn);
    q->on = 0;
}

static xmlDocPtr read_memory(const pl__xml_read *r, xmlParserCtxtPtr ctxt)
{
    union {
        const pl__xml_read *c;
        void *m;
    } u = {r}; /* libxml2's slot is not const; the callbacks only read it */
    ctxt->_private = u.m;
    ctxt->sax->startElementNs = on_start;
    ctxt->sax->serror = on_error;
    ctxt->sax->internalSubset = on_doctype;
    /* no encoding named: the importers hand over checked UTF-8, which libxml2 then reads
       without a converter (a converter's buffer that cannot be allocated is reported as an
       "encoder error", not as out of memory) */
    xmlDocPtr doc = xmlCtxtReadMemory(ctxt, r->text, (int)r->len, r->file, NULL,
                                      XML_PARSE_NONET | XML_PARSE_NOERROR |
                                      XML_PARSE_NOWARNING | XML_PARSE_IGNORE_ENC |
                                      XML_PARSE_NOCDATA);
    ctxt->_private = NULL;
    return doc;
}

int pl__xml_parse(const pl__xml_read *r, xmlDocPtr *doc, pl_error *err)
{
    *doc = NULL;
    if (r->len > (size_t)INT32_MAX)
        return pl__error_set(err, PL_EINPUT, r->file, 0, 0, "the file is too large; expected "
                             "at most 2 GiB");
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, install_allocator);
    nomem_noted = 0; /* every allocation of libxml2 notes its failure here (xml_malloc) */
    xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
    if (ctxt)
        *doc = read_memory(r, ctxt);
    xmlFreeParserCtxt(ctxt);
    if (nomem_noted || !ctxt) {
        xmlFreeDoc(*doc);
        *doc = NULL;
        return pl__error_nomem(err);
    }
    if (r->kept->code) {
        if (err)
            *err = *r->kept;
        return PL_EINPUT;
    }
    return *doc ? PL_OK : pl__error_set(err, PL_EINPUT, r->file, 0, 0, "libxml2 could not parse "
                                        "the file; expected well-formed XML");
}

/* SPDX-License-Identifier: MIT */
/*
** prose.c: the analyses' sentences as a reader wants them. The analyses write
** ids ("GUARANTOR_COUNCIL cannot act against RUS") because their text and JSON
** outputs are read by scripts too; the report swaps every whole-word id of an
** actor or body for its name, and an issue's where it is plainly the issue. Sentences that say the same thing about
** different parties share a "shape" (ids, numbers and yes/no masked), so the
** report can group them instead of listing one bullet per party pair.
*/
#include "report_impl.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int word_char(char c) { return isalnum((unsigned char)c) || c == '_'; }

/* An issue id is also often a word of the article's own sentences ("NATO"), which a claim's
   finding quotes: it is named only where it is plainly the issue: "issue X", "X 50", and an
   input's label, "RUS TERR salience", "TERR status_quo". */
static int plainly_issue(const char *text, const char *word, size_t n)
{
    static const char *const next[] = {" salience", " position", " status_quo", " outcome"};
    for (size_t k = 0; k < sizeof next / sizeof *next; k++)
        if (strncmp(word + n, next[k], strlen(next[k])) == 0 && !word_char(word[n + strlen(next[k])]))
            return 1;
    return (word - text >= 6 && strncmp(word - 6, "issue ", 6) == 0) ||
           (word[n] == ' ' && isdigit((unsigned char)word[n + 1]));
}

/* The name of the actor, body or issue whose id is word (n bytes, in text), or NULL. */
static const char *name_of(const pl_scenario *s, const char *text, const char *word, size_t n)
{
    char id[64];
    if (!s || n >= sizeof id)
        return NULL;
    memcpy(id, word, n);
    id[n] = '\0';
    long i = pl_scenario_actor_index(s, id);
    if (i >= 0)
        return pl_actor_name(pl_scenario_actor(s, (size_t)i));
    if ((i = pl_scenario_body_index(s, id)) >= 0)
        return pl_body_name(pl_scenario_body(s, (size_t)i));
    if (plainly_issue(text, word, n) && (i = pl_scenario_issue_index(s, id)) >= 0)
        return pl_issue_name(pl_scenario_issue(s, (size_t)i));
    return NULL;
}

/* The length of the word at t (0 when t is not at a word's start). */
static size_t word_at(const char *text, const char *t)
{
    if (t > text && word_char(t[-1]))
        return 0;
    size_t n = 0;
    while (word_char(t[n]))
        n++;
    return n;
}

typedef void (*put_fn)(pl__buf *h, const char *text, size_t n);

static void put_raw(pl__buf *h, const char *text, size_t n) { pl__buf_put(h, text, n); }

static void prose(pl__buf *h, const pl_scenario *s, const char *text, put_fn put)
{
    const char *t = text, *plain = text;
    while (*t) {
        size_t n = word_at(text, t);
        const char *name = n ? name_of(s, text, t, n) : NULL;
        if (!name) {
            t += n ? n : 1;
            continue;
        }
        put(h, plain, (size_t)(t - plain));
        put(h, name, strlen(name));
        t += n;
        plain = t;
    }
    put(h, plain, strlen(plain));
}

void pl__prose(pl__buf *h, const pl_scenario *s, const char *text)
{
    prose(h, s, text, pl__buf_escaped_n);
}

int pl__prose_plain(char *buf, size_t size, const pl_scenario *s, const char *text)
{
    pl__buf b = {0};
    prose(&b, s, text, put_raw);
    int ok = b.buf && !b.failed;
    snprintf(buf, size, "%s", ok ? b.buf : ""); /* out of memory: no label rather than ids */
    pl__buf_free(&b);
    return ok ? PL_OK : PL_ENOMEM;
}

char *pl__prose_shape(const pl_scenario *s, const char *text)
{
    size_t len = strlen(text);
    char *out = malloc(len + 1), *o = out;
    if (!out)
        return NULL;
    for (const char *t = text; *t;) {
        size_t n = word_at(text, t);
        int digits = n && strspn(t, "0123456789.") >= 1 && isdigit((unsigned char)t[0]);
        if (n && (digits || name_of(s, text, t, n) || (n == 3 && !strncmp(t, "yes", 3)) ||
                  (n == 2 && !strncmp(t, "no", 2)))) {
            *o++ = digits ? '#' : '@';
            t += n;
            while (digits && (*t == '.' || isdigit((unsigned char)*t)))
                t++; /* 0.95: one number */
        } else {
            size_t k = n ? n : 1;
            memcpy(o, t, k);
            o += k, t += k;
        }
    }
    *o = '\0';
    return out;
}

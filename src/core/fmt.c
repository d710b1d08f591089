/* SPDX-License-Identifier: MIT */
/*
** fmt.c: numbers as text, the same way everywhere (emitters, importers' YAML,
** scenario output, messages), in the C locale and without float noise (the
** rule is in fmt.h). A value written by one part reads back as the value the
** rule prints, bit for bit.
*/
#include "fmt.h"
#include "fmt_locale.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
** Per call, not a global: the library keeps no state, and glibc hands out
** its static C locale object for newlocale(LC_ALL_MASK, "C", 0) without
** allocating (with uselocale, about 20 ns a call). Where newlocale fails
** (another C library out of memory) the thread's own locale stays in force.
*/
void pl__c_locale_enter(pl__c_locale *l)
{
    l->c = newlocale(LC_ALL_MASK, "C", (locale_t)0);
    l->old = l->c ? uselocale(l->c) : (locale_t)0;
}

void pl__c_locale_leave(pl__c_locale *l)
{
    if (!l->c)
        return;
    uselocale(l->old);
    freelocale(l->c);
}

/* The rule of fmt.h; the C locale is in force. text (32 bytes) gets the
   decimal when the rule replaced v by one, else "". */
double pl__fmt_clean_c(double v, char *text)
{
    text[0] = '\0';
    if (!isfinite(v))
        return v;
    if (fabs(v) <= PL_FMT_NOISE)
        return 0;  /* also -0 */
    char t[32];
    snprintf(t, sizeof t, "%.12g", v);
    double r = strtod(t, NULL);
    if (fabs(r - v) > PL_FMT_RELATIVE * fabs(v))
        return v;
    memcpy(text, t, strlen(t) + 1);
    return r;
}

double pl__fmt_clean(double v)
{
    pl__c_locale l;
    char t[32];
    pl__c_locale_enter(&l);
    double r = pl__fmt_clean_c(v, t);
    pl__c_locale_leave(&l);
    return r;
}

/* The shortest "%.15g" .. "%.17g" text that reads back as v; the caller is in the C locale. */
static void shortest_exact(char *buf, double v)
{
    for (int prec = 15; prec <= 17; prec++) {
        snprintf(buf, 32, "%.*g", prec, v);
        if (strtod(buf, NULL) == v)
            break;
    }
}

const char *pl__fmt_double(char *buf, double v)
{
    pl__c_locale l;
    pl__c_locale_enter(&l);
    double c = pl__fmt_clean_c(v, buf);
    if (c == 0)
        strcpy(buf, "0");
    else if (!buf[0]) /* the rule left v as it is: its shortest exact text */
        shortest_exact(buf, c);
    pl__c_locale_leave(&l);
    return buf;
}

const char *pl__fmt_exact(char *buf, double v)
{
    pl__c_locale l;
    pl__c_locale_enter(&l);
    if (v == 0)
        strcpy(buf, "0");
    else
        shortest_exact(buf, v);
    pl__c_locale_leave(&l);
    return buf;
}

double pl__strtod(const char *s, char **end)
{
    pl__c_locale l;
    pl__c_locale_enter(&l);
    double v = strtod(s, end);
    pl__c_locale_leave(&l);
    return v;
}

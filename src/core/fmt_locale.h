/* SPDX-License-Identifier: MIT */
/*
** fmt_locale.h: inside fmt.c and fmt_printf.c only: switching the calling
** thread to the C locale for the length of one call (uselocale), so that
** printf and strtod read and write '.' whatever the host program set.
*/
#ifndef PL_FMT_LOCALE_H
#define PL_FMT_LOCALE_H

#include <locale.h>

typedef struct pl__c_locale {
    locale_t c, old;
} pl__c_locale;

void pl__c_locale_enter(pl__c_locale *l);
void pl__c_locale_leave(pl__c_locale *l);

/* pl__fmt_clean with the C locale already in force; text: see fmt.c. */
double pl__fmt_clean_c(double v, char *text);

#endif

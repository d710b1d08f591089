/* SPDX-License-Identifier: MIT */
/*
** fmt.c: numbers as text, the same way everywhere (emitters, importers' YAML,
** scenario output), so a value written by one part reads back bit for bit.
*/
#include "fmt.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *pl__fmt_double(char *buf, double v)
{
    if (v == 0) {
        strcpy(buf, "0");  /* also folds -0 */
        return buf;
    }
    for (int prec = 15; prec <= 17; prec++) {
        snprintf(buf, 32, "%.*g", prec, v);
        if (strtod(buf, NULL) == v)
            break;
    }
    return buf;
}

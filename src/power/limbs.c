/* SPDX-License-Identifier: MIT */
/*
** limbs.c: runs of exact table entries (power_impl.h). Entries are S machine
** words each and never overflow them, so no carry crosses from one entry into
** the next: a run of entries is added as one multi-word number by GMP's mpn
** layer instead of one call per entry.
*/
#include "power_impl.h"

void pl__run_add_shifted(mp_limb_t *t, size_t n, size_t w, size_t S)
{
    if (w == 0) { /* t[x] += t[x]: every count doubles */
        if (n)
            mpn_lshift(t, t, (mp_size_t)(n * S), 1);
        return;
    }
    /* from the top down, in runs of at most w entries, which the shift does not overlap */
    for (size_t x1 = n; x1 > 0;) {
        size_t c = x1 < w ? x1 : w;
        x1 -= c;
        mpn_add_n(t + (x1 + w) * S, t + (x1 + w) * S, t + x1 * S, (mp_size_t)(c * S));
    }
}

/* Word by word, from the top entry down (each lands at or above where it was): a call
   to memmove and memset per entry of a few words cost more than the copy. */
void pl__entries_widen(mp_limb_t *t, size_t cells, size_t S, size_t S2)
{
    for (size_t e = cells; e-- > 0;) {
        mp_limb_t *d = t + e * S2;
        const mp_limb_t *s = t + e * S;
        for (size_t k = S2; k-- > S;)
            d[k] = 0;
        for (size_t k = S; k-- > 0;)
            d[k] = s[k];
    }
}

/* SPDX-License-Identifier: MIT */
/*
** residue.c: exact table entries as residues modulo several word-sized
** moduli, put together by the Chinese remainder theorem at the end (the
** multi-modular method: Knuth, TAOCP vol. 2, 4.3.2; Garner 1959). The
** moduli are 2^64 (plain wrapping words) and the largest primes below 2^63,
** as many as make their product at least 2^bits. A table of one word a
** cell is a whole table per modulus: the Shapley-Shubik build (size_residue.c)
** then moves one word a cell-addition instead of up to n / 64 in a carry
** chain, the rows of a sweep stay in the core's cache, and the additions
** are independent lanes a vector unit does several at once.
*/
#include "power_impl.h"
#include "../core/clones.h"
#include "../core/alloc.h"

#include <stdlib.h>
#include <string.h>

/*
** d[x] = d[x] + s[x] mod p (pl__add_mod, inlined: the loop vectorises). Clones
** for wider vectors where the toolchain builds them (src/CMakeLists.txt);
** integer lanes, the same words. The first cells up to a 64-byte boundary of
** d are done alone, so that the vector loop's loads and stores of d do not
** straddle cache lines (s is shifted from d by any number of cells): 7.5
** against 5.3 additions a ns in a micro-benchmark of 16 rows of 1,024 cells.
*/
PL__CLONES
void pl__residue_add(uint64_t *restrict d, const uint64_t *restrict s, size_t n, uint64_t p)
{
    size_t head = (size_t)((64 - (uintptr_t)d % 64) % 64 / sizeof *d);
    size_t x = 0;
    for (; x < head && x < n; x++)
        d[x] = pl__add_mod(d[x], s[x], p);
    for (; x < n; x++)
        d[x] = pl__add_mod(d[x], s[x], p);
}

/* d[x] + 2 a[x] + b[x] mod p, as three of pl__add_mod (the same clones, the same peel). */
PL__CLONES
void pl__residue_add_pair(uint64_t *restrict d, const uint64_t *restrict a,
                          const uint64_t *restrict b, size_t n, uint64_t p)
{
    size_t head = (size_t)((64 - (uintptr_t)d % 64) % 64 / sizeof *d);
    size_t x = 0;
    for (; x < head && x < n; x++)
        d[x] = pl__add_mod(d[x], pl__add_mod(pl__add_mod(a[x], a[x], p), b[x], p), p);
    for (; x < n; x++)
        d[x] = pl__add_mod(d[x], pl__add_mod(pl__add_mod(a[x], a[x], p), b[x], p), p);
}

/*
** a[k] = a[k] + (-1)^k P[-k w] mod p for k < n (P[0] the first read): the
** terms of one read from one row (size_residue.c), a strided gather that the
** vector clones do eight at a time.
*/
PL__CLONES
void pl__residue_terms(uint64_t *restrict a, const uint64_t *restrict P, size_t w, size_t n,
                       uint64_t p)
{
    for (size_t k = 0; k < n; k++) {
        uint64_t v = P[-(ptrdiff_t)(k * w)], neg = v ? p - v : 0;
        a[k] = pl__add_mod(a[k], k % 2 ? neg : v, p);
    }
}

void pl__moduli_free(pl__moduli *m)
{
    free(m->p);
    free(m->M);
    memset(m, 0, sizeof *m);
}

/* The odd moduli below 2^63 after 2^64: the first k - 1 primes going down. */
static void find_primes(uint64_t *p, size_t k, mpz_t z)
{
    mpz_set_ui(z, 1);
    mpz_mul_2exp(z, z, 63);
    for (size_t i = 1; i < k; i++) {
        do
            mpz_sub_ui(z, z, mpz_odd_p(z) ? 2 : 1);
        while (!mpz_probab_prime_p(z, 40));
        p[i] = (uint64_t)mpz_getlimbn(z, 0);
    }
}

/*
** Moduli for values below 2^bits: 2^64 and c primes, 63 c >= bits - 63 (each
** prime is above 2^63 - 2^32, its log2 above 63 - 2^-30, so the product of
** all exceeds 2^bits by almost a bit).
*/
size_t pl__moduli_count(size_t bits)
{
    return 1 + (bits > 64 ? (bits - 64) / 63 + 1 : 0);
}

/* The moduli and each one's CRT coefficient C_i = (M / m_i) ((M / m_i)^-1 mod m_i). */
int pl__moduli_init(pl__moduli *m, size_t bits, size_t L)
{
    memset(m, 0, sizeof *m);
    m->k = pl__moduli_count(bits);
    m->L = L;
    m->stride = m->k + 1; /* M < 2^(64 k) */
    m->p = pl__mallocarray(m->k, sizeof *m->p);
    m->M = pl__mallocarray(pl__mul(m->k + 1, m->stride), sizeof *m->M);
    if (!m->p || !m->M) {
        pl__moduli_free(m);
        return PL_ENOMEM;
    }
    memset(m->M, 0, (m->k + 1) * m->stride * sizeof *m->M);
    m->C = m->M + m->stride;
    mpz_t M, Mi, inv, mod;
    mpz_inits(M, Mi, inv, mod, NULL);
    find_primes(m->p, m->k, M);
    m->p[0] = 0;
    mpz_set_ui(M, 1);
    mpz_mul_2exp(M, M, 64);
    for (size_t i = 1; i < m->k; i++)
        mpz_mul_ui(M, M, (unsigned long)m->p[i]);
    mpz_export(m->M, NULL, -1, sizeof *m->M, 0, 0, M);
    for (size_t i = 0; i < m->k; i++) {
        mpz_set_ui(mod, i ? (unsigned long)m->p[i] : 0);
        if (i == 0)
            mpz_setbit(mod, 64);
        mpz_divexact(Mi, M, mod);
        mpz_invert(inv, Mi, mod); /* the moduli are coprime: it exists */
        mpz_mul(Mi, Mi, inv);
        mpz_mod(Mi, Mi, M);
        mpz_export(m->C + i * m->stride, NULL, -1, sizeof *m->C, 0, 0, Mi);
    }
    mpz_clears(M, Mi, inv, mod, NULL);
    for (m->Mn = m->stride; m->Mn > 1 && m->M[m->Mn - 1] == 0;)
        m->Mn--;
    return PL_OK;
}

/*
** out (L words) = the value below 2^bits with residues r[i] mod m_i: the
** sum of r_i C_i reduced mod M (below k 2^64 M: Mn + 2 words). scratch holds
** pl__moduli_scratch(m) words.
*/
void pl__moduli_crt(const pl__moduli *m, const uint64_t *r, mp_limb_t *out, mp_limb_t *scratch)
{
    size_t Mn = m->Mn, nn = Mn + 2;
    mp_limb_t *acc = scratch, *q = acc + nn, *rem = q + nn;
    memset(acc, 0, nn * sizeof *acc);
    for (size_t i = 0; i < m->k; i++)
        if (r[i]) {
            mp_limb_t c = mpn_addmul_1(acc, m->C + i * m->stride, (mp_size_t)Mn, r[i]);
            mpn_add_1(acc + Mn, acc + Mn, 2, c);
        }
    mpn_tdiv_qr(q, rem, 0, acc, (mp_size_t)nn, m->M, (mp_size_t)Mn);
    size_t keep = Mn < m->L ? Mn : m->L;
    memcpy(out, rem, keep * sizeof *out);
    memset(out + keep, 0, (m->L - keep) * sizeof *out);
}

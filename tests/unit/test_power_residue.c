/* SPDX-License-Identifier: MIT */
/*
** test_power_residue.c: the multi-modular arithmetic of the Shapley-Shubik
** table (src/power/residue.c). Vectors by construction: random integers
** reduced modulo each modulus by GMP and put back together must come back
** bit for bit (the Chinese remainder theorem: Knuth, TAOCP vol. 2, 4.3.2);
** the moduli are coprime (2^64 and distinct primes) and their product is
** above 2^bits; the vector kernel equals the scalar definition.
*/
#include "tests/unit/test_util.h"
#include "core/rng.h"
#include "power/power_impl.h"

#include <stdlib.h>
#include <string.h>

/* The moduli for 0..2,100 bits: prime (GMP's test), distinct, above 2^63 - 2^32, enough. */
static void test_moduli(void **state)
{
    (void)state;
    mpz_t z, M;
    mpz_inits(z, M, NULL);
    for (size_t bits = 0; bits <= 2100; bits += 7) {
        pl__moduli m;
        assert_int_equal(pl__moduli_init(&m, bits, bits / 64 + 1), PL_OK);
        assert_int_equal(m.k, pl__moduli_count(bits));
        assert_true(m.p[0] == 0);
        mpz_set_ui(M, 1);
        mpz_mul_2exp(M, M, 64);
        for (size_t i = 1; i < m.k; i++) {
            mpz_set_ui(z, (unsigned long)m.p[i]);
            assert_true(mpz_probab_prime_p(z, 40) > 0);
            assert_true(m.p[i] < (UINT64_C(1) << 63) && m.p[i] > (UINT64_C(1) << 63) - (UINT64_C(1) << 32));
            assert_true(i == 1 || m.p[i] < m.p[i - 1]);
            mpz_mul(M, M, z);
        }
        assert_true(mpz_sizeinbase(M, 2) > bits); /* M >= 2^bits */
        /* one modulus fewer would not always do: the count is the least the bound allows */
        if (m.k > 1)
            assert_true(mpz_sizeinbase(M, 2) <= bits + 64);
        pl__moduli_free(&m);
    }
    mpz_clears(z, M, NULL);
}

/* 400 random values below 2^bits (bits 1..2,000, some all ones): residues, then back. */
static void test_crt_round_trip(void **state)
{
    (void)state;
    pl_rng r;
    pl__rng_seed(&r, 20261207, 11);
    mpz_t v, z, got;
    mpz_inits(v, z, got, NULL);
    for (int trial = 0; trial < 400; trial++) {
        size_t bits = 1 + pl__rng_below(&r, 2000), L = bits / 64 + 1;
        pl__moduli m;
        assert_int_equal(pl__moduli_init(&m, bits, L), PL_OK);
        mpz_set_ui(v, 0);
        for (size_t b = 0; b < bits; b++)
            if (trial % 10 == 0 || pl__rng_below(&r, 2))
                mpz_setbit(v, b);
        uint64_t res[40];
        mp_limb_t out[40], scratch[200];
        assert_true(m.k <= 40 && pl__moduli_scratch(&m) <= 200);
        for (size_t i = 0; i < m.k; i++) {
            if (i == 0) {
                mpz_set_ui(z, 0);
                mpz_setbit(z, 64);
            } else {
                mpz_set_ui(z, (unsigned long)m.p[i]);
            }
            mpz_mod(z, v, z);
            res[i] = mpz_size(z) ? (uint64_t)mpz_getlimbn(z, 0) : 0;
        }
        pl__moduli_crt(&m, res, out, scratch);
        mpz_roinit_n(got, out, (mp_size_t)L);
        if (mpz_cmp(got, v) != 0)
            fail_msg("trial %d: %zu bits not recovered", trial, bits);
        pl__moduli_free(&m);
    }
    mpz_clears(v, z, got, NULL);
}

/* A residue below p (p = 0: any word), now and then p - 1. */
static uint64_t residue(pl_rng *r, uint64_t p, size_t x)
{
    return x % 7 == 0 && p ? p - 1 : p ? pl__rng_below(r, p) : pl__rng_next(r);
}

/*
** The kernels (vector clones where built) against d + s and d + 2 a + b mod
** p in 128 bits, lengths 0..70, d starting 0..7 words past a 64-byte line
** (the kernels peel to it).
*/
static void test_residue_add(void **state)
{
    (void)state;
    static const uint64_t ps[] = {0, (UINT64_C(1) << 63) - 25, 3, 1000003};
    pl_rng r;
    pl__rng_seed(&r, 20261207, 12);
    _Alignas(64) uint64_t d[80], e[80];
    uint64_t s[70], a[70], want[70], want2[70];
    for (size_t j = 0; j < 4; j++)
        for (size_t n = 0; n < 70; n++) {
            uint64_t p = ps[j], *dn = d + n % 8, *en = e + n % 8;
            for (size_t x = 0; x < n; x++) {
                dn[x] = en[x] = residue(&r, p, x + 3);
                s[x] = residue(&r, p, x);
                a[x] = residue(&r, p, x + 1);
                __extension__ unsigned __int128 sum = (unsigned __int128)dn[x] + s[x];
                want[x] = p ? (uint64_t)(sum % p) : (uint64_t)sum;
                sum += a[x] + (unsigned __int128)a[x];
                want2[x] = p ? (uint64_t)(sum % p) : (uint64_t)sum;
            }
            pl__residue_add(dn, s, n, p);
            pl__residue_add_pair(en, a, s, n, p);
            for (size_t x = 0; x < n; x++)
                assert_true(dn[x] == want[x] && en[x] == want2[x]);
        }
}

/* The reads' kernel against a[k] + (-1)^k P[-k w] mod p in 128 bits: strides 0-4, 0-40 terms. */
static void test_residue_terms(void **state)
{
    (void)state;
    static const uint64_t ps[] = {0, (UINT64_C(1) << 63) - 25, 3, 1000003};
    pl_rng r;
    pl__rng_seed(&r, 20261207, 14);
    uint64_t P[200], a[40], want[40];
    for (size_t j = 0; j < 4; j++)
        for (size_t w = 0; w < 5; w++)
            for (size_t n = 0; n <= 40; n++) {
                uint64_t p = ps[j];
                for (size_t x = 0; x < 200; x++)
                    P[x] = residue(&r, p, x);
                for (size_t k = 0; k < n; k++) {
                    a[k] = residue(&r, p, k + 1);
                    __extension__ unsigned __int128 v = P[199 - k * w];
                    __extension__ unsigned __int128 m = p ? p : (unsigned __int128)1 << 64;
                    v = k % 2 ? m - v : v;
                    want[k] = (uint64_t)((a[k] + v) % m);
                }
                pl__residue_terms(a, P + 199, w, n, p);
                for (size_t k = 0; k < n; k++)
                    assert_true(a[k] == want[k]);
            }
}

/* tile < 0: tiled with pairs of equal weights, -tile columns a pass. */
static void sweeps(pl__size_table *t, uint64_t *tab, uint64_t p, size_t b, int64_t tile,
                   pl__sweep_plan *pl)
{
    pl__size_residue_build(t, tab, p, pl, b, tile < 0 ? -tile : tile, tile < 0);
}

/* The table and the rows' ranges after the build, tiled against untiled. */
static void expect_same_tables(pl__size_table *t, uint64_t p, size_t b, int64_t tile,
                               uint64_t *want, uint64_t *got, int64_t *ranges)
{
    pl__sweep_plan pl;
    assert_int_equal(pl__sweep_plan_init(&pl, t, b), PL_OK);
    sweeps(t, want, p, b, 0, &pl);
    memcpy(ranges, t->lo, 2 * (t->nv + 1) * sizeof *ranges); /* lo then hi */
    sweeps(t, got, p, b, tile, &pl);
    if (memcmp(want, got, t->cells * sizeof *want) != 0)
        fail_msg("%zu members, need %lld, %zu a sweep, tile %lld: tables differ", t->nv,
                 (long long)t->need, b, (long long)tile);
    /* pairs may leave a row's range tighter: cells that only ever received zeros */
    for (size_t r = 0; r <= t->nv && r < t->rows; r++) {
        int64_t lo = ranges[r], hi = ranges[t->nv + 1 + r];
        int same = t->lo[r] == lo && t->hi[r] == hi;
        int inside = t->hi[r] < 0 || (t->lo[r] >= lo && t->hi[r] <= hi);
        if (tile < 0 ? !inside : !same)
            fail_msg("%zu members, need %lld, %zu a sweep, tile %lld: row %zu's range "
                     "%lld..%lld, untiled %lld..%lld", t->nv, (long long)t->need, b,
                     (long long)tile, r, (long long)t->lo[r], (long long)t->hi[r],
                     (long long)lo, (long long)hi);
    }
    pl__sweep_plan_free(&pl);
}

/*
** The tiled sweeps (size_table.c) give the untiled sweeps' table, every cell
** of every modulus's build, on 200 random games of 1-160 members: weights
** 0-3 (many equal, zeros), 0-40 or 0-400 (1-60 members), quotas anywhere in
** [1, total]; sweeps of 1, 2, 3, 16, 64 members, tiles of 1 to 1,024
** columns (not only multiples of 8), each member alone and with pairs of
** equal weights; and the build itself (pl__size_residue_build at
** PL__TILE_RES, with pairs, against 0) for each of the game's moduli.
*/
static void test_tiled_sweeps(void **state)
{
    (void)state;
    static const uint64_t spans[] = {4, 41, 401};
    static const size_t bs[] = {1, 2, 3, 16, 64};
    static const int64_t tiles[] = {1, 5, 8, 64, 200, 1024};
    pl_rng r;
    pl__rng_seed(&r, 20261207, 13);
    for (int trial = 0; trial < 200; trial++) {
        size_t n = 1 + pl__rng_below(&r, trial % 3 == 2 ? 60 : 160);
        int64_t w[160], tot = 0;
        for (size_t m = 0; m < n; m++)
            tot += w[m] = (int64_t)pl__rng_below(&r, spans[trial % 3]);
        pl__size_table t;
        int64_t need = 1 + (int64_t)pl__rng_below(&r, (uint64_t)tot + 1);
        assert_int_equal(pl__size_table_plan(&t, w, n, need), PL_OK);
        uint64_t *want = malloc(t.cells * sizeof *want), *got = malloc(t.cells * sizeof *got);
        int64_t *ranges = malloc(2 * (n + 1) * sizeof *ranges);
        assert_true(want && got && ranges);
        pl__moduli m;
        assert_int_equal(pl__moduli_init(&m, n, t.L), PL_OK);
        uint64_t p = m.p[pl__rng_below(&r, m.k)];
        int64_t tile = tiles[pl__rng_below(&r, 6)];
        expect_same_tables(&t, p, bs[trial % 5], tile, want, got, ranges);
        expect_same_tables(&t, p, bs[trial % 5], -tile, want, got, ranges);
        pl__sweep_plan pl;
        assert_int_equal(pl__sweep_plan_init(&pl, &t, PL__SWEEP_RES), PL_OK);
        for (size_t i = 0; i < m.k; i++) {
            pl__size_residue_build(&t, want, m.p[i], &pl, PL__SWEEP_RES, 0, 0);
            pl__size_residue_build(&t, got, m.p[i], &pl, PL__SWEEP_RES, PL__TILE_RES, 1);
            if (memcmp(want, got, t.cells * sizeof *want) != 0)
                fail_msg("trial %d: %zu members, need %lld, modulus %zu: builds differ", trial,
                         n, (long long)need, i);
        }
        pl__sweep_plan_free(&pl);
        pl__moduli_free(&m);
        pl__size_table_free(&t);
        free(want);
        free(got);
        free(ranges);
    }
}

int main(void)
{
    /* the residues are 64-bit words passed through GMP's limbs: where limbs are narrower
       parley builds the table in GMP words only (count_dp.c), and this has nothing to test */
    if (!PL__RESIDUES_OK)
        return 77;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_moduli),
        cmocka_unit_test(test_crt_round_trip),
        cmocka_unit_test(test_residue_add),
        cmocka_unit_test(test_residue_terms),
        cmocka_unit_test(test_tiled_sweeps),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

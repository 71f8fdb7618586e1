/*
 * The core's fused multiply-add peak, measured in C, to check the fma-peak line of
 * `gakushu bench --workload gemm`: the same loop as Gakushu's (dev.gakushu.bench.VectorFmaPeak),
 * twelve independent chains of a = fma(x, y, a), at 256 bits (AVX2) and, where the CPU has
 * AVX-512, at 512 bits; one thread; three rounds each.
 *
 *     cc -O2 bench/fma_peak.c -o fma_peak && ./fma_peak
 *
 * Twelve chains cover the FMA latency (4 or 5 cycles at 2 FMAs a cycle) and, with the two
 * operands, fit AVX2's 16 registers.
 */
#include <immintrin.h>
#include <stdio.h>
#include <time.h>

#define STEPS 100000000L

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + t.tv_nsec * 1e-9;
}

#define CHAINS(T, SET, FMA)                                                          \
  T x = SET(1.0000001f), y = SET(0.9999999f);                                        \
  T a0 = SET(0), a1 = SET(1), a2 = SET(2), a3 = SET(3), a4 = SET(4), a5 = SET(5);    \
  T a6 = SET(6), a7 = SET(7), a8 = SET(8), a9 = SET(9), a10 = SET(10), a11 = SET(11); \
  for (long i = 0; i < STEPS; i++) {                                                 \
    a0 = FMA(x, y, a0); a1 = FMA(x, y, a1); a2 = FMA(x, y, a2);                      \
    a3 = FMA(x, y, a3); a4 = FMA(x, y, a4); a5 = FMA(x, y, a5);                      \
    a6 = FMA(x, y, a6); a7 = FMA(x, y, a7); a8 = FMA(x, y, a8);                      \
    a9 = FMA(x, y, a9); a10 = FMA(x, y, a10); a11 = FMA(x, y, a11);                  \
  }

/* GFLOPS of 12 chains of 8-float FMAs; the sum keeps every chain alive. */
__attribute__((target("avx2,fma"))) static double peak256(float *sink) {
  double start = now();
  CHAINS(__m256, _mm256_set1_ps, _mm256_fmadd_ps)
  __m256 s = _mm256_add_ps(_mm256_add_ps(_mm256_add_ps(a0, a1), _mm256_add_ps(a2, a3)),
                           _mm256_add_ps(_mm256_add_ps(a4, a5), _mm256_add_ps(a6, a7)));
  s = _mm256_add_ps(s, _mm256_add_ps(_mm256_add_ps(a8, a9), _mm256_add_ps(a10, a11)));
  double seconds = now() - start;
  float lanes[8];
  _mm256_storeu_ps(lanes, s);
  *sink += lanes[0];
  return 2.0 * 12 * 8 * STEPS / seconds / 1e9;
}

/* GFLOPS of 12 chains of 16-float FMAs. */
__attribute__((target("avx512f"))) static double peak512(float *sink) {
  double start = now();
  CHAINS(__m512, _mm512_set1_ps, _mm512_fmadd_ps)
  __m512 s = _mm512_add_ps(_mm512_add_ps(_mm512_add_ps(a0, a1), _mm512_add_ps(a2, a3)),
                           _mm512_add_ps(_mm512_add_ps(a4, a5), _mm512_add_ps(a6, a7)));
  s = _mm512_add_ps(s, _mm512_add_ps(_mm512_add_ps(a8, a9), _mm512_add_ps(a10, a11)));
  double seconds = now() - start;
  *sink += _mm512_reduce_add_ps(s);
  return 2.0 * 12 * 16 * STEPS / seconds / 1e9;
}

int main(void) {
  float sink = 0;
  if (!__builtin_cpu_supports("avx2") || !__builtin_cpu_supports("fma")) {
    fprintf(stderr, "this CPU has no AVX2 with FMA\n");
    return 2;
  }
  for (int round = 0; round < 3; round++) {
    printf("fma-peak 256-bit, 12 chains: %.1f GFLOPS\n", peak256(&sink));
  }
  if (__builtin_cpu_supports("avx512f")) {
    for (int round = 0; round < 3; round++) {
      printf("fma-peak 512-bit, 12 chains: %.1f GFLOPS\n", peak512(&sink));
    }
  }
  return sink == 12345.0f; /* never: keeps the sums */
}

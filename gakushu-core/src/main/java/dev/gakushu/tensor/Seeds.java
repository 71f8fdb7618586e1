package dev.gakushu.tensor;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Derives independent child seeds from a run's one seed, so that initialisation, shuffling, dropout
 * and each tuning trial draw from their own streams. Adding a new stream never shifts the numbers
 * of an existing one. Every {@code long} is a valid seed.
 */
public final class Seeds {
  /** SplitMix64's increment γ, the odd integer nearest 2⁶⁴/φ (as {@link SplittableRandom}'s). */
  static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

  private Seeds() {}

  /**
   * The seed of the stream named {@code purpose} under {@code seed}: h = seed, then h = mix(h ⊕ b)
   * for each UTF-8 byte b of the name, and finally mix(h + γ), which is the first {@code long} of a
   * {@link SplittableRandom} seeded h (γ = 0x9E3779B97F4A7C15, SplitMix64's increment).
   */
  public static long derive(long seed, String purpose) {
    long h = seed;
    for (byte b : purpose.getBytes(StandardCharsets.UTF_8)) {
      h = mix(h ^ (b & 0xff));
    }
    return mix(h + GOLDEN_GAMMA);
  }

  /**
   * The seed of the {@code index}-th member of a numbered family of streams under {@code seed}:
   * mix(seed ⊕ mix(index + γ)).
   */
  public static long derive(long seed, long index) {
    return mix(seed ^ mix(index + GOLDEN_GAMMA));
  }

  /** A generator for the stream named {@code purpose} under {@code seed}. */
  public static SplittableRandom stream(long seed, String purpose) {
    return new SplittableRandom(derive(seed, purpose));
  }

  /**
   * SplitMix64's finaliser (Stafford's variant 13, as {@link SplittableRandom}'s): a bijection on
   * 64-bit values with good avalanche.
   */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}

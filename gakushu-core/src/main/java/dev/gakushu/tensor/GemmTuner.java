package dev.gakushu.tensor;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * A short measured search for the fastest {@link GemmChoice} of one vector size, as FFTW's wisdom
 * and ATLAS's install-time search do: one coordinate at a time, from the choice used without a
 * tuning ({@link GemmChoice#fallback}, the cache-size rule of {@link GemmBlocking}):
 *
 * <ol>
 *   <li>the tile: each tile of the width ({@link GemmTile#forBits}), with the rule's blocks;
 *   <li>KC: the winner's KC, half of it, twice and four times it (multiples of 8 in [64, 4096]), MC
 *       and NC by the rule for each ({@link GemmBlocking#forDepth}). Four times reaches past the
 *       depth of the products training makes (784, 1024), so the search can try them unblocked: on
 *       a Sapphire Rapids core a 12 × 32 tile ran 1024³ at 1.1× the speed with KC 1024 as with 384,
 *       since each depth block loads and stores every tile of C again;
 *   <li>MC: the winner's, half of it and twice it (multiples of MR);
 *   <li>NC: the winner's and half of it (multiples of NR).
 * </ol>
 *
 * In each step the candidates are timed in turn, round after round, for the step's share of the
 * budget and at least {@value #MIN_ROUNDS} rounds, so that they all see the same load; each keeps
 * its lowest score, and the step's incumbent (listed first) gives way to the fastest only if that
 * is more than 2 % faster, so that noise does not move the choice. Every choice gives the same
 * bits, so the search changes the speed only; {@link #space} lists every choice it can return.
 */
final class GemmTuner {
  /** Rounds of a step at the least, whatever its budget. */
  static final int MIN_ROUNDS = 2;

  /** A candidate must score below this fraction of the incumbent's to replace it. */
  static final double MARGIN = 0.98;

  /** The deepest block the search tries. */
  static final int MAX_KC = 4096;

  /** The budget's shares: warm-up, tiles, KC, MC, NC. */
  private static final double[] SHARES = {0.2, 0.35, 0.15, 0.15, 0.15};

  /** Scores choices: lower is faster (e.g. seconds per flop over a set of products). */
  interface Timing {
    /** Runs the choices for at least {@code nanos} before anything is timed (for the JIT). */
    void warmUp(List<GemmChoice> choices, long nanos);

    /** One measurement of the choice. */
    double score(GemmChoice choice);
  }

  private final int bits;
  private final CacheSizes caches;
  private final Timing timing;
  private final LongSupplier clock;

  /**
   * @param clock nanoseconds, e.g. {@code System::nanoTime}
   */
  GemmTuner(int bits, CacheSizes caches, Timing timing, LongSupplier clock) {
    this.bits = bits;
    this.caches = caches;
    this.timing = timing;
    this.clock = clock;
  }

  /** The fastest choice found within about {@code budgetNanos}. */
  GemmChoice search(long budgetNanos) {
    List<GemmChoice> tiles = tiles(bits, caches);
    timing.warmUp(tiles, (long) (budgetNanos * SHARES[0]));
    GemmChoice best = pick(tiles, (long) (budgetNanos * SHARES[1]));
    best = pick(depths(best, bits, caches), (long) (budgetNanos * SHARES[2]));
    best = pick(rowBlocks(best, bits), (long) (budgetNanos * SHARES[3]));
    return pick(columnBlocks(best, bits), (long) (budgetNanos * SHARES[4]));
  }

  /**
   * The best of the candidates, the first being the incumbent: each timed once per round, in turn,
   * until {@value #MIN_ROUNDS} rounds are done and the budget is spent.
   */
  GemmChoice pick(List<GemmChoice> candidates, long budgetNanos) {
    double[] lowest = new double[candidates.size()];
    java.util.Arrays.fill(lowest, Double.POSITIVE_INFINITY);
    long start = clock.getAsLong();
    for (int round = 0; round < MIN_ROUNDS || clock.getAsLong() - start < budgetNanos; round++) {
      for (int i = 0; i < candidates.size(); i++) {
        lowest[i] = Math.min(lowest[i], timing.score(candidates.get(i)));
      }
    }
    int fastest = 0;
    for (int i = 1; i < candidates.size(); i++) {
      if (lowest[i] < lowest[fastest]) {
        fastest = i;
      }
    }
    return candidates.get(lowest[fastest] < MARGIN * lowest[0] ? fastest : 0);
  }

  /** Step 1: every tile of the width with the rule's blocks, the fallback first. */
  static List<GemmChoice> tiles(int bits, CacheSizes caches) {
    List<GemmChoice> choices = new ArrayList<>();
    for (GemmTile tile : GemmTile.forBits(bits)) {
      int nr = GemmChoice.nr(bits, tile);
      choices.add(new GemmChoice(tile, GemmBlocking.of(tile.rows(), nr, caches)));
    }
    return choices;
  }

  /**
   * Step 2: KC, half, twice and four times (multiples of 8 in [64, 4096]), MC and NC by the rule.
   */
  static List<GemmChoice> depths(GemmChoice from, int bits, CacheSizes caches) {
    int mr = from.tile().rows();
    int nr = GemmChoice.nr(bits, from.tile());
    Set<GemmChoice> choices = new LinkedHashSet<>();
    choices.add(from);
    int kc = from.blocking().kc();
    for (int other : new int[] {kc / 2 / 8 * 8, kc * 2, kc * 4}) {
      if (other >= 64 && other <= MAX_KC) {
        choices.add(new GemmChoice(from.tile(), GemmBlocking.forDepth(other, mr, nr, caches)));
      }
    }
    return List.copyOf(choices);
  }

  /** Step 3: MC, half and twice, in multiples of MR. */
  static List<GemmChoice> rowBlocks(GemmChoice from, int bits) {
    int mr = from.tile().rows();
    GemmBlocking b = from.blocking();
    return variants(
        from,
        bits,
        new GemmBlocking(b.kc(), Math.max(mr, b.mc() / 2 / mr * mr), b.nc()),
        new GemmBlocking(b.kc(), b.mc() * 2, b.nc()));
  }

  /** Step 4: NC and half of it, in multiples of NR. */
  static List<GemmChoice> columnBlocks(GemmChoice from, int bits) {
    int nr = GemmChoice.nr(bits, from.tile());
    GemmBlocking b = from.blocking();
    return variants(
        from, bits, new GemmBlocking(b.kc(), b.mc(), Math.max(nr, b.nc() / 2 / nr * nr)));
  }

  /** {@code from}, then each other blocking that a kernel can run with, without repeats. */
  private static List<GemmChoice> variants(GemmChoice from, int bits, GemmBlocking... others) {
    Set<GemmChoice> choices = new LinkedHashSet<>();
    choices.add(from);
    for (GemmBlocking other : others) {
      GemmChoice c = new GemmChoice(from.tile(), other);
      if (c.runsAt(bits)) {
        choices.add(c);
      }
    }
    return List.copyOf(choices);
  }

  /** Every choice {@link #search} can return for this width and these caches. */
  static Set<GemmChoice> space(int bits, CacheSizes caches) {
    Set<GemmChoice> all = new LinkedHashSet<>();
    for (GemmChoice tile : tiles(bits, caches)) {
      for (GemmChoice depth : depths(tile, bits, caches)) {
        for (GemmChoice rows : rowBlocks(depth, bits)) {
          all.addAll(columnBlocks(rows, bits));
        }
      }
    }
    return all;
  }
}

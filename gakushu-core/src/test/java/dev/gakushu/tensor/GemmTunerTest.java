package dev.gakushu.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** The tuner's search with scores made up, on a clock that advances one unit per score. */
class GemmTunerTest {
  /** 32 KiB L1d, 512 KiB L2, 32 MiB L3: a Zen 3 core. */
  private static final CacheSizes ZEN3 = new CacheSizes(32 << 10, 512 << 10, 32 << 20);

  private static final GemmTile T6X2 = new GemmTile(6, 2);
  private static final GemmTile T4X3 = new GemmTile(4, 3);

  /** Scores from a function, each call recorded, the clock one unit on per call. */
  private static final class FakeTiming implements GemmTuner.Timing {
    final ToDoubleFunction<GemmChoice> scores;
    final List<GemmChoice> timed = new ArrayList<>();
    final List<GemmChoice> warmedUp = new ArrayList<>();
    long warmUpNanos = -1;
    long clock;

    FakeTiming(ToDoubleFunction<GemmChoice> scores) {
      this.scores = scores;
    }

    @Override
    public void warmUp(List<GemmChoice> choices, long nanos) {
      warmedUp.addAll(choices);
      warmUpNanos = nanos;
    }

    @Override
    public double score(GemmChoice choice) {
      timed.add(choice);
      clock++;
      return scores.applyAsDouble(choice);
    }

    GemmTuner tuner(int bits) {
      return new GemmTuner(bits, ZEN3, this, () -> clock);
    }
  }

  private static GemmChoice choice(GemmTile tile, int kc, int mc, int nc) {
    return new GemmChoice(tile, new GemmBlocking(kc, mc, nc));
  }

  @Test
  void theCandidatesOfEachStepOnAZen3Core() {
    // KC: 32768 / (4·16) = 512; MC: 262144 / (4·512) = 128 → 126; NC: 8 MiB / 2048 = 4096
    GemmChoice rule = GemmChoice.fallback(256, ZEN3);
    assertThat(rule).isEqualTo(choice(T6X2, 512, 126, 4096));
    assertThat(GemmTuner.tiles(256, ZEN3))
        .containsExactly(rule, choice(T4X3, 336, 192, 4080)); // 32768/96 = 341 → 336
    assertThat(GemmTuner.depths(rule, 256, ZEN3))
        .containsExactly(
            rule,
            choice(T6X2, 256, 252, 4096),
            choice(T6X2, 1024, 60, 2048),
            choice(T6X2, 2048, 30, 1024));
    assertThat(GemmTuner.rowBlocks(rule, 256))
        .containsExactly(rule, choice(T6X2, 512, 60, 4096), choice(T6X2, 512, 252, 4096));
    assertThat(GemmTuner.columnBlocks(rule, 256))
        .containsExactly(rule, choice(T6X2, 512, 126, 2048));
    // at 512 bits two tiles, 8 × 32 and 12 × 32 (MC a multiple of 12: 262144/1024 = 256 → 252)
    assertThat(GemmTuner.tiles(512, ZEN3))
        .containsExactly(
            choice(new GemmTile(8, 2), 256, 256, 4096),
            choice(new GemmTile(12, 2), 256, 252, 4096));
  }

  @Test
  void theStepsStayWithinTheirBoundsAndTheBlocksAKernelCanRun() {
    // KC 64 is not halved (below 64), KC 1024 is doubled and quadrupled (up to 4096) and KC 2048
    // only doubled, a one-tile MC or NC is not
    // halved, and an MC whose double would exceed the packed block's limit is not doubled
    CacheSizes tiny = new CacheSizes(1 << 10, 4 << 10, 16 << 10);
    GemmChoice low = GemmChoice.fallback(256, tiny);
    assertThat(low.blocking().kc()).isEqualTo(64);
    assertThat(GemmTuner.depths(low, 256, tiny))
        .extracting(c -> c.blocking().kc())
        .containsExactly(64, 128, 256);
    GemmChoice oneTile = choice(T6X2, 64, 6, 16);
    assertThat(GemmTuner.rowBlocks(oneTile, 256))
        .containsExactly(oneTile, choice(T6X2, 64, 12, 16));
    assertThat(GemmTuner.columnBlocks(oneTile, 256)).containsExactly(oneTile);
    GemmChoice deep = choice(T6X2, 1024, 6, 16);
    assertThat(GemmTuner.depths(deep, 256, ZEN3))
        .extracting(c -> c.blocking().kc())
        .containsExactly(1024, 512, 2048, 4096);
    assertThat(GemmTuner.depths(choice(T6X2, 2048, 6, 16), 256, ZEN3))
        .extracting(c -> c.blocking().kc())
        .containsExactly(2048, 1024, 4096);
    // the least KC, 64, is tried: half of 128
    assertThat(GemmTuner.depths(choice(T6X2, 128, 6, 16), 256, ZEN3))
        .extracting(c -> c.blocking().kc())
        .containsExactly(128, 64, 256, 512);
    GemmChoice big = choice(T6X2, 2048, 6144, 16);
    assertThat(GemmTuner.rowBlocks(big, 256)).containsExactly(big, choice(T6X2, 2048, 3072, 16));
  }

  @Test
  void eachStepTakesTheFastestCandidateAndBuildsOnIt() {
    // 4 × 24 fastest; then KC 336 / 2 = 168; MC then its half, NC its half
    Map<GemmChoice, Double> scores = new HashMap<>();
    GemmChoice tile = choice(T4X3, 336, 192, 4080);
    GemmChoice depth = new GemmChoice(T4X3, GemmBlocking.forDepth(168, 4, 24, ZEN3));
    GemmChoice rows = choice(T4X3, 168, depth.blocking().mc() / 2 / 4 * 4, depth.blocking().nc());
    GemmChoice columns =
        choice(T4X3, 168, rows.blocking().mc(), rows.blocking().nc() / 2 / 24 * 24);
    scores.put(tile, 9.0);
    scores.put(depth, 8.0);
    scores.put(rows, 7.0);
    scores.put(columns, 6.0);
    FakeTiming timing = new FakeTiming(c -> scores.getOrDefault(c, 10.0));
    assertThat(timing.tuner(256).search(1000)).isEqualTo(columns);
    assertThat(timing.warmedUp).isEqualTo(GemmTuner.tiles(256, ZEN3));
    assertThat(timing.warmUpNanos).isEqualTo(200);
    assertThat(GemmTuner.space(256, ZEN3)).contains(tile, depth, rows, columns);
  }

  @Test
  void theIncumbentGivesWayOnlyToACandidateMoreThanTwoPercentFaster() {
    GemmChoice incumbent = choice(T6X2, 512, 126, 4096);
    GemmChoice close = choice(T6X2, 256, 252, 4096);
    GemmChoice faster = choice(T6X2, 1024, 60, 2048);
    FakeTiming within = new FakeTiming(c -> c.equals(incumbent) ? 100 : 98.01);
    assertThat(within.tuner(256).pick(List.of(incumbent, close), 10)).isEqualTo(incumbent);
    // exactly the margin is not below it
    FakeTiming at = new FakeTiming(c -> c.equals(incumbent) ? 100 : GemmTuner.MARGIN * 100);
    assertThat(at.tuner(256).pick(List.of(incumbent, close), 10)).isEqualTo(incumbent);
    FakeTiming beyond =
        new FakeTiming(c -> c.equals(incumbent) ? 100 : c.equals(close) ? 97.9 : 97);
    assertThat(beyond.tuner(256).pick(List.of(incumbent, close, faster), 10)).isEqualTo(faster);
  }

  @Test
  void eachCandidateKeepsItsLowestScoreOverRoundsInTurn() {
    GemmChoice first = choice(T6X2, 512, 126, 4096);
    GemmChoice second = choice(T4X3, 336, 192, 4080);
    // the second is slow in its first round only (the JIT), then faster than the first
    Map<GemmChoice, Integer> calls = new HashMap<>();
    FakeTiming timing =
        new FakeTiming(
            c -> {
              int n = calls.merge(c, 1, Integer::sum);
              return c.equals(first) ? 10 : n == 1 ? 1000 : 5;
            });
    assertThat(timing.tuner(256).pick(List.of(first, second), 0)).isEqualTo(second);
    // no budget: the least rounds, each candidate once per round, in turn
    assertThat(timing.timed).containsExactly(first, second, first, second);
  }

  @Test
  void aStepRunsRoundsUntilItsBudgetIsSpent() {
    GemmChoice first = choice(T6X2, 512, 126, 4096);
    GemmChoice second = choice(T4X3, 336, 192, 4080);
    FakeTiming timing = new FakeTiming(c -> 1);
    timing.tuner(256).pick(List.of(first, second), 8);
    // the clock advances 2 per round: rounds start at 0, 2, 4 and 6 (< 8), not at 8
    assertThat(timing.timed).hasSize(8);
  }

  @Test
  void eachStepRunsForItsShareOfTheBudget() {
    // equal scores: every step keeps its incumbent, the rule's choice (2 tiles; KC 512 and its
    // half, double and quadruple; MC 126 and its half and double; NC 4096 and its half). Budget
    // 1000 clock units, one unit per score: tiles 35 % (350 / 2 candidates: 175 rounds), KC,
    // MC and NC 15 % each (150 / 4: 38 rounds; 150 / 3: 50; 150 / 2: 75), the steps one after
    // the other on the one clock
    FakeTiming timing = new FakeTiming(c -> 1);
    GemmChoice rule = GemmChoice.fallback(256, ZEN3);
    assertThat(timing.tuner(256).search(1000)).isEqualTo(rule);
    List<GemmChoice> expected = new ArrayList<>();
    expected.addAll(rounds(GemmTuner.tiles(256, ZEN3), 175));
    expected.addAll(rounds(GemmTuner.depths(rule, 256, ZEN3), 38));
    expected.addAll(rounds(GemmTuner.rowBlocks(rule, 256), 50));
    expected.addAll(rounds(GemmTuner.columnBlocks(rule, 256), 75));
    assertThat(expected).hasSize(350 + 152 + 150 + 150);
    assertThat(timing.timed).isEqualTo(expected);
  }

  /** The candidates in turn, {@code n} times over. */
  private static List<GemmChoice> rounds(List<GemmChoice> candidates, int n) {
    List<GemmChoice> all = new ArrayList<>();
    for (int round = 0; round < n; round++) {
      all.addAll(candidates);
    }
    return all;
  }

  @Property(tries = 50)
  void whateverTheScoresTheChoiceIsInTheSpace(
      @ForAll @IntRange(min = 0, max = 1_000_000) int salt,
      @ForAll @IntRange(min = 0, max = 2) int width) {
    int bits = new int[] {128, 256, 512}[width];
    FakeTiming timing = new FakeTiming(c -> (c.hashCode() ^ salt) & 0xff);
    GemmChoice found = timing.tuner(bits).search(100);
    assertThat(GemmTuner.space(bits, ZEN3)).contains(found);
    assertThat(found.runsAt(bits)).isTrue();
  }
}

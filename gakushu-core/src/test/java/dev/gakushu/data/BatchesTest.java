package dev.gakushu.data;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gakushu.tensor.Matrix;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class BatchesTest {
  /** A data set whose single feature is the row number, so batches show which rows they hold. */
  private static Dataset numbered(int n) {
    Matrix x = new Matrix(n, 1);
    for (int i = 0; i < n; i++) {
      x.set(i, 0, i);
    }
    return new Dataset("numbered", x, new int[n], List.of("only"));
  }

  private static List<Integer> epochRows(Batches batches, int epoch) {
    batches.beginEpoch(epoch);
    List<Integer> rows = new ArrayList<>();
    for (int b = 0; b < batches.batchesPerEpoch(); b++) {
      for (float v : batches.batch(b).features().data()) {
        rows.add((int) v);
      }
    }
    return rows;
  }

  @Property(tries = 50)
  void everyEpochVisitsEveryRowOnce(
      @ForAll @IntRange(min = 1, max = 300) int n,
      @ForAll @IntRange(min = 1, max = 64) int batchSize,
      @ForAll long seed) {
    Batches batches = new Batches(numbered(n), batchSize, true, seed);
    assertThat(batches.batchesPerEpoch())
        .isEqualTo((n + Math.min(batchSize, n) - 1) / Math.min(batchSize, n));
    for (int epoch = 1; epoch <= 3; epoch++) {
      List<Integer> rows = epochRows(batches, epoch);
      assertThat(rows).hasSize(n).doesNotHaveDuplicates();
    }
  }

  @Property(tries = 20)
  void ordersDependOnlyOnSeedAndEpoch(@ForAll long seed) {
    Batches a = new Batches(numbered(100), 7, true, seed);
    Batches b = new Batches(numbered(100), 7, true, seed);
    List<Integer> epoch2 = epochRows(a, 2);
    epochRows(b, 1);
    epochRows(b, 5);
    assertThat(epochRows(b, 2)).isEqualTo(epoch2);
    assertThat(epochRows(a, 3)).isNotEqualTo(epoch2);
  }

  @Property(tries = 10)
  void withoutShufflingTheStoredOrderIsKept(@ForAll @IntRange(min = 1, max = 50) int n) {
    Batches batches = new Batches(numbered(n), 8, false, 1);
    List<Integer> expected = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      expected.add(i);
    }
    assertThat(epochRows(batches, 4)).isEqualTo(expected);
  }
}

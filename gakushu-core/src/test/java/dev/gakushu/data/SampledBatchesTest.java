package dev.gakushu.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SampledBatchesTest {
  private static final Dataset DIGITS = EmbeddedDigits.load();

  @Test
  void drawsRowsWithReplacementAsTheBooksRandomChoiceFromOneStream() {
    SampledBatches batches = new SampledBatches(DIGITS, 7, 3, 11);
    SplittableRandom reference = new SplittableRandom(11);
    for (int epoch = 1; epoch <= 2; epoch++) {
      batches.beginEpoch(epoch);
      for (int b = 0; b < 3; b++) {
        Batches.Batch batch = batches.batch(b);
        for (int i = 0; i < 7; i++) {
          int row = reference.nextInt(DIGITS.size());
          assertThat(batch.labels()[i]).isEqualTo(DIGITS.labels()[row]);
          assertThat(batch.features().get(i, 20)).isEqualTo(DIGITS.features().get(row, 20));
        }
      }
    }
    assertThat(batches.rowsPerEpoch()).isEqualTo(21);
  }

  @Test
  void aBatchAskedForOutOfOrderIsTheSameAsInOrder() {
    SampledBatches inOrder = new SampledBatches(DIGITS, 5, 4, 3);
    int[] expected = null;
    for (int epoch = 1; epoch <= 3; epoch++) {
      inOrder.beginEpoch(epoch);
      for (int b = 0; b < 4; b++) {
        int[] labels = inOrder.batch(b).labels().clone();
        if (epoch == 3 && b == 2) {
          expected = labels;
        }
      }
    }
    SampledBatches resumed = new SampledBatches(DIGITS, 5, 4, 3);
    resumed.beginEpoch(3);
    assertThat(resumed.batch(2).labels()).containsExactly(expected);
  }
}

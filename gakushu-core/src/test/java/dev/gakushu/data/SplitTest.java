package dev.gakushu.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.gakushu.BadInputException;
import dev.gakushu.tensor.Matrix;
import java.util.List;
import org.junit.jupiter.api.Test;

class SplitTest {
  private final Dataset digits = EmbeddedDigits.load();

  @Test
  void embeddedDigitsHaveTheDocumentedShape() {
    assertThat(digits.size()).isEqualTo(1797);
    assertThat(digits.featureCount()).isEqualTo(64);
    assertThat(digits.classCount()).isEqualTo(10);
    assertThat(digits.classCounts())
        .containsExactly(178, 182, 177, 183, 181, 182, 181, 179, 174, 180);
    // first row of the CSV: 0,0,5,13,9,1,0,0,... label 0
    assertThat(digits.features().get(0, 2)).isEqualTo(5 / 16f);
    assertThat(digits.labels()[0]).isZero();
    for (float v : digits.features().data()) {
      assertThat(v).isBetween(0f, 1f);
    }
  }

  @Test
  void partsAreDisjointCoverEverythingAndAreStratified() {
    Split split = Split.stratified(digits, 0.2, 0.2, 7);
    assertThat(split.train().size() + split.validation().size() + split.test().size())
        .isEqualTo(1797);
    int[] all = digits.classCounts();
    int[] test = split.test().classCounts();
    int[] validation = split.validation().classCounts();
    assertThat(split.test().size()).isEqualTo(Math.round(1797 * 0.2));
    assertThat(split.validation().size()).isEqualTo(Math.round(1797 * 0.2));
    for (int c = 0; c < 10; c++) {
      assertThat(Math.abs(test[c] - all[c] * 0.2)).isLessThan(1);
      assertThat(Math.abs(validation[c] - all[c] * 0.2)).isLessThan(1);
    }
    // every original row appears in exactly one part: compare multisets of row contents
    List<String> original = contents(digits);
    List<String> parts = new java.util.ArrayList<>(contents(split.train()));
    parts.addAll(contents(split.validation()));
    parts.addAll(contents(split.test()));
    java.util.Collections.sort(original);
    java.util.Collections.sort(parts);
    assertThat(parts).isEqualTo(original);
  }

  private static List<String> contents(Dataset d) {
    List<String> rows = new java.util.ArrayList<>();
    for (int r = 0; r < d.size(); r++) {
      float[] row = new float[d.featureCount()];
      System.arraycopy(d.features().data(), r * d.featureCount(), row, 0, row.length);
      rows.add(java.util.Arrays.toString(row) + "|" + d.labels()[r]);
    }
    return rows;
  }

  @Test
  void theSameSeedGivesTheSameSplitAndAnotherSeedAnother() {
    Split a = Split.stratified(digits, 0.2, 0.2, 7);
    Split b = Split.stratified(digits, 0.2, 0.2, 7);
    Split c = Split.stratified(digits, 0.2, 0.2, 8);
    assertThat(a.test().features()).isEqualTo(b.test().features());
    assertThat(a.test().features()).isNotEqualTo(c.test().features());
  }

  @Test
  void largestRemaindersMakeTheTotalsExact() {
    // 3 classes of 5 rows, share 0.3: 1.5 each, 4.5 → 5 rows in all, the two first classes get the
    // extra
    assertThat(Split.quotas(new int[] {5, 5, 5}, 0.3)).containsExactly(2, 2, 1);
    assertThat(
            Split.quotas(
                new int[] {6000, 6000, 6000, 6000, 6000, 6000, 6000, 6000, 6000, 6000}, 1.0 / 6))
        .containsOnly(1000);
  }

  @Test
  void aDataSetsOwnTestPartIsKeptWhole() {
    Split split =
        Split.withOwnTest(digits, digits.subset("own-test", new int[] {0, 1, 2}), 0.25, 5);
    assertThat(split.test().size()).isEqualTo(3);
    assertThat(split.validation().size()).isEqualTo(Math.round(1797 * 0.25));
    assertThat(split.train().size()).isEqualTo(1797 - Math.round(1797 * 0.25));
  }

  @Test
  void aZeroValidationShareLeavesAnEmptyValidationPart() {
    Split split = Split.stratified(digits, 0, 0.2, 1);
    assertThat(split.validation().size()).isZero();
  }

  @Test
  void impossibleSharesAndTinyClassesAreRejected() {
    assertThatThrownBy(() -> Split.stratified(digits, 0.5, 0.5, 1))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("0.5");
    Dataset tiny = new Dataset("tiny", new Matrix(3, 1), new int[] {0, 0, 1}, List.of("a", "b"));
    assertThatThrownBy(() -> Split.stratified(tiny, 0.5, 0.4, 1))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("class 'a' has 2 rows");
  }

  @Test
  void standardisationIsFittedOnTheTrainingPartOnly() {
    Split split = Split.stratified(digits, 0.2, 0.2, 3);
    Standardizer fitted = Standardizer.fit(split.train());
    Split standardized = split.standardized();
    Dataset train = standardized.train();
    // column 20 varies; on the training part it now has mean 0 and deviation 1
    double sum = 0;
    double squares = 0;
    for (int r = 0; r < train.size(); r++) {
      double v = train.features().get(r, 20);
      sum += v;
      squares += v * v;
    }
    assertThat(sum / train.size()).isCloseTo(0, within(1e-5));
    assertThat(squares / train.size()).isCloseTo(1, within(1e-4));
    // the test part was transformed with the training statistics, not its own
    float raw = split.test().features().get(0, 20);
    assertThat(standardized.test().features().get(0, 20))
        .isEqualTo((raw - fitted.mean()[20]) / fitted.std()[20]);
    // column 0 is constant (always 0) in digits: centred, not divided by zero
    assertThat(fitted.std()[0]).isEqualTo(1f);
  }
}

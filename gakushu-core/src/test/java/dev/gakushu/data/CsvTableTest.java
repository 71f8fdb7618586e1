package dev.gakushu.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gakushu.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvTableTest {
  @TempDir Path tmp;

  private Path csv(String name, String text) throws IOException {
    return Files.writeString(tmp.resolve(name), text);
  }

  @Test
  void aHeaderIsDetectedAndStringLabelsBecomeSortedClasses() throws IOException {
    Path f = csv("pets.csv", "weight,height,kind\n4.5,30,cat\n30,60,dog\n5,28,cat\n");
    Dataset d = CsvTable.read(f, null);
    assertThat(d.size()).isEqualTo(3);
    assertThat(d.featureCount()).isEqualTo(2);
    assertThat(d.classNames()).containsExactly("cat", "dog");
    assertThat(d.labels()).containsExactly(0, 1, 0);
    assertThat(d.features().get(1, 1)).isEqualTo(60f);
  }

  @Test
  void withoutAHeaderNumericLabelsAreOrderedNumerically() throws IOException {
    Path f = csv("n.csv", "1,2,10\n3,4,2\n5,6,10\n");
    Dataset d = CsvTable.read(f, null);
    assertThat(d.size()).isEqualTo(3);
    assertThat(d.classNames()).containsExactly("2", "10");
    assertThat(d.labels()).containsExactly(1, 0, 1);
  }

  @Test
  void theLabelColumnIsChosenByNameOrIndex() throws IOException {
    Path f = csv("l.csv", "kind,a,b\nx,1,2\ny,3,4\n");
    assertThat(CsvTable.read(f, "kind").classNames()).containsExactly("x", "y");
    assertThat(CsvTable.read(f, "0").features().get(0, 0)).isEqualTo(1f);
    assertThat(CsvTable.read(f, "-3").classNames()).containsExactly("x", "y");
    assertThatThrownBy(() -> CsvTable.read(f, "species"))
        .isInstanceOf(BadInputException.class)
        .hasMessage(
            f
                + ": label column 'species' does not exist; expected one of kind, a, b, or an index from 0 to 2 "
                + "(negative from the end)");
  }

  @Test
  void raggedRowsAreNamedByLine() throws IOException {
    Path f = csv("r.csv", "a,b,c\n1,2,0\n\n3,4\n");
    assertThatThrownBy(() -> CsvTable.read(f, null))
        .isInstanceOf(BadInputException.class)
        .hasMessage(f + " line 4: 2 fields, expected 3 like the header");
  }

  @Test
  void aNonNumericFeatureIsNamedByLineAndColumn() throws IOException {
    Path f = csv("t.csv", "a,b,c\n1,2,0\n3,abc,1\n");
    assertThatThrownBy(() -> CsvTable.read(f, null))
        .hasMessage(f + " line 3, column 1 ('b'): 'abc' is not a number");
  }

  @Test
  void nanAndInfinityAreRejected() throws IOException {
    Path nan = csv("nan.csv", "1,NaN,0\n1,2,1\n");
    Path inf = csv("inf.csv", "1,2,0\n1,-Infinity,1\n");
    assertThatThrownBy(() -> CsvTable.read(nan, null))
        .hasMessage(nan + " line 1, column 1: 'NaN' is not finite; " + "expected a finite number");
    assertThatThrownBy(() -> CsvTable.read(inf, null))
        .hasMessageContaining("line 2, column 1: '-Infinity' is not finite");
  }

  @Test
  void emptyFilesAndHeaderOnlyFilesAreRejected() throws IOException {
    Path empty = csv("e.csv", "");
    Path headerOnly = csv("h.csv", "a,b,label\n");
    assertThatThrownBy(() -> CsvTable.read(empty, null))
        .hasMessage(empty + ": empty; expected rows of numeric features and a label");
    assertThatThrownBy(() -> CsvTable.read(headerOnly, null))
        .hasMessage(headerOnly + ": has a header but no data rows");
    assertThatThrownBy(() -> CsvTable.read(tmp.resolve("missing.csv"), null))
        .hasMessageContaining("no such file");
  }

  @Test
  void aTestFileMustUseTheTrainingClassesAndColumns() throws IOException {
    Dataset train = CsvTable.read(csv("train.csv", "a,b,k\n1,2,x\n3,4,y\n"), null);
    Dataset test = CsvTable.readLike(csv("test.csv", "a,b,k\n5,6,y\n"), null, train);
    assertThat(test.labels()).containsExactly(1);
    assertThat(test.classNames()).isEqualTo(train.classNames());
    Path unknown = csv("u.csv", "a,b,k\n5,6,z\n");
    assertThatThrownBy(() -> CsvTable.readLike(unknown, null, train))
        .hasMessage(unknown + " line 2: label 'z' is not one of the training classes [x, y]");
    Path wide = csv("w.csv", "a,b,c,k\n5,6,7,y\n");
    assertThatThrownBy(() -> CsvTable.readLike(wide, null, train))
        .hasMessageContaining("4 columns, but the training file has 3");
  }

  @Test
  void aClassWithTooFewRowsToSplitIsNamed() throws IOException {
    Dataset d = CsvTable.read(csv("few.csv", "1,0\n2,0\n3,1\n4,1\n"), null);
    assertThatThrownBy(() -> Split.stratified(d, 0.4, 0.5, 1))
        .isInstanceOf(BadInputException.class)
        .hasMessage(
            "few.csv: class '0' has 2 rows, too few to split off 2 and keep one for training");
  }

  @Test
  void aFileBeyondTheBudgetIsRefusedByTheLineWhereItCrossesIt() throws IOException {
    Path f = csv("big.csv", "1,2,0\n3,4,1\n5,6,0\n7,8,1\n");
    assertThat(CsvTable.parse(f, null, true, 12).rows()).isEqualTo(4);
    assertThatThrownBy(() -> CsvTable.parse(f, null, true, 11))
        .isInstanceOf(BadInputException.class)
        .hasMessage(
            f + ": more than 11 values by line 4; expected at most 11 (the reader's budget)");
  }

  @Test
  void oneClassIsNoClassification() throws IOException {
    Path f = csv("one.csv", "a,b,k\n1,2,x\n3,4,x\n");
    assertThatThrownBy(() -> CsvTable.read(f, null))
        .hasMessage(
            f
                + ": the label column 'k' holds the one class [x]; expected at least two classes to tell apart");
  }

  @Test
  void wholeNumberLabelsOfAnySizeAreClasses() throws IOException {
    Path f = csv("long.csv", "1,99999999999999999999\n2,-3\n3,007\n");
    assertThat(CsvTable.read(f, null).classNames())
        .containsExactly("-3", "7", "99999999999999999999");
  }

  /**
   * A regression table: 1,437 rows of four features and a target that is a noisy linear function of
   * them, written as a real CSV file.
   */
  private Path regression(String name, boolean wholeNumbers) throws IOException {
    java.util.SplittableRandom random = new java.util.SplittableRandom(7);
    StringBuilder text = new StringBuilder("a,b,c,d,target\n");
    for (int r = 0; r < 1437; r++) {
      double[] x = new double[4];
      double y = random.nextGaussian() * 0.01;
      for (int c = 0; c < 4; c++) {
        x[c] = random.nextDouble();
        y += (c + 1) * x[c];
        text.append(String.format(java.util.Locale.ROOT, "%.4f,", x[c]));
      }
      text.append(
              wholeNumbers
                  ? String.valueOf(Math.round(y * 1e5) + r * 1_000_000L)
                  : String.valueOf(y))
          .append('\n');
    }
    return csv(name, text.toString());
  }

  @Test
  void aContinuousTargetIsRefusedSayingThatGakushuClassifies() throws IOException {
    Path f = regression("data.csv", false);
    assertThatThrownBy(() -> CsvTable.read(f, null))
        .isInstanceOf(BadInputException.class)
        .hasMessageStartingWith(f + ": column \"target\" has 1,437 distinct values in 1,437 rows")
        .hasMessageContaining("Gakushu classifies")
        .hasMessageEndingWith("at most 718 classes for 1,437 rows");
    Path whole = regression("prices.csv", true);
    assertThatThrownBy(() -> CsvTable.read(whole, "target"))
        .hasMessageStartingWith(whole + ": column \"target\" has 1,437 distinct values");
    Path noHeader = csv("n.csv", "1,2,0.5\n3,4,1\n5,6,0.5\n");
    assertThatThrownBy(() -> CsvTable.read(noHeader, null))
        .hasMessageStartingWith(
            noHeader + ": column 2 has 2 distinct values in 3 rows (e.g. '0.5')");
  }

  @Test
  void wholeNumbersWrittenWithAPointAndManyRowsPerClassAreClasses() throws IOException {
    assertThat(CsvTable.read(csv("w.csv", "1,2,1.0\n3,4,2.0\n5,6,1.0\n"), null).classNames())
        .containsExactly("1.0", "2.0");
    assertThat(CsvTable.maxClasses(3)).isEqualTo(20);
    assertThat(CsvTable.maxClasses(100_000)).isEqualTo(1000);
  }
}

package dev.gakushu.data;

import dev.gakushu.BadInputException;
import dev.gakushu.Range;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The training, validation and test parts of a data set.
 *
 * @param validation empty (zero rows) when no validation share was asked for
 */
public record Split(Dataset train, Dataset validation, Dataset test) {

  /**
   * A seeded stratified split of one pool into three parts: round(N·testShare) rows go to the test
   * part and round(N·validationShare) to validation, allotted to the classes in proportion to their
   * sizes (largest remainders first, so the totals are exact); within each class the rows are drawn
   * at random. Each part keeps the original row order.
   *
   * @throws BadInputException if the shares are impossible or a class would have no training row
   */
  public static Split stratified(
      Dataset data, double validationShare, double testShare, long seed) {
    requireShare("validation share", validationShare);
    requireShare("test share", testShare);
    if (validationShare + testShare >= 1) {
      throw new BadInputException(
          "validation share "
              + validationShare
              + " plus test share "
              + testShare
              + " leaves no training data; expected a sum below 1");
    }
    int[] counts = data.classCounts();
    int[] testQuota = quotas(counts, testShare);
    int[] validationQuota = quotas(counts, validationShare);
    List<List<Integer>> parts = assign(data, new int[][] {testQuota, validationQuota}, seed);
    return new Split(
        part(data, "train", parts.get(2)),
        part(data, "validation", parts.get(1)),
        part(data, "test", parts.get(0)));
  }

  /**
   * Splits a data set's own training part into training and validation (stratified, seeded, as
   * {@link #stratified}); {@code test} is the data set's own test part, kept whole.
   */
  public static Split withOwnTest(Dataset pool, Dataset test, double validationShare, long seed) {
    requireShare("validation share", validationShare);
    int[] validationQuota = quotas(pool.classCounts(), validationShare);
    List<List<Integer>> parts = assign(pool, new int[][] {validationQuota}, seed);
    return new Split(
        part(pool, "train", parts.get(1)), part(pool, "validation", parts.get(0)), test);
  }

  /** Largest-remainder apportionment of round(N·share) rows among classes of the given sizes. */
  static int[] quotas(int[] counts, double share) {
    long total = Arrays.stream(counts).asLongStream().sum();
    int wanted = (int) Math.round(total * share);
    int[] quota = new int[counts.length];
    double[] remainder = new double[counts.length];
    int given = 0;
    for (int c = 0; c < counts.length; c++) {
      double exact = counts[c] * share;
      quota[c] = (int) Math.floor(exact);
      remainder[c] = exact - quota[c];
      given += quota[c];
    }
    Integer[] order = new Integer[counts.length];
    for (int c = 0; c < order.length; c++) {
      order[c] = c;
    }
    Arrays.sort(
        order,
        (a, b) ->
            remainder[a] != remainder[b] ? Double.compare(remainder[b], remainder[a]) : a - b);
    for (int k = 0; given < wanted && k < order.length; k++) {
      quota[order[k]]++;
      given++;
    }
    return quota;
  }

  /**
   * Within each class, shuffles the rows and deals quota[0][c] to part 0, quota[1][c] to part 1, …,
   * the rest to the last part.
   */
  private static List<List<Integer>> assign(Dataset data, int[][] quotas, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<List<Integer>> parts = new ArrayList<>();
    for (int p = 0; p <= quotas.length; p++) {
      parts.add(new ArrayList<>());
    }
    int[] labels = data.labels();
    for (int c = 0; c < data.classCount(); c++) {
      int[] rows = rowsOfClass(labels, c);
      Shuffle.shuffle(rows, random);
      int held = 0;
      for (int[] quota : quotas) {
        held += quota[c];
      }
      if (rows.length > 0 && held >= rows.length) {
        throw new BadInputException(
            data.name()
                + ": class '"
                + data.classNames().get(c)
                + "' has "
                + rows.length
                + " rows, too few to split off "
                + held
                + " and keep one for training");
      }
      int next = 0;
      for (int p = 0; p < quotas.length; p++) {
        for (int k = 0; k < quotas[p][c]; k++) {
          parts.get(p).add(rows[next++]);
        }
      }
      while (next < rows.length) {
        parts.get(quotas.length).add(rows[next++]);
      }
    }
    return parts;
  }

  private static void requireShare(String what, double share) {
    if (!Range.SHARE.holds(share)) {
      throw new BadInputException(what + " " + share + " is outside [0, 1)");
    }
  }

  private static int[] rowsOfClass(int[] labels, int c) {
    return java.util.stream.IntStream.range(0, labels.length).filter(i -> labels[i] == c).toArray();
  }

  private static Dataset part(Dataset data, String name, List<Integer> rows) {
    int[] indices = rows.stream().mapToInt(Integer::intValue).toArray();
    Arrays.sort(indices);
    return data.subset(data.name() + "/" + name, indices);
  }

  /**
   * Standardises all three parts in place with statistics fitted on the training part only, and
   * returns the fitted standardizer. The parts are modified: use it on a split nobody else holds.
   */
  public Standardizer standardizeInPlace() {
    Standardizer s = Standardizer.fit(train);
    s.applyInPlace(train);
    s.applyInPlace(validation);
    s.applyInPlace(test);
    return s;
  }

  /** Standardises all three parts with statistics fitted on the training part only (copies). */
  public Split standardized() {
    Standardizer s = Standardizer.fit(train);
    return new Split(s.apply(train), s.apply(validation), s.apply(test));
  }
}

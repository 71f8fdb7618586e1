package dev.gakushu.spec;

import dev.gakushu.data.DataAccess;
import dev.gakushu.data.DataSource;
import dev.gakushu.data.Downloader;
import dev.gakushu.data.Split;
import dev.gakushu.data.Standardizer;
import dev.gakushu.tensor.Seeds;
import java.nio.file.Path;

/**
 * Which data a run uses and how it is split and scaled.
 *
 * @param source {@code digits}, {@code mnist}, {@code fashion-mnist}, a folder of IDX files or a
 *     CSV file
 * @param label the CSV label column by header name or 0-based index (negative from the end); null
 *     for the last
 * @param testFile a CSV file of test rows with the same columns, or null
 * @param validationSplit the share of the training data held out for validation; null for the
 *     source's own rule (10,000 of 60,000 for MNIST-style sets, 0.2 for the others)
 * @param testSplit the share held out for the final test when the data has no test part of its own;
 *     null for 0.2 (and it must be null when the data has a test part)
 * @param standardize whether the features are standardised with the training part's mean and
 *     deviation
 */
public record DataSpec(
    String source,
    String label,
    String testFile,
    Double validationSplit,
    Double testSplit,
    boolean standardize) {
  /** The test share when the data has no test part of its own and none is given. */
  public static final double DEFAULT_TEST_SPLIT = 0.2;

  public DataSpec {
    if (source == null || source.isBlank()) {
      throw new InvalidSpecException(
          "data.source", "''", "digits, mnist, fashion-mnist, a CSV file or a folder");
    }
    if (validationSplit != null) {
      Check.share("data.validation_split", validationSplit);
    }
    if (testSplit != null) {
      Check.share("data.test_split", testSplit);
    }
    if (validationSplit != null && testSplit != null && validationSplit + testSplit >= 1) {
      throw new InvalidSpecException(
          "data.validation_split",
          validationSplit,
          "a share that leaves training data beside a test split of " + testSplit);
    }
  }

  /** {@code source}, split by its default rule and standardised. */
  public static DataSpec of(String source) {
    return new DataSpec(source, null, null, null, null, true);
  }

  public DataSpec withValidationSplit(Double share) {
    return new DataSpec(source, label, testFile, share, testSplit, standardize);
  }

  /**
   * Finds and reads the data, downloading it if needed and allowed, splits it (seeded by {@code
   * seed}'s stream "split", stratified) and standardises it unless told not to.
   *
   * @throws dev.gakushu.BadInputException when the data cannot be found, read or split as asked
   */
  public PreparedData load(DataAccess access, long seed) {
    return prepare(read(access), seed);
  }

  /** Finds and reads the data, unsplit. */
  public DataSource read(DataAccess access) {
    return DataSource.load(
        source,
        access.locations(),
        access.offline(),
        new DataSource.CsvOptions(label, testFile == null ? null : Path.of(testFile)),
        Downloader.standard(),
        access.progress());
  }

  /** Splits and standardises rows already read. */
  public PreparedData prepare(DataSource s, long seed) {
    if (s.test() != null && testSplit != null) {
      throw new InvalidSpecException(
          "data.test_split", testSplit, "none: " + s.name() + " has a test part of its own");
    }
    double validation = validationSplit != null ? validationSplit : s.defaultValidationShare();
    long splitSeed = Seeds.derive(seed, "split");
    Split split =
        s.test() != null
            ? Split.withOwnTest(s.pool(), s.test(), validation, splitSeed)
            : Split.stratified(
                s.pool(),
                validation,
                testSplit != null ? testSplit : DEFAULT_TEST_SPLIT,
                splitSeed);
    Standardizer standardizer = standardize ? split.standardizeInPlace() : null;
    return new PreparedData(s.name(), s.origin(), split, standardizer, s.inputScale());
  }

  /**
   * The data prepared for a run.
   *
   * @param name the data set's name (a file's name, not its path)
   * @param origin where it was read from, for messages
   * @param standardizer the standardisation fitted on the training part, or null
   * @param inputScale the factor the reader applied to the file's raw values
   */
  public record PreparedData(
      String name, String origin, Split split, Standardizer standardizer, double inputScale) {}
}

package dev.gakushu.cli;

import dev.gakushu.data.DataAccess;
import dev.gakushu.data.DataLocations;
import dev.gakushu.spec.DataSpec;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Which data to use and how to split and scale it. Options not given keep the base specification's
 * values.
 */
final class DataOptions {

  @Option(
      names = "--data",
      completionCandidates = Candidates.DataSets.class,
      paramLabel = "SOURCE",
      description = {
        "digits (the default; embedded: 1,797 8x8 handwritten digits from the UCI Optical Recognition of "
            + "Handwritten Digits set, Alpaydin and Kaynak 1998, CC BY 4.0), mnist, fashion-mnist "
            + "(found in --data-dir, $GAKUSHU_DATA, ~/.cache/gakushu or /usr/share/datasets, else downloaded), "
            + "a folder of the four IDX files, or a CSV file."
      })
  String data;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description = "First folder to look in for mnist and fashion-mnist.")
  Path dataDir;

  @Option(
      names = "--offline",
      description = "Never download; fail if the data is not on this machine.")
  boolean offline;

  @Option(
      names = "--label",
      paramLabel = "COLUMN",
      description =
          "CSV label column, by header name or 0-based index (negative from the end; default: the last).")
  String label;

  @Option(
      names = "--test",
      paramLabel = "FILE",
      description =
          "A CSV file of test rows with the same columns (default: none, "
              + "the test rows are split off --data).")
  Path testFile;

  @Option(
      names = "--validation-split",
      paramLabel = "SHARE",
      description =
          "Share of the training data held out for validation, in [0, 1) (default: 0.2; for mnist and "
              + "fashion-mnist 10,000 of the 60,000 training images).")
  Double validationSplit;

  @Option(
      names = "--test-split",
      paramLabel = "SHARE",
      description =
          "Share held out for the final test when the data has no test part of its own, in [0, 1) "
              + "(default: 0.2).")
  Double testSplit;

  @Option(
      names = "--no-standardize",
      description =
          "Keep the features as they are instead of standardising them with the training split's mean and deviation.")
  boolean noStandardize;

  /** The base data settings with the options given applied. */
  DataSpec applyTo(DataSpec base) {
    return new DataSpec(
        data != null ? data : base.source(),
        label != null ? label : base.label(),
        testFile != null ? testFile.toString() : base.testFile(),
        validationSplit != null ? validationSplit : base.validationSplit(),
        testSplit != null ? testSplit : base.testSplit(),
        !noStandardize && base.standardize());
  }

  /** Where to look for data and whether to download it; a download shows a bar on a terminal. */
  DataAccess access() {
    return new DataAccess(
        DataLocations.fromEnvironment(dataDir), offline, ConsoleDownloadProgress.forTerminal());
  }
}

package dev.gakushu.cli;

import dev.gakushu.data.DataLocations;
import dev.gakushu.data.DataSource;
import dev.gakushu.data.Downloader;
import dev.gakushu.data.Split;
import dev.gakushu.data.Standardizer;
import dev.gakushu.tensor.Seeds;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Which data to use and how to split and scale it. */
final class DataOptions {
  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

  @Option(
      names = "--data",
      defaultValue = "digits",
      paramLabel = "SOURCE",
      description = {
        "digits (default; embedded: 1,797 8x8 handwritten digits from the UCI Optical Recognition of "
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

  private DataSource source;
  private Standardizer standardizer;

  void validate() {
    if (validationSplit != null) {
      Checks.share(spec, "--validation-split", validationSplit);
    }
    if (testSplit != null) {
      Checks.share(spec, "--test-split", testSplit);
    }
    if (validationSplit != null && testSplit != null && validationSplit + testSplit >= 1) {
      throw Checks.invalid(
          spec,
          "--validation-split",
          validationSplit,
          "a share that leaves training data beside --test-split " + testSplit);
    }
    if (data.isBlank()) {
      throw Checks.invalid(
          spec, "--data", "''", "digits, mnist, fashion-mnist, a CSV file or a folder");
    }
  }

  /** Finds and reads the data (once), downloading it if needed and allowed. */
  DataSource source(Downloader.Progress progress) {
    if (source == null) {
      source =
          DataSource.load(
              data,
              DataLocations.fromEnvironment(dataDir),
              offline,
              new DataSource.CsvOptions(label, testFile),
              Downloader.standard(),
              progress);
      if (source.test() != null && testSplit != null) {
        throw Checks.invalid(
            spec,
            "--test-split",
            testSplit,
            "no --test-split: " + source.name() + " has a test part of its own");
      }
    }
    return source;
  }

  /**
   * Loads the data and splits it (seeded, stratified), standardising unless told not to. The
   * unsplit rows are not kept: the parts are copies, so holding both would double the memory.
   */
  Split load(long seed, Downloader.Progress progress) {
    DataSource s = source(progress);
    source = s.withoutRows();
    long splitSeed = Seeds.derive(seed, "split");
    Split split =
        s.test() != null
            ? Split.withOwnTest(s.pool(), s.test(), validationShare(s), splitSeed)
            : Split.stratified(
                s.pool(), validationShare(s), testSplit != null ? testSplit : 0.2, splitSeed);
    standardizer = noStandardize ? null : split.standardizeInPlace();
    return split;
  }

  /** The standardisation fitted by {@link #load}, or null when it is off. */
  Standardizer standardizer() {
    return standardizer;
  }

  private double validationShare(DataSource s) {
    return validationSplit != null ? validationSplit : s.defaultValidationShare();
  }

  Map<String, Object> settings() {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("data", source != null ? source.name() : data);
    if (source != null) {
      s.put("data_origin", source.origin());
      s.put("classes", source.pool().classNames());
      s.put("input_scale", source.inputScale());
      s.put("validation_split", validationShare(source));
      s.put("test_split", source.test() != null ? null : testSplit != null ? testSplit : 0.2);
    }
    s.put("standardize", !noStandardize);
    return s;
  }
}

package dev.gakushu.train;

import dev.gakushu.BadInputException;
import dev.gakushu.data.DataAccess;
import dev.gakushu.data.DataSource;
import dev.gakushu.data.Dataset;
import dev.gakushu.data.Split;
import dev.gakushu.io.ModelFile;
import dev.gakushu.spec.DataSpec;
import dev.gakushu.spec.RunSpec;
import java.util.Locale;

/**
 * Measures a saved model on data: by default on the test part of the data set it was trained on,
 * split again as in training (its run specification's seed and shares). A data set is found by its
 * name through the usual lookup; a model never sends evaluation to a file path it stored, so data
 * from a file is named explicitly.
 */
public final class ModelEvaluation {
  private ModelEvaluation() {}

  /** Which rows to measure. */
  public enum Part {
    TEST,
    VALIDATION,
    TRAIN,
    /** Every row of the data (its own test part, when it has one). */
    ALL;

    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** The measurement, on the rows of {@code source}. */
  public record Result(String source, Part part, ClassificationReport report) {}

  /**
   * @param source the data to measure on: a data set's name, a CSV file or an IDX folder; null for
   *     the data set the model was trained on (which must be a named one)
   * @param label the CSV label column, or null for the last
   * @throws BadInputException if the data cannot be found or does not fit the model
   */
  public static Result evaluate(
      ModelFile.Model model, String source, String label, Part part, DataAccess access) {
    RunSpec spec = model.spec();
    if (spec == null && part != Part.ALL) {
      throw new BadInputException(
          "the model holds no run specification (a file of an earlier Gakushu), so the "
              + part.id()
              + " part of its data cannot be split again; expected all of the data to be measured");
    }
    String chosen = source;
    if (chosen == null) {
      String trained = spec != null ? spec.data().source() : null;
      if (trained == null || !DataSource.isNamed(trained)) {
        throw new BadInputException(
            "the model was trained on "
                + (trained == null ? "data it does not name" : "'" + trained + "'")
                + ", which is not a data set this library knows by name; "
                + "expected the data to evaluate on, given explicitly");
      }
      chosen = trained;
    }
    DataSource loaded = new DataSpec(chosen, label, null, null, null, false).read(access);
    Dataset rows;
    if (part == Part.ALL) {
      rows = loaded.test() == null ? loaded.pool() : loaded.test();
    } else {
      DataSpec trainedSplit = spec.data();
      Split split =
          new DataSpec(
                  chosen,
                  label,
                  null,
                  trainedSplit.validationSplit(),
                  loaded.test() != null ? null : trainedSplit.testSplit(),
                  false)
              .prepare(loaded, spec.seed())
              .split();
      rows =
          switch (part) {
            case TRAIN -> split.train();
            case VALIDATION -> split.validation();
            default -> split.test();
          };
    }
    if (rows.featureCount() != model.network().inputs()) {
      throw new BadInputException(
          chosen
              + ": "
              + rows.featureCount()
              + " features; expected data with the model's "
              + model.network().inputs());
    }
    if (!rows.classNames().equals(model.classNames())) {
      throw new BadInputException(
          chosen
              + ": classes "
              + rows.classNames()
              + "; expected the model's classes "
              + model.classNames());
    }
    Dataset prepared = rows.withFeatures(model.prepare(rows.features()));
    return new Result(chosen, part, ClassificationReport.of(model.network(), prepared));
  }
}

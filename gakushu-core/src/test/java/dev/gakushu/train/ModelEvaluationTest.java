package dev.gakushu.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.gakushu.BadInputException;
import dev.gakushu.data.DataAccess;
import dev.gakushu.data.DataLocations;
import dev.gakushu.data.Dataset;
import dev.gakushu.data.Downloader;
import dev.gakushu.data.EmbeddedDigits;
import dev.gakushu.io.ModelFile;
import dev.gakushu.nn.Network;
import dev.gakushu.spec.RunSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A model trained for one epoch on the digits, measured again on each part of its data. */
class ModelEvaluationTest {
  @TempDir static Path tmp;
  private static DataAccess access;
  private static TrainingRun run;
  private static TrainingRun.Outcome outcome;
  private static ModelFile.Model model;

  @BeforeAll
  static void train() {
    access =
        new DataAccess(
            new DataLocations(null, null, tmp.resolve("cache")), true, Downloader.Progress.NONE);
    run =
        TrainingRun.prepare(
            RunSpec.builder().data("digits").hidden(16).epochs(1).seed(8).build(), access);
    try (RunDirectory dir = RunDirectory.createAt(tmp.resolve("run"))) {
      outcome = run.startIn(dir, List.of());
    }
    model = ModelFile.read(tmp.resolve("run").resolve(TrainingRun.MODEL), 1);
  }

  @Test
  void eachPartIsTheOneTrainingSplitOff() {
    ModelEvaluation.Result test =
        ModelEvaluation.evaluate(model, null, null, ModelEvaluation.Part.TEST, access);
    assertThat(test.source()).isEqualTo("digits");
    assertThat(test.part().id()).isEqualTo("test");
    assertThat(test.report().rows()).isEqualTo(outcome.test().rows());
    assertThat(test.report().accuracy()).isEqualTo(outcome.test().accuracy());
    assertThat(test.report().loss()).isCloseTo(outcome.test().loss(), within(1e-6));

    for (var part : List.of(ModelEvaluation.Part.VALIDATION, ModelEvaluation.Part.TRAIN)) {
      Dataset rows =
          part == ModelEvaluation.Part.TRAIN
              ? run.data().split().train()
              : run.data().split().validation();
      ClassificationReport report =
          ModelEvaluation.evaluate(model, "digits", null, part, access).report();
      double[] expected = TrainerTest.lossAndAccuracy(run.network(), rows);
      assertThat(report.rows()).as(part.id()).isEqualTo(rows.size());
      assertThat(report.accuracy()).as(part.id()).isEqualTo(expected[1]);
    }

    ClassificationReport all =
        ModelEvaluation.evaluate(model, null, null, ModelEvaluation.Part.ALL, access).report();
    Dataset digits = EmbeddedDigits.load();
    assertThat(all.rows()).isEqualTo(digits.size());
    Dataset standardized = digits.withFeatures(model.prepare(digits.features()));
    assertThat(all.accuracy())
        .isEqualTo(TrainerTest.lossAndAccuracy(run.network(), standardized)[1]);
  }

  @Test
  void dataThatDoesNotFitTheModelIsRefused() {
    ModelFile.Model unnamed =
        new ModelFile.Model(model.network(), model.standardizer(), model.classNames(), 1, null);
    assertThatThrownBy(
            () -> ModelEvaluation.evaluate(unnamed, null, null, ModelEvaluation.Part.ALL, access))
        .isInstanceOf(BadInputException.class)
        .hasMessageStartingWith("the model was trained on data it does not name, which is not");
    ModelFile.Model fromFile =
        new ModelFile.Model(
            model.network(),
            model.standardizer(),
            model.classNames(),
            1,
            dev.gakushu.spec.RunSpec.builder().data("rows.csv").build());
    assertThatThrownBy(
            () -> ModelEvaluation.evaluate(fromFile, null, null, ModelEvaluation.Part.ALL, access))
        .hasMessageStartingWith("the model was trained on 'rows.csv', which is not a data set");

    Network three = Network.builder(3).dense(10).build(1);
    ModelFile.Model narrow = new ModelFile.Model(three, null, model.classNames(), 1, null);
    assertThatThrownBy(
            () ->
                ModelEvaluation.evaluate(narrow, "digits", null, ModelEvaluation.Part.ALL, access))
        .hasMessage("digits: 64 features; expected data with the model's 3");
    List<String> letters =
        IntStream.range(0, 10).mapToObj(i -> String.valueOf((char) ('a' + i))).toList();
    ModelFile.Model lettered =
        new ModelFile.Model(model.network(), model.standardizer(), letters, 1, null);
    assertThatThrownBy(
            () ->
                ModelEvaluation.evaluate(
                    lettered, "digits", null, ModelEvaluation.Part.ALL, access))
        .hasMessageStartingWith("digits: classes [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]; expected the")
        .hasMessageEndingWith("[a, b, c, d, e, f, g, h, i, j]");
  }
}

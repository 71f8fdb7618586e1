package dev.gakushu.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The codecs of a run directory's metrics and summary (written as JSON text and read back, as the
 * files are), the shape a summary words its widths in, and the kind of run a directory holds.
 */
class RunFilesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  private static JsonNode throughText(Object value) throws Exception {
    return JSON.readTree(JSON.writeValueAsString(value));
  }

  private static Summary summary(
      List<Integer> widths, boolean bn, boolean dropout, Integer epochs, boolean earlyStopping) {
    return new Summary(
        "1.2.3",
        "mnist",
        List.of("a", "b"),
        new Summary.Rows(50, 7, 11),
        "Dense(784→100)",
        widths,
        bn,
        dropout,
        "adam lr 0.001",
        0.25,
        0.875,
        11,
        epochs,
        1234L,
        4.5,
        88.5,
        "model.safetensors",
        0.5,
        0.75,
        earlyStopping,
        earlyStopping ? "no better validation loss for 3 epochs" : null,
        earlyStopping ? 4 : 0);
  }

  @Test
  void aSummaryReadsBackAsTheSameSummary() throws Exception {
    Summary full = summary(List.of(784, 100, 100, 10), true, true, 6, true);
    assertThat(SummaryFile.parse(throughText(SummaryFile.toJson(full)))).isEqualTo(full);
    Summary plain = summary(List.of(4, 3), false, false, 2, false);
    assertThat(SummaryFile.parse(throughText(SummaryFile.toJson(plain)))).isEqualTo(plain);
  }

  @Test
  void aSummaryWritesFinalFiguresOnlyAfterAnEpochAndTheStopOnlyUnderEarlyStopping()
      throws Exception {
    JsonNode none =
        throughText(SummaryFile.toJson(summary(List.of(4, 3), false, false, null, false)));
    assertThat(none.has("epochs")).isTrue();
    assertThat(none.get("epochs").isNull()).isTrue();
    assertThat(none.has("final_train_loss")).isFalse();
    assertThat(none.has("final_validation_accuracy")).isFalse();
    assertThat(none.has("stopped")).isFalse();
    assertThat(none.has("best_epoch")).isFalse();
    Summary back = SummaryFile.parse(none);
    assertThat(back.epochs()).isNull();
    assertThat(back.finalTrainLoss()).isNaN();
    assertThat(back.earlyStopping()).isFalse();
    assertThat(back.bestEpoch()).isZero();

    JsonNode stopped =
        throughText(SummaryFile.toJson(summary(List.of(4, 3), false, false, 5, true)));
    assertThat(stopped.get("final_train_loss").asDouble()).isEqualTo(0.5);
    assertThat(stopped.get("final_validation_accuracy").asDouble()).isEqualTo(0.75);
    assertThat(stopped.get("stopped").asText()).isEqualTo("no better validation loss for 3 epochs");
    assertThat(stopped.get("best_epoch").asInt()).isEqualTo(4);
    assertThat(stopped.get("rows").get("validation").asInt()).isEqualTo(7);
  }

  @Test
  void aSummaryWritesFiguresThatAreNotFiniteAsNullAndReadsThemAsNaN() throws Exception {
    Summary s =
        new Summary(
            "v",
            "d",
            List.of(),
            new Summary.Rows(1, 0, 0),
            "n",
            List.of(2, 2),
            false,
            false,
            "sgd",
            Double.NaN,
            Double.POSITIVE_INFINITY,
            0,
            1,
            3,
            0.5,
            6,
            "m",
            1.5,
            Double.NaN,
            false,
            null,
            0);
    JsonNode n = throughText(SummaryFile.toJson(s));
    assertThat(n.get("test_loss").isNull()).isTrue();
    assertThat(n.get("test_accuracy").isNull()).isTrue();
    assertThat(n.get("final_validation_accuracy").isNull()).isTrue();
    Summary back = SummaryFile.parse(n);
    assertThat(back.testLoss()).isNaN();
    assertThat(back.testAccuracy()).isNaN();
    assertThat(back.finalValidationAccuracy()).isNaN();
    assertThat(back.finalTrainLoss()).isEqualTo(1.5);
  }

  @Test
  void whatIsNotASummaryReadsAsNoneAndAnOldSummaryWithoutWidthsAsNoWidths() throws Exception {
    assertThat(SummaryFile.parse(null)).isNull();
    assertThat(SummaryFile.parse(JSON.readTree("[1, 2]"))).isNull();
    assertThat(SummaryFile.parse(JSON.missingNode())).isNull();
    Summary old = SummaryFile.parse(JSON.readTree("{\"data\": \"iris\", \"epochs\": \"3\"}"));
    assertThat(old.data()).isEqualTo("iris");
    assertThat(old.widths()).isEmpty();
    assertThat(old.epochs()).isNull();
    assertThat(old.gakushuVersion()).isEmpty();
  }

  @Test
  void aSummaryKeepsItsOwnCopiesOfTheLists() {
    List<Integer> widths = new java.util.ArrayList<>(List.of(3, 2));
    Summary s = summary(widths, false, false, 1, false);
    widths.add(9);
    assertThat(s.widths()).containsExactly(3, 2);
  }

  @Test
  void theShapeCountsRepeatedHiddenWidthsOnly() {
    assertThat(summary(List.of(784, 100, 100, 10), false, false, 1, false).shape())
        .isEqualTo("784-100x2-10");
    // the inputs and the outputs are never merged with a hidden width of the same size
    assertThat(summary(List.of(50, 50, 50, 50), false, false, 1, false).shape())
        .isEqualTo("50-50x2-50");
    assertThat(summary(List.of(4, 8, 8, 8, 3), true, false, 1, false).shape())
        .isEqualTo("4-8x3-3 bn");
    assertThat(summary(List.of(4, 8, 9, 8, 3), false, true, 1, false).shape())
        .isEqualTo("4-8-9-8-3 dropout");
    assertThat(summary(List.of(4, 3), true, true, 1, false).shape()).isEqualTo("4-3 bn dropout");
    assertThat(summary(List.of(7), false, false, 1, false).shape()).isEqualTo("7");
    assertThat(summary(List.of(), false, false, 1, false).shape()).isEmpty();
  }

  @Test
  void anEpochReadsBackAsTheSameEpoch() throws Exception {
    EpochMetrics m = new EpochMetrics(3, 30, 0.01, 1.25, 0.5, 0.125, 0.625, 1.5, 0.5, 2.25, null);
    JsonNode line = throughText(MetricsFile.line(m));
    assertThat(line.has("stopped")).isFalse();
    assertThat(MetricsFile.parse(line)).isEqualTo(m);
    EpochMetrics stopping = m.stoppingBecause("asked");
    assertThat(stopping.stopReason()).isEqualTo("asked");
    assertThat(stopping.stoppingBecause(null)).isEqualTo(m);
    assertThat(MetricsFile.parse(throughText(MetricsFile.line(stopping)))).isEqualTo(stopping);
  }

  @Test
  void aLineThatIsNotAnEpochIsRefused() throws Exception {
    for (String text :
        List.of(
            "{\"step\": 1}",
            "{\"epoch\": 1.5, \"step\": 1}",
            "{\"epoch\": 1}",
            "{\"epoch\": 1, \"step\": \"x\"}",
            "[]")) {
      JsonNode n = JSON.readTree(text);
      assertThatThrownBy(() -> MetricsFile.parse(n))
          .as(text)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("not an epoch's metrics");
    }
    assertThatThrownBy(() -> MetricsFile.parse(null)).isInstanceOf(IllegalArgumentException.class);
    // a number given as text is no figure; a stop given as a number is no reason
    EpochMetrics m =
        MetricsFile.parse(
            JSON.readTree("{\"epoch\": 2, \"step\": 5, \"lr\": \"0.1\", \"stopped\": 3}"));
    assertThat(m.learningRate()).isNaN();
    assertThat(m.stopReason()).isNull();
    assertThat(m.l1Penalty()).isZero();
    assertThat(m.trainLoss()).isNaN();
  }

  @Test
  void aDirectoryIsKnownByTheFileOnlyItsKindWrites() throws Exception {
    Path dir = Files.createDirectory(tmp.resolve("run"));
    assertThat(RunKind.of(dir)).isNull();
    Files.createDirectory(dir.resolve(RunFile.CONFIG)); // a folder of that name is not the file
    assertThat(RunKind.of(dir)).isNull();
    Path train = Files.createDirectory(tmp.resolve("train"));
    Files.writeString(train.resolve(RunFile.CONFIG), "{}");
    assertThat(RunKind.of(train)).isEqualTo(RunKind.TRAIN);
    Files.writeString(train.resolve(RunFile.FINDINGS), "{}");
    assertThat(RunKind.of(train)).isEqualTo(RunKind.EXPERIMENT);
    Files.writeString(train.resolve(RunFile.JOURNAL), "");
    assertThat(RunKind.of(train)).isEqualTo(RunKind.SEARCH);
    Path experiment = Files.createDirectory(tmp.resolve("experiment"));
    Files.writeString(experiment.resolve(RunFile.FINDINGS), "{}");
    assertThat(RunKind.of(experiment)).isEqualTo(RunKind.EXPERIMENT);
    assertThat(List.of(RunKind.values()).stream().map(RunKind::label))
        .containsExactly("train", "search", "experiment");
  }
}

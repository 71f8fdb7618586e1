package dev.gakushu.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gakushu.BadInputException;
import dev.gakushu.data.DataAccess;
import dev.gakushu.data.DataLocations;
import dev.gakushu.data.Downloader;
import dev.gakushu.io.ModelFile;
import dev.gakushu.nn.Network;
import dev.gakushu.run.EpochMetrics;
import dev.gakushu.spec.DataSpec;
import dev.gakushu.spec.EarlyStopping;
import dev.gakushu.spec.InvalidSpecException;
import dev.gakushu.spec.RunSpec;
import dev.gakushu.spec.RunSpecJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A whole run on the embedded digits, three short epochs, written, interrupted and resumed. */
class TrainingRunTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  private DataAccess access() {
    return new DataAccess(
        new DataLocations(null, null, tmp.resolve("cache")), true, Downloader.Progress.NONE);
  }

  private static RunSpec.Builder spec() {
    return RunSpec.builder().data("digits").hidden(16).epochs(3).batchSize(128).seed(5);
  }

  private static List<float[]> weights(Network network) {
    return TrainerTest.weights(network);
  }

  private static void assertSameWeights(Network actual, Network expected) {
    List<float[]> a = weights(actual);
    List<float[]> e = weights(expected);
    assertThat(a).hasSameSizeAs(e);
    for (int i = 0; i < e.size(); i++) {
      assertThat(a.get(i)).as("parameter %d", i).containsExactly(e.get(i));
    }
  }

  /** Stops a run by failing as its third epoch begins, after the checkpoint of the second. */
  private static final class Interrupt extends RuntimeException {
    private static final long serialVersionUID = 1L;
  }

  private static final TrainListener STOP_AT_EPOCH_3 =
      new TrainListener() {
        @Override
        public void onEpochStart(int epoch) {
          if (epoch == 3) {
            throw new Interrupt();
          }
        }
      };

  @Test
  void aRunInterruptedAfterItsSecondEpochResumesToTheSameModel() throws Exception {
    RunSpec spec = spec().build();
    Path whole = tmp.resolve("whole");
    TrainingRun run = TrainingRun.prepare(spec, access());
    TrainingRun.Outcome outcome;
    try (RunDirectory dir = RunDirectory.createAt(whole)) {
      outcome = run.startIn(dir, List.of());
    }
    try (var files = Files.list(whole)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .contains(
              TrainingRun.CONFIG,
              MetricsLog.FILE,
              Checkpoint.FILE,
              TrainingRun.MODEL,
              TrainingRun.SUMMARY,
              "curves.png",
              "report.html");
    }
    int batches = (run.data().split().train().size() + 127) / 128;
    assertThat(outcome.result().steps()).isEqualTo(3L * batches);
    assertThat(outcome.directory()).isEqualTo(whole);
    assertThat(outcome.stopReason()).isNull();
    assertThat(outcome.bestEpoch()).isZero();
    ModelFile.Model saved = ModelFile.read(whole.resolve(TrainingRun.MODEL), 1);
    assertSameWeights(saved.network(), run.network());
    assertThat(saved.classNames()).isEqualTo(run.data().split().train().classNames());
    double[] test = TrainerTest.lossAndAccuracy(run.network(), run.data().split().test());
    assertThat(outcome.test().accuracy()).isEqualTo(test[1]);
    assertThat(outcome.test().rows()).isEqualTo(run.data().split().test().size());
    JsonNode summary = JSON.readTree(whole.resolve(TrainingRun.SUMMARY).toFile());
    assertThat(summary.get("test_accuracy").asDouble()).isEqualTo(test[1]);
    assertThat(summary.get("epochs").asInt()).isEqualTo(3);
    assertThat(summary.get("steps").asLong()).isEqualTo(3L * batches);
    assertThat(summary.get("rows").get("test").asInt()).isEqualTo(outcome.test().rows());
    assertThat(summary.get("final_train_loss").asDouble())
        .isEqualTo(outcome.result().last().trainLoss());
    assertThat(summary.has("best_epoch")).isFalse();
    assertThat(summary.get("final_validation_accuracy").asDouble())
        .isEqualTo(outcome.result().last().validationAccuracy());
    assertThat(summary.get("batch_norm").asBoolean()).isFalse();
    assertThat(summary.get("dropout").asBoolean()).isFalse();
    assertThat(summary.get("network").asText()).isEqualTo("dense(64->16) relu dense(16->10)");
    assertThat(summary.get("optimizer").asText()).startsWith("adam(lr=");
    assertThat(Files.readAllLines(whole.resolve(MetricsLog.FILE))).hasSize(3);
    assertThat(Files.readString(whole.resolve("report.html")))
        .contains("curves.png")
        .doesNotContain("<th>stopped</th>");

    Path cut = tmp.resolve("cut");
    try (RunDirectory dir = RunDirectory.createAt(cut)) {
      TrainingRun first = TrainingRun.prepare(spec, access());
      assertThatThrownBy(() -> first.startIn(dir, List.of(STOP_AT_EPOCH_3)))
          .isInstanceOf(Interrupt.class);
    }
    List<String> lines = Files.readAllLines(cut.resolve(MetricsLog.FILE));
    assertThat(lines).hasSize(2);
    // the report's training time counts the logged epochs: 100 s and 200 s here
    List<String> timed = new java.util.ArrayList<>();
    for (int i = 0; i < 2; i++) {
      var line = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(lines.get(i));
      timed.add(JSON.writeValueAsString(line.put("seconds", 100.0 * (i + 1))));
    }
    Files.write(cut.resolve(MetricsLog.FILE), timed);
    // a line the interrupted process might have written after its checkpoint is dropped
    Files.writeString(
        cut.resolve(MetricsLog.FILE), "{\"partial", java.nio.file.StandardOpenOption.APPEND);
    TrainingRun resumed = TrainingRun.resume(cut, access());
    TrainingRun.Outcome rest;
    try (RunDirectory dir = resumed.directory()) {
      assertThat(resumed.checkpointState().epoch()).isEqualTo(3);
      assertThat(resumed.checkpointState().step()).isEqualTo(2L * batches);
      assertThatThrownBy(() -> resumed.startIn(dir, List.of()))
          .isInstanceOf(IllegalStateException.class);
      rest = resumed.continueRun(List.of());
    }
    assertSameWeights(resumed.network(), run.network());
    assertThat(rest.result().steps()).isEqualTo(3L * batches);
    assertThat(rest.result().history()).extracting(EpochMetrics::epoch).containsExactly(3);
    assertThat(rest.test().accuracy()).isEqualTo(test[1]);
    List<EpochMetrics> logged = MetricsLog.read(RunDirectory.existing(cut));
    assertThat(logged).extracting(EpochMetrics::epoch).containsExactly(1, 2, 3);
    assertThat(logged.get(2).trainLoss()).isEqualTo(outcome.result().last().trainLoss());
    assertSameWeights(ModelFile.read(cut.resolve(TrainingRun.MODEL), 1).network(), run.network());
    assertThat(Files.readString(cut.resolve("report.html"))).contains("trained in 5 min 0");

    // resuming a finished run trains nothing and reports the logged epochs
    TrainingRun again = TrainingRun.resume(whole, access());
    try (RunDirectory dir = again.directory()) {
      TrainingRun.Outcome done = again.continueRun(List.of(), 5);
      assertThat(done.directory()).isEqualTo(dir.path());
      assertThat(done.result().history()).extracting(EpochMetrics::epoch).containsExactly(1, 2, 3);
      assertSameWeights(again.network(), run.network());
    }
  }

  @Test
  void aRunStartsFromTheWeightsOfAModelFile() {
    Path first = tmp.resolve("first");
    TrainingRun run = TrainingRun.prepare(spec().epochs(1).build(), access());
    // the figures are drawn by the drawing given
    assertThat(run.drawingFiguresWith(new FigureFiles((figure, file) -> new byte[] {1, 2, 3})))
        .isSameAs(run);
    try (RunDirectory dir = RunDirectory.createAt(first)) {
      run.startIn(dir, List.of());
    }
    assertThat(first.resolve("curves.png")).hasBinaryContent(new byte[] {1, 2, 3});
    Path model = first.resolve(TrainingRun.MODEL);
    TrainingRun next = TrainingRun.prepare(spec().seed(6).initFrom(model).build(), access());
    assertSameWeights(next.network(), run.network());
    assertThat(next.spec().seed()).isEqualTo(6);
    assertThatThrownBy(
            () ->
                TrainingRun.prepare(
                    spec().initFrom(tmp.resolve("none.safetensors")).build(), access()))
        .isInstanceOf(InvalidSpecException.class)
        .hasMessageContaining("none.safetensors");
  }

  @Test
  void earlyStoppingReportsItsBestEpochAndNeedsValidationData() throws Exception {
    RunSpec spec =
        spec()
            .epochs(8)
            .batchNorm(true)
            .dropout(0.1)
            .earlyStopping(new EarlyStopping(1, 10.0))
            .build();
    TrainingRun run = TrainingRun.prepare(spec, access());
    Path out = tmp.resolve("early");
    TrainingRun.Outcome outcome;
    try (RunDirectory dir = RunDirectory.createAt(out)) {
      outcome = run.startIn(dir, List.of(), 1);
    }
    // no loss falls by more than 10: epoch 1 is the best, epoch 2 stops the run
    assertThat(outcome.bestEpoch()).isEqualTo(1);
    assertThat(outcome.result().history()).hasSize(2);
    assertThat(outcome.stopReason()).startsWith("early stop");
    JsonNode summary = JSON.readTree(out.resolve(TrainingRun.SUMMARY).toFile());
    assertThat(summary.get("best_epoch").asInt()).isEqualTo(1);
    assertThat(summary.get("stopped").asText()).isEqualTo(outcome.stopReason());
    assertThat(summary.get("batch_norm").asBoolean()).isTrue();
    assertThat(summary.get("dropout").asBoolean()).isTrue();
    assertThat(Files.readString(out.resolve("report.html")))
        .contains("<tr><th>stopped</th><td>" + outcome.stopReason());

    RunSpec noValidation =
        spec()
            .data(DataSpec.of("digits").withValidationSplit(0.0))
            .earlyStopping(new EarlyStopping(1, 0))
            .build();
    assertThatThrownBy(() -> TrainingRun.prepare(noValidation, access()))
        .isInstanceOf(InvalidSpecException.class)
        .hasMessageContaining("loop.early_stopping.patience");
  }

  /** A run resumes with the specification it was started with; only its thread count may change. */
  @Test
  void aResumedRunKeepsItsSpecificationButNotItsThreadCount() throws Exception {
    Path done = tmp.resolve("done");
    try (RunDirectory dir = RunDirectory.createAt(done)) {
      TrainingRun.prepare(spec().epochs(1).build(), access()).startIn(dir, List.of());
    }
    Path config = done.resolve(TrainingRun.CONFIG);
    Files.writeString(config, RunSpecJson.write(spec().epochs(2).build()));
    assertThatThrownBy(() -> TrainingRun.resume(done, access()))
        .isInstanceOf(BadInputException.class)
        .hasMessage(
            config
                + ": differs from the specification "
                + done.resolve(Checkpoint.FILE)
                + " was written with; a resumed run keeps its specification (restore the file, or"
                + " train a new run)");
    assertThat(RunLock.isHeld(done)).isFalse();
    Files.writeString(config, RunSpecJson.write(spec().epochs(1).threads(2).build()));
    TrainingRun again = TrainingRun.resume(done, access());
    again.directory().close();
    assertThat(again.spec().threads()).isEqualTo(2);
  }

  @Test
  void onlyARunDirectoryWithConfigAndCheckpointCanBeResumed() throws Exception {
    Path empty = Files.createDirectories(tmp.resolve("empty"));
    assertThatThrownBy(() -> TrainingRun.resume(empty, access()))
        .isInstanceOf(BadInputException.class)
        .hasMessage(empty + ": no config.json; expected the run directory of a training run");
    Files.writeString(empty.resolve(TrainingRun.CONFIG), "{}");
    assertThatThrownBy(() -> TrainingRun.resume(empty, access()))
        .isInstanceOf(BadInputException.class)
        .hasMessage(empty + ": no checkpoint.safetensors to resume from");
    TrainingRun fresh = TrainingRun.prepare(spec().build(), access());
    assertThatThrownBy(() -> fresh.continueRun(List.of()))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(fresh::directory).isInstanceOf(IllegalStateException.class);
    try (RunDirectory dir = RunDirectory.createAt(tmp.resolve("neg"))) {
      assertThatThrownBy(() -> fresh.startIn(dir, List.of(), -1))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  /** A resume that cannot load its data gives the folder back. */
  @Test
  void aResumeThatFailsReleasesTheRunDirectory() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("broken"));
    Files.writeString(
        dir.resolve(TrainingRun.CONFIG),
        RunSpecJson.write(spec().data(DataSpec.of(tmp.resolve("missing.csv").toString())).build()));
    Files.writeString(dir.resolve(Checkpoint.FILE), "");
    assertThatThrownBy(() -> TrainingRun.resume(dir, access()))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("missing.csv");
    assertThat(RunLock.isHeld(dir)).isFalse();
    assertThat(dir.resolve(RunLock.FILE)).doesNotExist();
  }

  @Test
  void aNetworkTooLargeForTheHeapIsRefusedBeforeItIsBuilt() {
    RunSpec huge = spec().hidden(400_000_000).build();
    assertThatThrownBy(() -> TrainingRun.prepare(huge, access()))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("network.hidden = [400000000]: expected a network that fits");
  }
}

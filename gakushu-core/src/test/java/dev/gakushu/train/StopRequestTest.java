package dev.gakushu.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gakushu.data.DataAccess;
import dev.gakushu.data.DataLocations;
import dev.gakushu.data.Downloader;
import dev.gakushu.data.Sampling;
import dev.gakushu.spec.RunSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link TrainingRun#stoppingWhen}: a run asked to stop in the middle of an epoch stops after that
 * step with a checkpoint there, and resuming it gives the model of a run that never stopped.
 */
class StopRequestTest {
  @TempDir Path tmp;

  private DataAccess access() {
    return new DataAccess(
        new DataLocations(null, null, tmp.resolve("cache")), true, Downloader.Progress.NONE);
  }

  /** Every way of drawing batches, the book's with replacement included, resumes mid-epoch. */
  @ParameterizedTest
  @EnumSource(Sampling.class)
  void aRunAskedToStopMidEpochCheckpointsThatStepAndResumesToTheSameModel(Sampling sampling)
      throws Exception {
    RunSpec spec =
        RunSpec.builder()
            .data("digits")
            .hidden(16)
            .dropout(0.2)
            .epochs(3)
            .batchSize(64)
            .sampling(sampling)
            .seed(9)
            .build();
    Path whole = tmp.resolve("whole");
    try (RunDirectory dir = RunDirectory.createAt(whole)) {
      TrainingRun.prepare(spec, access()).startIn(dir, List.of());
    }

    Path stopped = tmp.resolve("stopped");
    try (RunDirectory dir = RunDirectory.createAt(stopped)) {
      StopAtStep.train(TrainingRun.prepare(spec, access()), dir, 20, List.of());
    }
    assertThat(Checkpoint.peek(stopped).step()).isEqualTo(20);
    assertThat(stopped.resolve(TrainingRun.MODEL)).doesNotExist();

    TrainingRun resumed = TrainingRun.resume(stopped, access());
    try (RunDirectory dir = resumed.directory()) {
      assertThat(dir.path()).isEqualTo(stopped);
      resumed.continueRun(List.of());
    }
    assertThat(Files.readAllBytes(stopped.resolve(TrainingRun.MODEL)))
        .isEqualTo(Files.readAllBytes(whole.resolve(TrainingRun.MODEL)));
  }
}

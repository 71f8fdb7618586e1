package dev.gakushu.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gakushu.data.DataAccess;
import dev.gakushu.data.DataLocations;
import dev.gakushu.data.Downloader;
import dev.gakushu.spec.RunSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

  @Test
  void aRunAskedToStopMidEpochCheckpointsThatStepAndResumesToTheSameModel() throws Exception {
    RunSpec spec =
        RunSpec.builder()
            .data("digits")
            .hidden(16)
            .dropout(0.2)
            .epochs(3)
            .batchSize(64)
            .seed(9)
            .build();
    Path whole = tmp.resolve("whole");
    try (RunDirectory dir = RunDirectory.createAt(whole)) {
      TrainingRun.prepare(spec, access()).startIn(dir, List.of());
    }

    Path stopped = tmp.resolve("stopped");
    AtomicLong steps = new AtomicLong();
    TrainListener counter =
        new TrainListener() {
          @Override
          public void onBatchEnd(int epoch, long step, double loss) {
            steps.set(step);
          }
        };
    TrainingRun run = TrainingRun.prepare(spec, access()).stoppingWhen(() -> steps.get() == 20);
    try (RunDirectory dir = RunDirectory.createAt(stopped)) {
      assertThatThrownBy(() -> run.startIn(dir, List.of(counter)))
          .isInstanceOf(TrainingInterruptedException.class)
          .hasMessage("interrupted in epoch 2 after step 20")
          .extracting(e -> ((TrainingInterruptedException) e).state().step())
          .isEqualTo(20L);
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

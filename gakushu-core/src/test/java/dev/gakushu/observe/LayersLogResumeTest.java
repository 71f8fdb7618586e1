package dev.gakushu.observe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gakushu.data.DataAccess;
import dev.gakushu.data.DataLocations;
import dev.gakushu.data.Downloader;
import dev.gakushu.run.RunFile;
import dev.gakushu.spec.RunSpec;
import dev.gakushu.train.RunDirectory;
import dev.gakushu.train.StopAtStep;
import dev.gakushu.train.TrainListener;
import dev.gakushu.train.TrainingRun;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run resumed through the library ({@link TrainingRun#continueRun}) drops the lines of {@code
 * layers.jsonl} after its checkpoint, as the command line's resume does, so that its file is the
 * file of a run that never stopped.
 */
class LayersLogResumeTest {
  @TempDir Path tmp;

  private final RunSpec spec =
      RunSpec.builder().data("digits").hidden(16).epochs(3).batchSize(64).seed(9).build();

  private DataAccess access() {
    return new DataAccess(
        new DataLocations(null, null, tmp.resolve("cache")), true, Downloader.Progress.NONE);
  }

  private static TrainListener layers(TrainingRun run, RunDirectory dir) {
    return new LayerStatistics(run.network(), 5, new LayersLog(dir));
  }

  @Test
  void aResumedRunRewritesTheLinesAfterItsCheckpoint() throws Exception {
    Path whole = tmp.resolve("whole");
    try (RunDirectory dir = RunDirectory.createAt(whole)) {
      TrainingRun run = TrainingRun.prepare(spec, access());
      run.startIn(dir, List.of(layers(run, dir)));
    }

    Path stopped = tmp.resolve("stopped");
    try (RunDirectory dir = RunDirectory.createAt(stopped)) {
      TrainingRun first = TrainingRun.prepare(spec, access());
      StopAtStep.train(first, dir, 20, List.of(layers(first, dir)));
    }
    // a line the stopped process logged after its checkpoint's step
    Path file = stopped.resolve(RunFile.LAYERS);
    List<String> lines = Files.readAllLines(file);
    String later = lines.get(lines.size() - 1).replaceFirst("\"step\":\\d+", "\"step\":21");
    Files.writeString(file, later + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);

    TrainingRun resumed = TrainingRun.resume(stopped, access());
    try (RunDirectory dir = resumed.directory()) {
      resumed.continueRun(List.of(layers(resumed, dir)));
    }
    assertThat(Files.readString(file)).isEqualTo(Files.readString(whole.resolve(RunFile.LAYERS)));
  }
}

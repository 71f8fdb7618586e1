package dev.gakushu.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gakushu.BadInputException;
import dev.gakushu.run.EpochMetrics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsLogTest {
  @TempDir Path tmp;

  @Test
  void eachEpochIsOneLineThatReadsBackAsTheSameMetrics() throws Exception {
    EpochMetrics first = new EpochMetrics(1, 10, 0.1, 2.5, 0.25, 0.125, 0.5, 2.0, 0.625, 1.5, null);
    EpochMetrics second =
        new EpochMetrics(2, 20, 0.05, 1.5, 0.0, 0.0, 0.75, Double.NaN, Double.NaN, 2.5, "why");
    try (RunDirectory run = RunDirectory.createAt(tmp.resolve("run"))) {
      MetricsLog log = new MetricsLog(run);
      log.onEpochEnd(first);
      log.onEpochEnd(second);
      List<String> lines = Files.readAllLines(run.path().resolve(MetricsLog.FILE));
      assertThat(lines)
          .containsExactly(
              "{\"epoch\":1,\"step\":10,\"lr\":0.1,\"train_loss\":2.5,\"weight_penalty\":0.25,"
                  + "\"l1_penalty\":0.125,\"train_accuracy\":0.5,\"validation_loss\":2.0,"
                  + "\"validation_accuracy\":0.625,\"seconds\":1.5}",
              "{\"epoch\":2,\"step\":20,\"lr\":0.05,\"train_loss\":1.5,\"weight_penalty\":0.0,"
                  + "\"l1_penalty\":0.0,\"train_accuracy\":0.75,\"validation_loss\":null,"
                  + "\"validation_accuracy\":null,\"seconds\":2.5,\"stopped\":\"why\"}");
      assertThat(MetricsLog.read(run)).containsExactly(first, second);
    }
  }

  @Test
  void aLogWithoutL1PenaltiesReadsThemAsZeroAndNoFileAsNoEpochs() throws Exception {
    try (RunDirectory run = RunDirectory.createAt(tmp.resolve("old"))) {
      assertThat(MetricsLog.read(run)).isEmpty();
      Files.writeString(
          run.path().resolve(MetricsLog.FILE),
          "{\"epoch\":3,\"step\":7,\"lr\":0.5,\"train_loss\":1,\"weight_penalty\":0,"
              + "\"train_accuracy\":0.5,\"validation_loss\":2,\"validation_accuracy\":0.25,"
              + "\"seconds\":4}\n");
      assertThat(MetricsLog.read(run))
          .containsExactly(new EpochMetrics(3, 7, 0.5, 1, 0, 0, 0.5, 2, 0.25, 4, null));
    }
  }

  @Test
  void aLineThatIsNotAnEpochIsRefusedNamingTheLine() throws Exception {
    try (RunDirectory run = RunDirectory.createAt(tmp.resolve("bad"))) {
      Path file = run.path().resolve(MetricsLog.FILE);
      Files.writeString(
          file,
          "{\"epoch\":1,\"step\":1,\"lr\":0.5,\"train_loss\":1,\"weight_penalty\":0,"
              + "\"train_accuracy\":0.5,\"validation_loss\":2,\"validation_accuracy\":0.25,"
              + "\"seconds\":4}\n{\"step\":2}\n");
      assertThatThrownBy(() -> MetricsLog.read(run))
          .isInstanceOf(BadInputException.class)
          .hasMessage(file + " line 2: not an epoch's metrics; expected a line written by train");
    }
  }

  @Test
  void figuresThatAreNotFiniteBecomeNull() {
    assertThat(dev.gakushu.run.MetricsFile.finiteOrNull(Double.POSITIVE_INFINITY)).isNull();
    assertThat(dev.gakushu.run.MetricsFile.finiteOrNull(Double.NaN)).isNull();
    assertThat(dev.gakushu.run.MetricsFile.finiteOrNull(-0.5)).isEqualTo(-0.5);
  }
}

package dev.gakushu.tune;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gakushu.data.EmbeddedDigits;
import dev.gakushu.data.Split;
import dev.gakushu.spec.EarlyStopping;
import dev.gakushu.spec.RunSpec;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A trial paused at rungs and continued from its snapshots (as successive halving runs it, on any
 * executor) gives the accuracies, bit for bit, of the same trial trained straight through: the
 * snapshot carries the weights, BatchNorm statistics, the optimizer's moments, dropout's masks
 * drawn and early stopping's state. Its task and outcome also survive their text form.
 */
class TrialRunnerTest {
  private static final Split SPLIT = Split.stratified(EmbeddedDigits.load(), 0.2, 0.2, 5);

  @ParameterizedTest
  @CsvSource({"sgd, false", "adam, true"})
  void aTrialContinuedFromSnapshotsEqualsOneTrainedThrough(String optimizer, boolean early) {
    RunSpec.Builder b =
        RunSpec.builder()
            .hidden(30, 20)
            .batchNorm(true)
            .dropout(0.2)
            .optimizer(optimizer)
            .epochs(9)
            .batchSize(50)
            .seed(42)
            .threads(1);
    if (early) {
      b.earlyStopping(new EarlyStopping(2, 0.0));
    }
    RunSpec spec = b.build();
    TrialOutcome through =
        TrialRunner.run(
            new TrialTask(3, spec, 9, new byte[0]), SPLIT.train(), SPLIT.validation(), 1);

    List<Double> validation = new ArrayList<>();
    List<Double> training = new ArrayList<>();
    byte[] snapshot = new byte[0];
    String status = TrialOutcome.PAUSED;
    for (int until : new int[] {1, 3, 9}) {
      if (!status.equals(TrialOutcome.PAUSED)) {
        break;
      }
      TrialTask task = new TrialTask(3, spec, until, snapshot);
      // as a Spark task travels: text and bytes
      TrialTask sent = TrialTask.fromJson(task.toJson(), task.snapshot());
      TrialOutcome part = TrialRunner.run(sent, SPLIT.train(), SPLIT.validation(), 2);
      TrialOutcome back = TrialOutcome.fromJson(part.toJson(), part.snapshot());
      validation.addAll(back.validationAccuracy());
      training.addAll(back.trainAccuracy());
      snapshot = back.snapshot();
      status = back.status();
    }

    assertThat(through.status()).isEqualTo(TrialOutcome.COMPLETED);
    assertThat(status).isEqualTo(TrialOutcome.COMPLETED);
    assertThat(validation).isEqualTo(through.validationAccuracy());
    assertThat(training).isEqualTo(through.trainAccuracy());
    assertThat(validation).hasSizeGreaterThan(3);
  }
}

package dev.gakushu.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gakushu.data.Sampling;
import dev.gakushu.optim.LearningRateSchedule;
import dev.gakushu.run.EpochMetrics;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The small records around the loop: results, states and configurations. */
class TrainResultTest {
  private static EpochMetrics epoch(int e, double seconds) {
    return new EpochMetrics(e, 5L * e, 0.1, 1, 0, 0, 0.5, 1, 0.5, seconds, null);
  }

  @Test
  void aResultWithNoEpochIsTheLoggedRunsTimesAndThroughput() {
    TrainResult empty = new TrainResult(List.of(), 10, 0.001, 0);
    List<EpochMetrics> logged = List.of(epoch(1, 2), epoch(2, 3));
    TrainResult whole = empty.orLogged(logged, 10);
    assertThat(whole.history()).isEqualTo(logged);
    assertThat(whole.steps()).isEqualTo(10);
    assertThat(whole.seconds()).isEqualTo(5);
    assertThat(whole.samplesPerSecond()).isEqualTo(4); // 2 epochs × 10 rows in 5 s
    assertThat(whole.last()).isEqualTo(epoch(2, 3));
    assertThat(empty.orLogged(List.of(), 10)).isSameAs(empty);
    TrainResult ran = new TrainResult(List.of(epoch(3, 1)), 15, 1, 10);
    assertThat(ran.orLogged(logged, 10)).isSameAs(ran);
    assertThat(ran.last().epoch()).isEqualTo(3);
  }

  @Test
  void theLoggedTimeIsTheEpochsSummedInOrderAsAReaderOfTheLogWould() {
    // DoubleStream.sum() gives 0.0010161469999999998 for these: it compensates
    double first = 3.99001e-4;
    double second = 6.17146e-4;
    TrainResult whole =
        new TrainResult(List.of(), 10, 0, 0)
            .orLogged(List.of(epoch(1, first), epoch(2, second)), 10);
    assertThat(whole.seconds()).isEqualTo(first + second).isEqualTo(0.001016147);
    assertThat(whole.samplesPerSecond()).isEqualTo(20 / (first + second));
  }

  @Test
  void aStateCountsTheEpochsBeforeTheOneUnderWay() {
    assertThat(new TrainState(3, 2, 9, 1, 1, List.of()).completedEpochs()).isEqualTo(2);
    assertThat(new TrainState(1, 0, 0, 0, 0, List.of()).completedEpochs()).isZero();
  }

  @Test
  void aConfigurationRefusesImpossibleLoops() {
    LearningRateSchedule c = LearningRateSchedule.constant();
    assertThat(new TrainConfig(1, 1, Sampling.IN_ORDER, 0, c, 0, 1, true).epochs()).isEqualTo(1);
    assertThatThrownBy(() -> new TrainConfig(0, 1, Sampling.IN_ORDER, 0, c, 0, 1, true))
        .hasMessage("epochs must be at least 1, was 0");
    assertThatThrownBy(() -> new TrainConfig(1, 0, Sampling.IN_ORDER, 0, c, 0, 1, true))
        .hasMessage("batch size must be at least 1, was 0");
    assertThatThrownBy(() -> new TrainConfig(1, 1, Sampling.IN_ORDER, 0, c, 0, 0, true))
        .hasMessage("validateEvery must be at least 1, was 0");
    for (double clip : new double[] {-1e-9, Double.NaN, Double.POSITIVE_INFINITY}) {
      assertThatThrownBy(() -> new TrainConfig(1, 1, Sampling.IN_ORDER, 0, c, clip, 1, true))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("clip norm must be a finite number >= 0");
    }
    TrainConfig halting = new TrainConfig(2, 3, true, 4);
    assertThat(halting.haltOnDivergence()).isTrue();
    assertThat(halting.throughDivergence())
        .isEqualTo(new TrainConfig(2, 3, Sampling.SHUFFLE, 4, c, 0, 1, false));
  }
}

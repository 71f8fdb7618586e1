package dev.gakushu.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gakushu.data.EmbeddedDigits;
import dev.gakushu.data.Split;
import dev.gakushu.nn.Network;
import dev.gakushu.nn.Param;
import dev.gakushu.optim.Sgd;
import dev.gakushu.run.EpochMetrics;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The same seed must give the same bits, whatever the number of threads. */
class DeterminismTest {
  private record Outcome(List<float[]> weights, List<EpochMetrics> history) {}

  private static Outcome train(int threads, long seed) {
    Split split = Split.stratified(EmbeddedDigits.load(), 0.2, 0.2, seed).standardized();
    Network net =
        Network.builder(64)
            .dense(100)
            .relu()
            .dense(100)
            .relu()
            .dense(10)
            .threads(threads)
            .build(seed);
    TrainResult result =
        new Trainer(new TrainConfig(3, 64, true, seed), List.of())
            .fit(net, new Sgd(0.1), split.train(), split.validation());
    List<float[]> weights =
        net.params().stream().map(Param::value).map(m -> m.data().clone()).toList();
    // wall time is the one figure allowed to differ
    List<EpochMetrics> history =
        result.history().stream()
            .map(
                m ->
                    new EpochMetrics(
                        m.epoch(),
                        m.step(),
                        m.learningRate(),
                        m.trainLoss(),
                        m.weightPenalty(),
                        m.l1Penalty(),
                        m.trainAccuracy(),
                        m.validationLoss(),
                        m.validationAccuracy(),
                        0,
                        null))
            .toList();
    return new Outcome(weights, history);
  }

  @Test
  void oneAndTwoThreadsGiveBitIdenticalWeightsAndMetrics() {
    Outcome one = train(1, 42);
    Outcome two = train(2, 42);
    for (int i = 0; i < one.weights().size(); i++) {
      assertThat(two.weights().get(i)).as("parameter %d", i).containsExactly(one.weights().get(i));
    }
    assertThat(two.history()).isEqualTo(one.history());
  }

  @Test
  void anotherSeedGivesOtherWeights() {
    assertThat(train(1, 43).weights().get(0)).isNotEqualTo(train(1, 42).weights().get(0));
  }
}

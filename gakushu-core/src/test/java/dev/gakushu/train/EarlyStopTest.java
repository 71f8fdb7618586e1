package dev.gakushu.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gakushu.nn.BatchNorm;
import dev.gakushu.nn.Network;
import dev.gakushu.nn.Param;
import dev.gakushu.run.EpochMetrics;
import dev.gakushu.tensor.Matrix;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EarlyStopTest {
  private static EpochMetrics epoch(int epoch, double validationLoss) {
    return new EpochMetrics(epoch, epoch, 0.1, 1, 0, 0, 0.5, validationLoss, 0.5, 1, null);
  }

  private static Network network() {
    return Network.builder(3).dense(4).batchNorm().relu().dense(2).build(1);
  }

  @Test
  void patienceAndDeltaMustBeInRange() {
    Network n = network();
    assertThatThrownBy(() -> new EarlyStop(n, 0, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("patience 0");
    assertThatThrownBy(() -> new EarlyStop(n, 1, -1e-9))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new EarlyStop(n, 1, Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(new EarlyStop(n, 1, 0).bestEpoch()).isZero();
  }

  /**
   * δ = 0.05, patience 2: 1.0 improves on ∞; 0.96 is not below 1.0 − δ; 0.90 is (best, epoch 3);
   * 0.86 is not below 0.85, nor is 0.85 itself: two epochs without improvement, stop.
   */
  @Test
  void stopsAfterPatienceEpochsWithoutAnImprovementLargerThanDelta() {
    EarlyStop stop = new EarlyStop(network(), 2, 0.05);
    List<String> answers = new ArrayList<>();
    double[] losses = {1.0, 0.96, 0.90, 0.86, 0.85};
    for (int e = 0; e < losses.length; e++) {
      answers.add(stop.stopAfter(epoch(e + 1, losses[e])));
    }
    assertThat(answers.subList(0, 4)).containsOnlyNulls();
    assertThat(answers.get(4))
        .isEqualTo(
            "early stop: validation loss did not improve by more than 0.05 for 2 epochs; "
                + "best 0.900000 at epoch 3, whose weights are kept");
    assertThat(stop.bestEpoch()).isEqualTo(3);
  }

  @Test
  void withoutValidationFiguresItNeverStops() {
    EarlyStop stop = new EarlyStop(network(), 1, 0);
    assertThat(stop.stopAfter(epoch(1, 2.0))).isNull();
    for (int e = 2; e < 6; e++) {
      assertThat(stop.stopAfter(epoch(e, Double.NaN))).isNull();
    }
    assertThat(stop.stopAfter(epoch(6, 2.0))).startsWith("early stop");
  }

  /**
   * Each epoch fills every weight and BatchNorm statistic with its own number; the best epoch (2)
   * is the one the network holds at the end.
   */
  @Test
  void theNetworkEndsWithTheWeightsAndStatisticsOfTheBestEpoch() {
    Network network = network();
    EarlyStop stop = new EarlyStop(network, 5, 0);
    double[] losses = {0.9, 0.5, 0.7};
    for (int e = 1; e <= 3; e++) {
      fill(network, e);
      stop.stopAfter(epoch(e, losses[e - 1]));
    }
    stop.onTrainEnd(new TrainResult(List.of(), 3, 1, 1));
    assertThat(tensors(network)).allSatisfy(m -> assertThat(m.data()).containsOnly(2f));
    assertThat(stop.bestEpoch()).isEqualTo(2);
  }

  @Test
  void withNoValidatedEpochTheWeightsStayAsTrained() {
    Network network = network();
    EarlyStop stop = new EarlyStop(network, 5, 0);
    fill(network, 7);
    stop.stopAfter(epoch(1, Double.NaN));
    stop.onTrainEnd(new TrainResult(List.of(), 1, 1, 1));
    assertThat(tensors(network)).allSatisfy(m -> assertThat(m.data()).containsOnly(7f));
  }

  private static void fill(Network network, int value) {
    tensors(network).forEach(m -> m.fill(value));
  }

  private static List<Matrix> tensors(Network network) {
    List<Matrix> all = new ArrayList<>();
    network.params().stream().map(Param::value).forEach(all::add);
    for (BatchNorm bn : network.batchNorms()) {
      all.add(bn.runningMean());
      all.add(bn.runningVariance());
    }
    assertThat(all).hasSize(network.params().size() + 2);
    return all;
  }
}

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

  /**
   * A state exported after epoch 3 (best 0.9 at epoch 2, one epoch without improvement) continues
   * in another stopper, replacing what that one had remembered: with δ = 0.05 and patience 2, 0.86
   * at epoch 4 is not below 0.85, so it stops there and keeps epoch 2's weights.
   */
  @Test
  void anImportedStateContinuesAsTheStopperItCameFrom() {
    Network network = network();
    EarlyStop first = new EarlyStop(network, 2, 0.05);
    double[] losses = {1.0, 0.9, 0.88};
    for (int e = 1; e <= 3; e++) {
      fill(network, e);
      assertThat(first.stopAfter(epoch(e, losses[e - 1]))).isNull();
    }
    EarlyStop.State state = first.exportState();
    assertThat(state.waited()).isEqualTo(1);

    Network other = network();
    EarlyStop continued = new EarlyStop(other, 2, 0.05);
    fill(other, 5);
    continued.stopAfter(epoch(1, 0.5));
    continued.importState(state);
    assertThat(continued.bestEpoch()).isEqualTo(2);
    fill(other, 4);
    assertThat(continued.stopAfter(epoch(4, 0.86))).contains("best 0.900000 at epoch 2");
    continued.onTrainEnd(new TrainResult(List.of(), 4, 1, 1));
    assertThat(tensors(other)).allSatisfy(m -> assertThat(m.data()).containsOnly(2f));
  }

  /** The state before any validation remembers no weights and imports into any network. */
  @Test
  void aStateWithoutRememberedWeightsImportsAndOneThatDoesNotFitIsRefused() {
    Network network = network();
    EarlyStop fresh = new EarlyStop(network, 1, 0);
    fresh.importState(new EarlyStop(network(), 3, 0).exportState());
    fill(network, 6);
    fresh.onTrainEnd(new TrainResult(List.of(), 1, 1, 1));
    assertThat(tensors(network)).allSatisfy(m -> assertThat(m.data()).containsOnly(6f));

    int count = tensors(network).size();
    assertThatThrownBy(
            () -> fresh.importState(new EarlyStop.State(1, 1, 0, List.of(new float[] {1}))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("1 remembered tensors for a network of " + count);
    List<float[]> shorter = new ArrayList<>();
    for (Matrix m : tensors(network)) {
      shorter.add(new float[m.size()]);
    }
    int last = shorter.size() - 1;
    shorter.set(last, new float[tensors(network).get(last).size() - 1]);
    assertThatThrownBy(() -> fresh.importState(new EarlyStop.State(1, 1, 0, shorter)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "remembered tensor "
                + last
                + " holds "
                + shorter.get(last).length
                + " values; the network's holds "
                + (shorter.get(last).length + 1));
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

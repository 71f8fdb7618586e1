package dev.gakushu.nn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gakushu.tensor.Matrix;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link Network#backwardToParameters()}, the training form of the backward pass, against {@link
 * Network#backward()}: the same gradient of every parameter, bit for bit.
 */
class NetworkBackwardTest {
  private static Matrix batch(int rows, int cols, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    Matrix x = new Matrix(rows, cols);
    for (int i = 0; i < x.size(); i++) {
      x.data()[i] = (float) random.nextGaussian();
    }
    return x;
  }

  private static float[][] gradients(Network net) {
    return net.params().stream().map(p -> p.grad().data().clone()).toArray(float[][]::new);
  }

  private static void assertSameGradients(Network net, Matrix x, int[] labels) {
    net.holdRandomness(true);
    net.loss(x, labels, Mode.TRAIN);
    net.backward();
    float[][] full = gradients(net);
    for (Param p : net.params()) {
      p.grad().fill(Float.NaN); // each must be written again
    }
    net.loss(x, labels, Mode.TRAIN);
    net.backwardToParameters();
    float[][] training = gradients(net);
    for (int i = 0; i < full.length; i++) {
      assertThat(training[i]).as(net.params().get(i).name()).containsExactly(full[i]);
    }
  }

  @Test
  void everyLayerKindWithPenaltiesGivesTheGradientsOfTheFullBackwardPass() {
    Network net =
        Network.builder(13)
            .dense(11)
            .batchNorm()
            .relu()
            .dropout(0.3)
            .dense(7)
            .tanh()
            .dense(4)
            .weightDecay(0.01)
            .l1(0.002)
            .build(5);
    Matrix x = batch(9, 13, 1);
    net.loss(x, new int[] {0, 1, 2, 3, 0, 1, 2, 3, 0}, Mode.TRAIN); // draws the dropout mask
    assertSameGradients(net, x, new int[] {0, 1, 2, 3, 0, 1, 2, 3, 0});
  }

  @Test
  void aNetworkOfOneDenseLayerFillsItsGradients() {
    Network net = Network.builder(5).dense(3).build(2);
    assertSameGradients(net, batch(4, 5, 2), new int[] {2, 0, 1, 2});
  }

  @Test
  void aFirstLayerOtherThanDenseRunsItsFullBackwardPass() {
    BatchNorm bn = new BatchNorm("bn", 6, 0.1, 1e-5, dev.gakushu.Conventions.PYTORCH);
    Dense dense = new Dense("d", 6, 3, new dev.gakushu.tensor.Gemm(1));
    dense.weights().value().copyFrom(batch(6, 3, 4));
    Network net = new Network(6, List.of(bn, dense));
    assertSameGradients(net, batch(5, 6, 3), new int[] {0, 1, 2, 0, 1});
  }
}

package dev.gakushu.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gakushu.Conventions;
import dev.gakushu.tensor.Matrix;
import dev.gakushu.tensor.Seeds;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a built network shows of itself: its layers' outputs, names and parts. */
class NetworkTest {
  /**
   * x = (1, −2) through W1 = [[1, 2], [3, 4]], b1 = (0.5, −0.5), ReLU, W2 = [[1, −1], [2, 0]], b2 =
   * 0: z1 = (1 − 6 + 0.5, 2 − 8 − 0.5) = (−4.5, −6.5), ReLU gives (0, 0), z2 = b2 = (0, 0). With x
   * = (1, 2): z1 = (7.5, 9.5), h = z1, z2 = (7.5 + 19, −7.5) = (26.5, −7.5).
   */
  @Test
  void lastOutputsAreEachLayersOutputOfTheLastPassInLayerOrder() {
    Network net = Network.builder(2).dense(2).relu().dense(2).build(1);
    assertThat(net.lastOutputs()).hasSize(3).containsOnlyNulls();
    Dense first = (Dense) net.layers().get(0);
    Dense second = (Dense) net.layers().get(2);
    first.weights().value().data()[0] = 1;
    first.weights().value().data()[1] = 2;
    first.weights().value().data()[2] = 3;
    first.weights().value().data()[3] = 4;
    first.bias().value().data()[0] = 0.5f;
    first.bias().value().data()[1] = -0.5f;
    System.arraycopy(new float[] {1, -1, 2, 0}, 0, second.weights().value().data(), 0, 4);
    second.bias().value().fill(0);
    Matrix logits = net.forward(Matrix.wrap(2, 2, new float[] {1, -2, 1, 2}), Mode.EVAL);
    List<Matrix> outputs = net.lastOutputs();
    assertThat(outputs.get(0).data()).containsExactly(-4.5f, -6.5f, 7.5f, 9.5f);
    assertThat(outputs.get(1).data()).containsExactly(0, 0, 7.5f, 9.5f);
    assertThat(outputs.get(2)).isSameAs(logits);
    assertThat(logits.data()).containsExactly(0, 0, 26.5f, -7.5f);
  }

  @Test
  void namesItsLayersAndParameters() {
    Network net = Network.builder(3).dense(4).tanh().dense(2).build(1);
    assertThat(net).hasToString("Network[dense(3->4) tanh dense(4->2)]");
    Dense first = (Dense) net.layers().get(0);
    assertThat(first.bias()).isSameAs(net.params().get(1));
    assertThat(first.weights()).hasToString("dense1.W[3x4]");
    assertThat(first.bias()).hasToString("dense1.b[1x4]");
  }

  @Test
  void batchNormWithItsOwnEpsilonNeedsOneAboveZero() {
    Network net = Network.builder(3).dense(4).batchNorm(0.2, 1e-3).relu().dense(2).build(1);
    BatchNorm bn = net.batchNorms().get(0);
    assertThat(bn.epsilon()).isEqualTo(1e-3);
    assertThat(bn.gamma()).isSameAs(net.params().get(2));
    assertThat(bn.beta()).isSameAs(net.params().get(3));
    assertThat(net.describe()).isEqualTo("dense(3->4) batchnorm(4) relu dense(4->2)");
    assertThatThrownBy(() -> Network.builder(3).dense(4).batchNorm(0.2, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("BatchNorm ε = 0.0 is not > 0");
  }

  /**
   * As the builder's Javadoc says: the k-th dropout layer draws from the seed's stream "dropout-k".
   */
  @Test
  void theKthDropoutLayerDrawsItsMasksFromTheStreamDropoutK() {
    Network net =
        Network.builder(4).dense(50).dropout(0.5).dense(50).dropout(0.5).dense(2).build(7);
    Matrix ones = new Matrix(20, 50);
    ones.fill(1);
    for (int k = 1; k <= 2; k++) {
      Dropout alone =
          new Dropout(0.5, Conventions.PYTORCH.invertedDropout, Seeds.derive(7, "dropout-" + k));
      assertThat(net.dropouts().get(k - 1).forward(ones, Mode.TRAIN).data())
          .as("dropout %d", k)
          .containsExactly(alone.forward(ones, Mode.TRAIN).data());
    }
  }
}

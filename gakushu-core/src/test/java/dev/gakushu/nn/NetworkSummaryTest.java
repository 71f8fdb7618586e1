package dev.gakushu.nn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gakushu.nn.NetworkSummary.Row;
import org.junit.jupiter.api.Test;

/** The summary's counts against Keras' rules for the same layers, worked out by hand. */
class NetworkSummaryTest {
  @Test
  void countsEachLayersParametersAsKerasDoes() {
    Network network =
        Network.builder(5)
            .dense(4)
            .batchNorm()
            .relu()
            .dropout(0.25)
            .dense(3)
            .sigmoid()
            .dense(2)
            .tanh()
            .build(1);
    NetworkSummary summary = NetworkSummary.of(network);
    assertThat(summary.inputs()).isEqualTo(5);
    assertThat(summary.rows())
        .containsExactly(
            new Row("dense(5->4)", 4, 5 * 4 + 4, 0), // n·m weights, m biases
            new Row("batchnorm(4)", 4, 2 * 4, 2 * 4), // γ, β; running mean and variance
            new Row("relu", 4, 0, 0),
            new Row("dropout(0.25)", 4, 0, 0),
            new Row("dense(4->3)", 3, 4 * 3 + 3, 0),
            new Row("sigmoid", 3, 0, 0),
            new Row("dense(3->2)", 2, 3 * 2 + 2, 0),
            new Row("tanh", 2, 0, 0));
    assertThat(summary.trainable()).isEqualTo(24 + 8 + 15 + 8);
    assertThat(summary.nonTrainable()).isEqualTo(8);
  }
}

package dev.gakushu.nn;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gakushu.Fixtures;
import dev.gakushu.init.Initializer;
import dev.gakushu.optim.Sgd;
import dev.gakushu.tensor.Matrix;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Forward, backward and SGD steps of a small network with every activation, against the values
 * PyTorch computed (tools/reference/core_network.py).
 */
class PyTorchReferenceTest {
  /**
   * One forward and backward pass in float32 against PyTorch's float32: a few units in the last
   * place.
   */
  private static final double RTOL = 1e-5;

  private static final double ATOL = 1e-7;

  private static JsonNode fixture;

  @BeforeAll
  static void load() {
    fixture = Fixtures.load("core-network.json");
  }

  private static void assertAgrees(String what, float[] actual, float[] expected) {
    Fixtures.assertAllClose(what, actual, expected, RTOL, ATOL);
  }

  private static Network networkFromFixture() {
    JsonNode sizes = fixture.get("sizes");
    Network.Builder builder = Network.builder(sizes.get(0).asInt()).init(Initializer.zeros());
    for (int k = 1; k < sizes.size(); k++) {
      builder.dense(sizes.get(k).asInt());
      if (k - 1 < fixture.get("activations").size()) {
        builder.activation(
            Activation.valueOf(
                fixture.get("activations").get(k - 1).asText().toUpperCase(java.util.Locale.ROOT)));
      }
    }
    Network net = builder.build(0);
    for (Param p : net.params()) {
      float[] values = Fixtures.floats(fixture.get("params").get(p.name()).get("value"));
      System.arraycopy(values, 0, p.value().data(), 0, values.length);
    }
    return net;
  }

  private static Matrix inputs() {
    return Matrix.wrap(
        fixture.get("labels").size(),
        fixture.get("sizes").get(0).asInt(),
        Fixtures.floats(fixture.get("x")));
  }

  private static int[] labels() {
    int[] t = new int[fixture.get("labels").size()];
    for (int i = 0; i < t.length; i++) {
      t[i] = fixture.get("labels").get(i).asInt();
    }
    return t;
  }

  @Test
  void forwardAndBackwardMatchPyTorch() {
    Network net = networkFromFixture();
    assertAgrees(
        "logits", net.forward(inputs(), Mode.TRAIN).data(), Fixtures.floats(fixture.get("logits")));
    double loss = net.loss(inputs(), labels(), Mode.TRAIN);
    assertThat(loss)
        .isCloseTo(fixture.get("loss").asDouble(), org.assertj.core.data.Offset.offset(1e-6));
    Matrix inputGrad = net.backward();
    assertAgrees("input grad", inputGrad.data(), Fixtures.floats(fixture.get("input_grad")));
    for (Param p : net.params()) {
      assertAgrees(
          p.name() + " grad",
          p.grad().data(),
          Fixtures.floats(fixture.get("params").get(p.name()).get("grad")));
    }
  }

  @Test
  void threeSgdStepsMatchPyTorch() {
    Network net = networkFromFixture();
    JsonNode sgd = fixture.get("sgd");
    Sgd optimizer = new Sgd(sgd.get("lr").asDouble());
    for (int step = 0; step < 3; step++) {
      double loss = net.loss(inputs(), labels(), Mode.TRAIN);
      assertThat(loss)
          .as("loss before step %d", step + 1)
          .isCloseTo(
              sgd.get("losses").get(step).asDouble(), org.assertj.core.data.Offset.offset(1e-6));
      net.backward();
      optimizer.step(net.params());
    }
    for (Param p : net.params()) {
      assertAgrees(
          p.name() + " after 3 steps",
          p.value().data(),
          Fixtures.floats(sgd.get("params").get(p.name())));
    }
  }
}

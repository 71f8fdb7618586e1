package dev.gakushu.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gakushu.Fixtures;
import dev.gakushu.init.Initializer;
import dev.gakushu.optim.Sgd;
import dev.gakushu.tensor.Matrix;
import org.junit.jupiter.api.Test;

/**
 * The L1 penalty (with L2 beside it) and the max-norm constraint against PyTorch
 * (tools/reference/regularization.py): the objective with {@code l1 * W.abs().sum()} added, its
 * gradients, and three SGD steps each followed by {@code torch.renorm(W, 2, 1, c)}.
 */
class RegularizationReferenceTest {
  /** float32 against PyTorch's float32, a few passes: a few units in the last place. */
  private static final double RTOL = 1e-5;

  private static final double ATOL = 1e-6;

  private static final JsonNode FIXTURE = Fixtures.load("regularization.json");

  private static Network networkFromFixture() {
    JsonNode sizes = FIXTURE.get("sizes");
    Network net =
        Network.builder(sizes.get(0).asInt())
            .dense(sizes.get(1).asInt())
            .relu()
            .dense(sizes.get(2).asInt())
            .init(Initializer.zeros())
            .weightDecay(FIXTURE.get("weight_decay").asDouble())
            .l1(FIXTURE.get("l1").asDouble())
            .maxNorm(FIXTURE.get("max_norm").asDouble())
            .build(0);
    for (Param p : net.params()) {
      float[] values = Fixtures.floats(FIXTURE.get("params").get(p.name()).get("value"));
      System.arraycopy(values, 0, p.value().data(), 0, values.length);
    }
    return net;
  }

  private static Matrix inputs() {
    return Matrix.wrap(
        FIXTURE.get("labels").size(),
        FIXTURE.get("sizes").get(0).asInt(),
        Fixtures.floats(FIXTURE.get("x")));
  }

  private static int[] labels() {
    JsonNode labels = FIXTURE.get("labels");
    int[] t = new int[labels.size()];
    for (int i = 0; i < t.length; i++) {
      t[i] = labels.get(i).asInt();
    }
    return t;
  }

  @Test
  void theObjectiveAndItsGradientsMatchPyTorch() {
    Network net = networkFromFixture();
    assertThat(net.objective(inputs(), labels(), Mode.TRAIN))
        .isCloseTo(FIXTURE.get("objective").asDouble(), offset(1e-5));
    net.backward();
    for (Param p : net.params()) {
      Fixtures.assertAllClose(
          p.name() + " grad",
          p.grad().data(),
          Fixtures.floats(FIXTURE.get("params").get(p.name()).get("grad")),
          RTOL,
          ATOL);
    }
  }

  @Test
  void threeSgdStepsWithMaxNormMatchPyTorch() {
    Network net = networkFromFixture();
    JsonNode sgd = FIXTURE.get("sgd");
    Sgd optimizer = new Sgd(FIXTURE.get("lr").asDouble());
    for (int step = 0; step < 3; step++) {
      assertThat(net.objective(inputs(), labels(), Mode.TRAIN))
          .as("objective before step %d", step + 1)
          .isCloseTo(sgd.get("objectives").get(step).asDouble(), offset(1e-5));
      net.backward();
      optimizer.step(net.params());
      net.applyConstraints();
    }
    for (Param p : net.params()) {
      Fixtures.assertAllClose(
          p.name() + " after 3 steps",
          p.value().data(),
          Fixtures.floats(sgd.get("params").get(p.name())),
          RTOL,
          ATOL);
    }
  }
}

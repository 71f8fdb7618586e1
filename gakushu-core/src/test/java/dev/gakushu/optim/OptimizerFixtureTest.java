package dev.gakushu.optim;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gakushu.Conventions;
import dev.gakushu.Fixtures;
import dev.gakushu.nn.Param;
import dev.gakushu.nn.WeightDecay;
import dev.gakushu.spec.RunSpec;
import dev.gakushu.tensor.Matrix;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every optimizer replays a fixed sequence of 100 gradients and must follow, step by step, the
 * trajectory that PyTorch (PyTorch conventions) or the book's formulas in NumPy (book conventions)
 * computed — tools/reference/optimizers.py.
 */
class OptimizerFixtureTest {
  /**
   * 100 steps in float32 against torch.optim and NumPy float32: rounding differences accumulate
   * step by step, most in the adaptive methods' divisions by √v + ε and in the high-learning-rate
   * trajectories (measured: 2.4e-5 relative at worst, Adam, after 100 steps).
   */
  private static final double RTOL = 3e-5;

  private static final double ATOL = 1e-6;

  private static final JsonNode FIXTURE = Fixtures.load("optimizers.json");

  static Stream<Arguments> cases() {
    List<Arguments> all = new ArrayList<>();
    for (String source : List.of("pytorch", "book")) {
      for (JsonNode c : FIXTURE.get(source)) {
        all.add(
            Arguments.of(source, c.get("optimizer").asText() + " " + c.get("name").asText(), c));
      }
    }
    return all.stream();
  }

  /**
   * The run specification of a case: its optimizer, the settings the fixture gives (the others at
   * their defaults) and the conventions of its source.
   */
  static RunSpec spec(String source, JsonNode c) {
    RunSpec.Builder b =
        RunSpec.builder()
            .conventions(source.equals("book") ? Conventions.BOOK : Conventions.PYTORCH)
            .optimizer(c.get("optimizer").asText());
    for (var e : c.get("settings").properties()) {
      b.optimizerSetting(
          e.getKey(),
          e.getValue().isBoolean() ? (e.getValue().asBoolean() ? 1 : 0) : e.getValue().asDouble());
    }
    return b.build();
  }

  static List<Param> initialParams() {
    JsonNode shapes = FIXTURE.get("shapes");
    JsonNode init = FIXTURE.get("init");
    return List.of(
        new Param(
            "w",
            Param.Role.WEIGHT,
            Matrix.wrap(
                shapes.get("w").get(0).asInt(),
                shapes.get("w").get(1).asInt(),
                Fixtures.floats(init.get("w")))),
        new Param(
            "b",
            Param.Role.BIAS,
            Matrix.wrap(1, shapes.get("b").get(1).asInt(), Fixtures.floats(init.get("b")))));
  }

  static void setGradients(List<Param> params, int step) {
    JsonNode g = FIXTURE.get("grads").get(step);
    for (Param p : params) {
      float[] values = Fixtures.floats(g.get(p.name()));
      System.arraycopy(values, 0, p.grad().data(), 0, values.length);
    }
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("cases")
  void followsTheReferenceTrajectory(String source, String name, JsonNode c) {
    RunSpec spec = spec(source, c);
    Optimizer optimizer = spec.buildOptimizer();
    // PyTorch's coupled weight_decay is the objective's L2 term here; AdamW's is its own
    double l2 = spec.regularization().weightDecay();
    List<Param> params = initialParams();
    JsonNode trajectory = c.get("trajectory");
    for (int step = 0; step < trajectory.size(); step++) {
      setGradients(params, step);
      WeightDecay.addGradient(params, l2);
      optimizer.step(params);
      for (Param p : params) {
        Fixtures.assertAllClose(
            name + " " + p.name() + " after step " + (step + 1),
            p.value().data(),
            Fixtures.floats(trajectory.get(step).get(p.name())),
            RTOL,
            ATOL);
      }
    }
  }
}

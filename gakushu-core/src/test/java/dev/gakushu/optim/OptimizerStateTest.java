package dev.gakushu.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gakushu.Conventions;
import dev.gakushu.nn.Param;
import dev.gakushu.spec.OptimizerSettings;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OptimizerStateTest {
  private static OptimizerSettings amsgrad(String id) {
    OptimizerSettings s = OptimizerSettings.defaults(id, Conventions.PYTORCH);
    return id.startsWith("adam") ? s.with("amsgrad", 1) : s;
  }

  private static void run(Optimizer optimizer, List<Param> params, int from, int to) {
    for (int step = from; step < to; step++) {
      OptimizerFixtureTest.setGradients(params, step);
      optimizer.step(params);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam", "adamw"})
  void exportedStateResumesBitIdentically(String id) {
    List<Param> uninterrupted = OptimizerFixtureTest.initialParams();
    run(amsgrad(id).build(Conventions.PYTORCH), uninterrupted, 0, 60);

    List<Param> resumed = OptimizerFixtureTest.initialParams();
    Optimizer first = amsgrad(id).build(Conventions.PYTORCH);
    run(first, resumed, 0, 25);
    OptimizerState saved = first.exportState();
    run(first, resumed, 25, 30); // later steps must not change what was exported
    Optimizer second = amsgrad(id).build(Conventions.PYTORCH);
    second.importState(saved);
    List<Param> restart = OptimizerFixtureTest.initialParams();
    run(amsgrad(id).build(Conventions.PYTORCH), restart, 0, 25);
    run(second, restart, 25, 60);

    assertThat(saved.steps()).isEqualTo(25);
    for (int i = 0; i < restart.size(); i++) {
      assertThat(restart.get(i).value().data())
          .containsExactly(uninterrupted.get(i).value().data());
    }
  }

  @Test
  void aStateLackingSomeOfAParametersBuffersIsRefused() {
    Optimizer adam = amsgrad("adam").build(Conventions.PYTORCH);
    List<Param> params = OptimizerFixtureTest.initialParams();
    run(adam, params, 0, 1);
    Map<String, float[]> buffers = new java.util.HashMap<>(adam.exportState().buffers());
    buffers.remove("w.v");
    assertThatThrownBy(() -> adam.importState(new OptimizerState(1, buffers)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("optimizer state for w lacks some of its buffers m, v, v_max");
  }

  @Test
  void stateIsKeyedByParameterAndBuffer() {
    Optimizer adam = amsgrad("adam").build(Conventions.PYTORCH);
    List<Param> params = OptimizerFixtureTest.initialParams();
    run(adam, params, 0, 1);
    assertThat(adam.exportState().buffers().keySet())
        .containsExactly("b.m", "b.v", "b.v_max", "w.m", "w.v", "w.v_max");
  }

  @Test
  void aStateOfTheWrongKindIsRefused() {
    Optimizer momentum =
        OptimizerSettings.defaults("momentum", Conventions.PYTORCH).build(Conventions.PYTORCH);
    assertThatThrownBy(
            () -> momentum.importState(new OptimizerState(3, Map.of("w.m", new float[12]))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown buffer 'w.m'");
  }

  @Test
  void invalidSettingsAreNamedWithTheirValueAndRange() {
    assertThatThrownBy(() -> new Adam(1e-3, 1.5, 0.999, 1e-8, false, false))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessage("beta1 = 1.5 is not a number in [0, 1)");
    assertThatThrownBy(() -> new Sgd(0)).hasMessage("lr = 0.0 is not a finite number > 0");
    assertThatThrownBy(() -> new AdaGrad(0.01, -1))
        .hasMessage("eps = -1.0 is not a finite number > 0");
    assertThatThrownBy(() -> new RmsProp(0.01, 1, 1e-8))
        .hasMessage("rho = 1.0 is not a number in [0, 1)");
    assertThatThrownBy(() -> new AdamW(0.01, 0.9, 0.999, 1e-8, -0.1, false, false))
        .hasMessage("weight-decay = -0.1 is not a finite number >= 0");
    assertThatThrownBy(() -> new Sgd(Double.NaN)).isInstanceOf(InvalidSettingException.class);
  }

  @Test
  void toStringShowsTheWholeConfiguration() {
    assertThat(
            OptimizerSettings.defaults("adam", Conventions.PYTORCH)
                .build(Conventions.PYTORCH)
                .toString())
        .isEqualTo(
            "adam(lr=0.001, beta1=0.9, beta2=0.999, eps=1.0E-8, amsgrad=false, form=pytorch)");
    assertThat(
            OptimizerSettings.defaults("adam", Conventions.BOOK).build(Conventions.BOOK).toString())
        .contains("eps=1.0E-7", "form=book");
    assertThat(
            OptimizerSettings.defaults("adamw", Conventions.PYTORCH)
                .build(Conventions.PYTORCH)
                .toString())
        .contains("weight_decay=0.01");
    assertThat(
            OptimizerSettings.defaults("nesterov", Conventions.BOOK)
                .build(Conventions.BOOK)
                .toString())
        .isEqualTo("nesterov(lr=0.01, momentum=0.9, form=book)");
  }

  @Test
  void adamWDecaysWeightsButNotBiases() {
    List<Param> params = OptimizerFixtureTest.initialParams();
    float[] bias = params.get(1).value().data().clone();
    float w = params.get(0).value().get(0, 0);
    // zero gradients: Adam's own step is 0, only the decoupled decay θ ← θ(1 − ηλ) moves anything
    new AdamW(0.1, 0.9, 0.999, 1e-8, 0.5, false, false).step(params);
    assertThat(params.get(1).value().data()).containsExactly(bias);
    assertThat(params.get(0).value().get(0, 0)).isEqualTo(w * (float) (1 - 0.1 * 0.5));
  }
}

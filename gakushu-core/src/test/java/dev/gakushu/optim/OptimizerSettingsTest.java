package dev.gakushu.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gakushu.nn.Param;
import dev.gakushu.tensor.Matrix;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Settings, their ranges and their descriptions; the state after a first step. */
class OptimizerSettingsTest {
  @Test
  void eachOptimizerDescribesItsSettings() {
    assertThat(new Sgd(0.1)).hasToString("sgd(lr=0.1)");
    assertThat(new Momentum(0.1, 0.9, true))
        .hasToString("momentum(lr=0.1, momentum=0.9, form=book)");
    assertThat(new Momentum(0.1, 0.9, false))
        .hasToString("momentum(lr=0.1, momentum=0.9, form=pytorch)");
    assertThat(new AdaGrad(0.1, 1e-7)).hasToString("adagrad(lr=0.1, eps=1.0E-7)");
    assertThat(new RmsProp(0.1, 0.99, 1e-8)).hasToString("rmsprop(lr=0.1, rho=0.99, eps=1.0E-8)");
  }

  @Test
  void theKindsListTheirIdsAndSettingsInTheJsonFormsOrder() {
    assertThat(OptimizerKind.ids())
        .containsExactly("sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam", "adamw");
    assertThat(OptimizerKind.SGD.settings()).isEmpty();
    assertThat(OptimizerKind.ADAMW.settings())
        .extracting(OptimizerSetting::id)
        .containsExactly("beta1", "beta2", "eps", "weight_decay", "amsgrad");
  }

  /** A value in range comes back as it is; a switch takes any value; one outside is refused. */
  @Test
  void aSettingsCheckGivesBackTheValueItAccepts() {
    assertThat(OptimizerSetting.WEIGHT_DECAY.check(0.25, dev.gakushu.Range.BAD_INPUT))
        .isEqualTo(0.25);
    assertThat(OptimizerSetting.AMSGRAD.check(7, dev.gakushu.Range.BAD_INPUT)).isEqualTo(7);
    assertThatThrownBy(() -> OptimizerSetting.EPS.check(0, dev.gakushu.Range.BAD_INPUT))
        .hasMessageStartingWith("eps = 0.0 is not");
  }

  /** [0, 1) for momentum and the betas, [0, ∞) for weight decay: 0 is in, 1 is not. */
  @Test
  void theRangesIncludeZeroAndNamePlaceValueAndRange() {
    assertThat(new Momentum(0.1, 0, false).learningRate()).isEqualTo(0.1);
    assertThat(new RmsProp(0.1, 0, 1e-8).id()).isEqualTo("rmsprop");
    assertThat(new AdamW(0.1, 0, 0.999, 1e-8, 0, false, false).id()).isEqualTo("adamw");
    assertThatThrownBy(() -> new Nesterov(0.1, 1, false))
        .isInstanceOfSatisfying(
            InvalidSettingException.class,
            e -> {
              assertThat(e.setting()).isEqualTo("momentum");
              assertThat(e.value()).isEqualTo(1.0);
              assertThat(e.expected()).isEqualTo("a number in [0, 1)");
            })
        .hasMessage("momentum = 1.0 is not a number in [0, 1)");
    assertThatThrownBy(() -> new AdamW(0.1, 0.9, 0.999, 1e-8, -1e-9, false, false))
        .hasMessage("weight-decay = -1.0E-9 is not a finite number >= 0");
  }

  @Test
  void schedulesDescribeThemselvesAndKeepGammaInItsRange() {
    assertThat(LearningRateSchedule.constant()).hasToString("constant per epoch");
    assertThat(LearningRateSchedule.constant().isConstant()).isTrue();
    LearningRateSchedule warm =
        new LearningRateSchedule(
            LearningRateSchedule.Kind.CONSTANT, LearningRateSchedule.Unit.STEP, 3, 1, 1, 0);
    assertThat(warm.isConstant()).isFalse();
    assertThat(warm).hasToString("constant per step, warm-up 3");
    LearningRateSchedule step =
        new LearningRateSchedule(
            LearningRateSchedule.Kind.STEP, LearningRateSchedule.Unit.EPOCH, 0, 2, 0.5, 0);
    assertThat(step.isConstant()).isFalse();
    assertThat(step).hasToString("step(step_size=2, gamma=0.5) per epoch");
    assertThat(
            new LearningRateSchedule(
                LearningRateSchedule.Kind.COSINE, LearningRateSchedule.Unit.EPOCH, 1, 1, 1, 0.01))
        .hasToString("cosine(min_lr=0.01) per epoch, warm-up 1");
    assertThatThrownBy(
            () ->
                new LearningRateSchedule(
                    LearningRateSchedule.Kind.STEP, LearningRateSchedule.Unit.EPOCH, 0, 1, 0, 0))
        .hasMessage("gamma = 0.0 is outside (0, 1]");
  }

  /**
   * PyTorch's clip_grad_norm_: g ← g · c / (‖g‖ + 1e-6) when that factor is below 1. For g = (3, 4)
   * and c = 1 the factor is 1 / 5.000001.
   */
  @Test
  void clippingFollowsPyTorchsFormula() {
    Param p = new Param("w", Param.Role.WEIGHT, new Matrix(1, 2));
    p.grad().data()[0] = 3;
    p.grad().data()[1] = 4;
    assertThat(GradientClipping.clipGlobalNorm(List.of(p), 1)).isEqualTo(5.0);
    float factor = (float) (1 / 5.000001);
    assertThat(p.grad().data()).containsExactly(3 * factor, 4 * factor);
  }

  /**
   * One Nesterov step from rest with gradient g: the book's form keeps v = −η·g
   * (common/optimizer.py), PyTorch's keeps the buffer v = g.
   */
  @Test
  void nesterovsTwoFormsKeepTheirOwnVelocity() {
    for (boolean book : new boolean[] {true, false}) {
      Param p = new Param("w", Param.Role.WEIGHT, new Matrix(1, 2));
      p.grad().data()[0] = 2;
      p.grad().data()[1] = -1;
      Nesterov n = new Nesterov(0.5, 0.9, book);
      n.step(List.of(p));
      float[] v = n.exportState().buffers().get("w.velocity");
      assertThat(v)
          .as(book ? "book" : "pytorch")
          .containsExactly(book ? -1f : 2f, book ? 0.5f : -1f);
    }
  }

  /** Importing a state replaces every buffer: one with none leaves none. */
  @Test
  void importingAnEmptyStateForgetsEveryBuffer() {
    Param p = new Param("w", Param.Role.WEIGHT, new Matrix(1, 2));
    p.grad().data()[0] = 1;
    Adam adam = new Adam(0.1, 0.9, 0.999, 1e-8, false, false);
    adam.step(List.of(p));
    assertThat(adam.exportState().buffers()).containsOnlyKeys("w.m", "w.v");
    adam.importState(OptimizerState.of(0));
    assertThat(adam.exportState().buffers()).isEmpty();
    assertThat(adam.exportState().steps()).isZero();
    adam.importState(new OptimizerState(3, Map.of("w.m", new float[2], "w.v", new float[2])));
    assertThat(adam.exportState().steps()).isEqualTo(3);
  }
}

package dev.gakushu.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gakushu.Fixtures;
import dev.gakushu.nn.Param;
import dev.gakushu.tensor.Matrix;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScheduleTest {
  @Test
  void closedFormsMatchPyTorchSchedulers() {
    JsonNode fixture = Fixtures.load("schedules.json");
    double base = fixture.get("base").asDouble();
    int total = fixture.get("total").asInt();
    for (JsonNode c : fixture.get("cases")) {
      LearningRateSchedule schedule =
          new LearningRateSchedule(
              LearningRateSchedule.Kind.valueOf(
                  c.get("kind").asText().toUpperCase(java.util.Locale.ROOT)),
              LearningRateSchedule.Unit.EPOCH,
              c.get("warmup").asInt(),
              c.get("step_size").asInt(),
              c.get("gamma").asDouble(),
              c.get("min_lr").asDouble());
      for (int t = 0; t < total; t++) {
        double expected = c.get("rates").get(t).asDouble();
        assertThat(schedule.learningRate(base, t, total))
            .as("%s at %d", schedule, t)
            .isCloseTo(expected, within(1e-9 * base));
      }
    }
  }

  /**
   * Warm-up rises to the base rate η·(t + 1)/(w + 1) for t &lt; w; from t = w on the schedule
   * itself runs, and a constant one gives η exactly (η·3/3 would be 0.1 + 2⁻⁵⁶ for η = 0.1).
   */
  @Test
  void theFirstRateAfterWarmUpIsTheBaseRateItself() {
    LearningRateSchedule schedule =
        new LearningRateSchedule(
            LearningRateSchedule.Kind.CONSTANT, LearningRateSchedule.Unit.EPOCH, 2, 1, 0.5, 0);
    assertThat(schedule.learningRate(0.1, 1, 10)).isEqualTo(0.1 * 2 / 3);
    assertThat(schedule.learningRate(0.1, 2, 10)).isEqualTo(0.1);
  }

  @Test
  void clippingScalesOnlyAboveTheLimit() {
    Param p = new Param("w", Param.Role.WEIGHT, new Matrix(1, 2));
    p.grad().data()[0] = 3;
    p.grad().data()[1] = 4;
    assertThat(GradientClipping.clipGlobalNorm(List.of(p), 10)).isEqualTo(5);
    assertThat(p.grad().data()).containsExactly(3, 4);
    GradientClipping.clipGlobalNorm(List.of(p), 1);
    assertThat((double) p.grad().data()[0]).isCloseTo(0.6, within(1e-6));
    assertThat((double) p.grad().data()[1]).isCloseTo(0.8, within(1e-6));
  }
}

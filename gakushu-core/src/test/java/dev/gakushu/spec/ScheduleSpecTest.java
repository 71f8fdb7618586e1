package dev.gakushu.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gakushu.optim.LearningRateSchedule;
import dev.gakushu.optim.LearningRateSchedule.Kind;
import dev.gakushu.optim.LearningRateSchedule.Unit;
import org.junit.jupiter.api.Test;

/**
 * The learning-rate schedule's defaults and rules belong to the specification: a file naming only a
 * kind, the Java API and the command line get the same schedule, and a setting given to a kind that
 * does not use it is refused naming the field.
 */
class ScheduleSpecTest {
  private static RunSpec parse(String json) {
    return RunSpecJson.parse(json, "c.json");
  }

  @Test
  void aKindChosenAnewTakesItsOwnDefaultsInAFileAndInTheBuilder() {
    LearningRateSchedule step = parse("{\"schedule\": {\"kind\": \"step\"}}").schedule();
    assertThat(step).isEqualTo(new LearningRateSchedule(Kind.STEP, Unit.EPOCH, 0, 10, 0.1, 0));
    assertThat(RunSpec.builder().schedule(Kind.STEP).build().schedule()).isEqualTo(step);
    assertThat(parse("{\"schedule\": {\"kind\": \"exponential\", \"warmup\": 2}}").schedule())
        .isEqualTo(new LearningRateSchedule(Kind.EXPONENTIAL, Unit.EPOCH, 2, 1, 0.95, 0))
        .isEqualTo(RunSpec.builder().schedule(Kind.EXPONENTIAL).warmup(2).build().schedule());
    assertThat(RunSpec.builder().schedule(Kind.COSINE).minLearningRate(1e-4).build().schedule())
        .isEqualTo(new LearningRateSchedule(Kind.COSINE, Unit.EPOCH, 0, 1, 1, 1e-4));
  }

  @Test
  void settingsGivenOverABaseKeepItsKindAndTheRestOfIt() {
    RunSpec base =
        RunSpec.builder().schedule(Kind.STEP).stepSize(4).scheduleUnit(Unit.STEP).build();
    assertThat(base.toBuilder().gamma(0.5).build().schedule())
        .isEqualTo(new LearningRateSchedule(Kind.STEP, Unit.STEP, 0, 4, 0.5, 0));
    assertThat(base.toBuilder().schedule(Kind.STEP).build().schedule())
        .isEqualTo(new LearningRateSchedule(Kind.STEP, Unit.EPOCH, 0, 10, 0.1, 0));
  }

  @Test
  void aSettingOfAnotherKindIsRefusedNamingTheField() {
    assertThatThrownBy(() -> RunSpec.builder().gamma(0.5).build())
        .isInstanceOf(InvalidSpecException.class)
        .hasMessage(
            "schedule.gamma = 0.5: expected no schedule.gamma with schedule.kind constant;"
                + " it goes with step and exponential");
    assertThatThrownBy(() -> RunSpec.builder().schedule(Kind.COSINE).stepSize(1).build())
        .hasMessageContaining("no schedule.step_size with schedule.kind cosine; it goes with step");
    assertThatThrownBy(
            () -> parse("{\"schedule\": {\"kind\": \"step\", \"min_learning_rate\": 1e-3}}"))
        .hasMessage(
            "c.json: schedule.min_learning_rate = 0.001: expected no schedule.min_learning_rate"
                + " with schedule.kind step; it goes with cosine");
    assertThat(RunSpecJson.parse(RunSpecJson.write(RunSpec.defaults()), "c.json"))
        .isEqualTo(RunSpec.defaults()); // a written file holds every setting at its neutral value
  }

  @Test
  void rangesAreTheSpecificationsAndNameTheField() {
    assertThatThrownBy(() -> RunSpec.builder().warmup(-1).build())
        .hasMessage("schedule.warmup = -1: expected a whole number >= 0");
    assertThatThrownBy(() -> RunSpec.builder().schedule(Kind.STEP).stepSize(0).build())
        .hasMessage("schedule.step_size = 0: expected a whole number >= 1");
    assertThatThrownBy(() -> RunSpec.builder().schedule(Kind.EXPONENTIAL).gamma(1.5).build())
        .hasMessage("schedule.gamma = 1.5: expected a number in (0, 1]");
    assertThatThrownBy(() -> RunSpec.builder().schedule(Kind.COSINE).minLearningRate(-1).build())
        .hasMessage("schedule.min_learning_rate = -1.0: expected a finite number >= 0");
  }
}

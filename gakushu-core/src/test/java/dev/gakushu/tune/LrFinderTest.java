package dev.gakushu.tune;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gakushu.data.DataAccess;
import dev.gakushu.data.DataLocations;
import dev.gakushu.data.Downloader;
import dev.gakushu.spec.RunSpec;
import dev.gakushu.train.RunDirectory;
import dev.gakushu.train.TrainingRun;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LrFinderTest {
  @TempDir Path tmp;

  private DataAccess access() {
    return new DataAccess(
        new DataLocations(null, null, tmp.resolve("cache")), true, Downloader.Progress.NONE);
  }

  /** fastai's valley() (fastai/callback/schedule.py) gives 5 on both, run in Python. */
  @Test
  void theValleyRuleIsFastais() {
    assertThat(
            LrFinder.valley(
                List.of(5.0, 4.8, 4.9, 4.5, 4.0, 3.5, 3.6, 3.0, 2.5, 2.6, 2.0, 3.5, 6.0)))
        .isEqualTo(5);
    assertThat(
            LrFinder.valley(
                List.of(
                    3.0, 3.1, 3.2, 3.0, 2.9, 2.8, 2.7, 2.5, 2.2, 1.9, 1.5, 1.4, 1.45, 2.0, 5.0, 9.0,
                    2.0)))
        .isEqualTo(5);
  }

  private double testAccuracy(RunSpec spec, String name) {
    try (RunDirectory dir = RunDirectory.createAt(tmp.resolve(name))) {
      return TrainingRun.prepare(spec, access()).startIn(dir, List.of()).test().accuracy();
    }
  }

  /**
   * On the digits, SGD from the run's initial weights: the range test grows the rate until the loss
   * diverges, and the rate it suggests trains to about the accuracy of SGD's default 0.01.
   */
  @Test
  void theSuggestedRateTrainsTheDigitsAsWellAsTheDefault() {
    RunSpec spec =
        RunSpec.builder().data("digits").optimizer("sgd").hidden(50).epochs(8).seed(3).build();
    TrainingRun tested = TrainingRun.prepare(spec, access());
    LrFinder.Result r =
        LrFinder.run(
            spec, tested.network(), tested.data().split().train(), LrFinder.Settings.FASTAI);
    assertThat(r.diverged()).isTrue();
    assertThat(r.rates().get(0)).isEqualTo(1e-7);
    assertThat(r.suggestion()).isBetween(1e-3, 1.0);
    double suggested = testAccuracy(spec.with("lr", r.suggestion()), "suggested");
    double byDefault = testAccuracy(spec, "default");
    assertThat(suggested)
        .as("lr %s against the default 0.01: %s against %s", r.suggestion(), suggested, byDefault)
        .isGreaterThan(byDefault - 0.03)
        .isGreaterThan(0.85);
  }
}

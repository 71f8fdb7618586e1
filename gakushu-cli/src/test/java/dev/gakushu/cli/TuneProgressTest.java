package dev.gakushu.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gakushu.run.TrialResult;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The search display on a made-up clock, without a terminal. */
class TuneProgressTest {
  private long nanos;

  private static TrialResult trial(int n, double score, double lr) {
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("lr", lr);
    params.put("hidden", 100);
    return new TrialResult(n, n, params, List.of(0.1, score), List.of(0.1, 0.2), "completed");
  }

  @Test
  void eachTrialLineShowsDoneOfAllRunningTheBestSoFarAndTheTimeLeft() {
    StringWriter out = new StringWriter();
    try (TuneProgress progress = new TuneProgress(new PrintWriter(out), 4, null, () -> nanos)) {
      progress.resumedWith(List.of(trial(0, 0.5, 0.1)));
      progress.started(1);
      progress.started(2);
      nanos += 10_000_000_000L;
      progress.finished(trial(1, 0.7, 0.009367393375124954));
      nanos += 5_000_000_000L;
      progress.finished(trial(2, 0.6, 1.234567e-5));
      progress.started(3);
      progress.finished(trial(3, 0.55, 0.5));
    }
    // one trial of this process in 10 s, two left: 20 s; then two in 15 s, one left: 7.5 s
    assertThat(out.toString().lines())
        .containsExactly(
            "1 of 4 trials already done, best 0.5000 (trial 0)",
            "trial 1: lr=0.00937 hidden=100 -> validation accuracy 0.7000 after 2 epochs, completed"
                + " | 2/4 done, 1 running, best 0.7000 (trial 1), ETA 20.0 s",
            "trial 2: lr=1.23e-5 hidden=100 -> validation accuracy 0.6000 after 2 epochs, completed"
                + " | 3/4 done, 0 running, best 0.7000 (trial 1), ETA 7.50 s",
            "trial 3: lr=0.5 hidden=100 -> validation accuracy 0.5500 after 2 epochs, completed"
                + " | 4/4 done, 0 running, best 0.7000 (trial 1)");
  }
}

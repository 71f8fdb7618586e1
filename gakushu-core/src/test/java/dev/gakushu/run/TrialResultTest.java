package dev.gakushu.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrialResultTest {
  private static TrialResult trial(int n, Double... accuracies) {
    return new TrialResult(n, n, Map.of(), List.of(accuracies), List.of(), "completed");
  }

  @Test
  void theRankingPutsTheHighestScoreFirstTiesToTheLowerTrialAndUnscoredTrialsLast() {
    List<TrialResult> trials =
        new ArrayList<>(
            List.of(
                trial(0, 0.5),
                trial(1, 0.9, Double.NaN),
                trial(2, 0.7),
                trial(3),
                trial(4, 0.2, 0.7),
                trial(5, 0.9)));
    trials.sort(TrialResult.BEST_FIRST);
    assertThat(trials).extracting(TrialResult::trial).containsExactly(5, 2, 4, 0, 1, 3);
  }
}

package dev.gakushu.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gakushu.spec.RunSpec;
import dev.gakushu.tune.Search;
import dev.gakushu.tune.SearchSpace;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The importance of a watched search counts at most its first 2,000 trials. */
class LiveImportanceTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void onlyTheFirstTwoThousandTrialsCount() throws Exception {
    RunSpec base = RunSpec.builder().optimizer("sgd").epochs(1).batchSize(100).threads(1).build();
    SearchSpace space = SearchSpace.parse(List.of("lr=log(1e-3,1e-1)"), base);
    List<String> log = new ArrayList<>();
    LiveImportance importance = new LiveImportance("journal.jsonl", log::add);
    importance.take(
        JSON.valueToTree(new Search.Settings("digits", space, base, "random", 1).describe()));
    ExecutorService worker = Executors.newSingleThreadExecutor();
    try {
      for (int n = 0; n < LiveImportance.MAX_TRIALS + 5; n++) {
        importance.take(
            JSON.readTree(
                String.format(
                    Locale.ROOT,
                    "{\"type\":\"trial\",\"trial\":%d,\"seed\":%d,\"params\":{\"lr\":0.01},"
                        + "\"validation_accuracy\":[0.5],\"train_accuracy\":[0.5],"
                        + "\"status\":\"completed\"}",
                    n,
                    n)));
      }
      importance.refresh(worker);
      worker.shutdown();
      assertThat(worker.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
      JsonNode event = JSON.readTree(importance.fresh());
      assertThat(event.get("trials").asInt()).isEqualTo(LiveImportance.MAX_TRIALS);
      // all scores equal: no variance to share
      assertThat(event.get("importance").isNull()).isTrue();
      assertThat(importance.fresh()).isNull();
      assertThat(log).isEmpty();
    } finally {
      worker.shutdownNow();
    }
  }
}

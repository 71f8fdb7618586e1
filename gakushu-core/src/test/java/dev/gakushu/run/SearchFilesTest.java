package dev.gakushu.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gakushu.spec.RunSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The codecs of a search's journal and results and of a status and a lock file: each record is
 * written as JSON text and read back as the same record, and a line that is not one reads as none.
 */
class SearchFilesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode tree(String text) throws Exception {
    return JSON.readTree(text);
  }

  private static TrialResult trial(int n, double score) {
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("lr", 0.01 * (n + 1));
    params.put("batch-size", 32);
    return new TrialResult(
        n, 100L + n, params, List.of(0.5, score), List.of(0.4, 0.6), "completed");
  }

  @Test
  void aJournalHeaderReadsBackAsTheSameSettingsWithoutItsThreadCount() throws Exception {
    RunSpec base = RunSpec.builder().hidden(20).epochs(3).threads(4).build();
    JournalFile.Header tpe =
        new JournalFile.Header(
            "digits",
            "lr=log(1e-4,1e-1)",
            base,
            "asha",
            new JournalFile.Sampler("tpe", 10, 24, 0.1, 3),
            7);
    String line = JournalFile.headerLine(tpe);
    assertThat(line)
        .startsWith("{\"type\":\"search\",\"data\":\"digits\",\"space\":")
        .doesNotContain("threads");
    JournalFile.Header back = JournalFile.header(tree(line), "journal.jsonl line 1");
    assertThat(back)
        .isEqualTo(
            new JournalFile.Header(
                "digits",
                tpe.space(),
                base.toBuilder().threads(1).build(),
                "asha",
                tpe.sampler(),
                7));
    assertThat(JournalFile.headerLine(back)).isEqualTo(line);
    JournalFile.Header random =
        new JournalFile.Header("digits", "lr=log(1e-4,1e-1)", base, "none", null, 7);
    assertThat(JournalFile.headerLine(random)).doesNotContain("sampler");
    assertThat(JournalFile.header(tree(JournalFile.headerLine(random)), "j").sampler()).isNull();
  }

  @Test
  void aTrialLineReadsBackAsTheSameTrialAndADamagedOneAsNone() throws Exception {
    TrialResult t = trial(3, 0.75);
    JsonNode line = tree(JournalFile.trialLine(t));
    assertThat(JournalFile.isTrial(line)).isTrue();
    assertThat(JournalFile.trial(line)).isEqualTo(t);
    assertThat(JournalFile.isTrial(tree(JournalFile.startLine(3)))).isFalse();
    for (String damaged :
        List.of(
            JournalFile.trialLine(t).replace("\"seed\":103,", ""),
            JournalFile.trialLine(t).replace("\"trial\":3", "\"trial\":-3"),
            JournalFile.trialLine(t)
                .replace("\"train_accuracy\":[0.4,0.6]", "\"train_accuracy\":[0.4]"),
            JournalFile.trialLine(t).replace("\"lr\":0.04", "\"lr\":[1]"),
            JournalFile.trialLine(t).replace(",\"status\":\"completed\"", ""))) {
      assertThat(JournalFile.trial(tree(damaged))).as(damaged).isNull();
    }
    assertThat(
            JournalFile.scores(
                List.of(
                    line,
                    tree(JournalFile.startLine(4)),
                    tree(JournalFile.trialLine(trial(4, 0.25))))))
        .containsExactly(0.75, 0.25);
  }

  @Test
  void resultsReadBackAsTheSameResults() throws Exception {
    ResultsFile.Results r =
        new ResultsFile.Results(
            List.of(trial(1, 0.9), trial(0, 0.8)),
            12.5,
            Map.of("lr", "lr=log(0.01,0.02)"),
            Map.of("lr", 0.75),
            0.875,
            "best");
    JsonNode json = tree(JSON.writeValueAsString(ResultsFile.toJson(r)));
    assertThat(json.path("trials_per_minute").asDouble()).isEqualTo(2 / (12.5 / 60));
    assertThat(ResultsFile.parse(json)).isEqualTo(r);
    ResultsFile.Results notRetrained =
        new ResultsFile.Results(List.of(), 1, Map.of(), Map.of(), Double.NaN, null);
    JsonNode plain = tree(JSON.writeValueAsString(ResultsFile.toJson(notRetrained)));
    assertThat(plain.has("retrained_test_accuracy")).isFalse();
    assertThat(plain.get("importance").isNull()).isTrue();
    assertThat(ResultsFile.parse(plain)).isEqualTo(notRetrained);
    assertThat(ResultsFile.parse(tree("[1]"))).isNull();
  }

  @Test
  void aStatusReadsBackAsTheSameStatus() throws Exception {
    StatusFile.Status s =
        new StatusFile.Status(
            StatusFile.Written.INTERRUPTED, 12, "h", "2026-01-01T00:00:00Z", "at epoch 3");
    assertThat(StatusFile.parse(tree(JSON.writeValueAsString(StatusFile.toJson(s))))).isEqualTo(s);
    StatusFile.Status now = StatusFile.Status.now(StatusFile.Written.RUNNING, null);
    assertThat(StatusFile.toJson(now))
        .doesNotContainKey("message")
        .containsEntry("status", "running");
    assertThat(now.writerGone()).as("this process is alive").isFalse();
    assertThat(StatusFile.parse(tree("{\"status\":\"paused\"}"))).isNull();
  }

  @Test
  void aLockFileReadsBackAsItsOwner() throws Exception {
    LockFile.Owner me = LockFile.Owner.thisProcess();
    assertThat(me.pid()).isEqualTo(ProcessHandle.current().pid());
    assertThat(LockFile.parse(tree(JSON.writeValueAsString(LockFile.toJson(me))))).isEqualTo(me);
    assertThat(LockFile.parse(tree("{\"host\":\"h\"}"))).as("no owner written yet").isNull();
  }
}

package dev.gakushu.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gakushu.report.Numbers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TuneCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String[] SEARCH = {
    "tune", "--epochs", "4", "--space", "lr=log(1e-3,1)", "--space", "weight-decay=log(1e-8,1e-4)"
  };

  @TempDir Path tmp;

  private static String[] with(String[] base, String... more) {
    List<String> all = new ArrayList<>(List.of(base));
    all.addAll(List.of(more));
    return all.toArray(String[]::new);
  }

  /** Each finished trial's line from the journal, by trial number, without timing. */
  private static java.util.SortedMap<Integer, String> trials(Path dir) throws IOException {
    TreeMap<Integer, String> byTrial = new TreeMap<>();
    for (String line : Files.readAllLines(dir.resolve("journal.jsonl"))) {
      JsonNode n = JSON.readTree(line);
      if ("trial".equals(n.path("type").asText())) {
        assertThat(byTrial.put(n.get("trial").asInt(), line))
            .as("trial %d twice", n.get("trial").asInt())
            .isNull();
      }
    }
    return byTrial;
  }

  /** TPE from trial 2 + 3 (its lag) on: the trials of an 8-trial search learn from results. */
  private static final String[] TPE = {"--sampler", "tpe", "--tpe-startup", "2"};

  /**
   * With TPE's lag 0 on two workers, trial n waits for trial n − 1 to finish; without that wait it
   * would be drawn while n − 1 runs.
   */
  @ParameterizedTest
  @CsvSource({
    "random,random,3",
    "asha,random,3",
    "random,tpe,3",
    "asha,tpe,3",
    "random,tpe,0",
    "asha,tpe,0"
  })
  void oneOrTwoWorkersGiveTheSameTrialsAndScores(String scheduler, String sampler, String lag)
      throws IOException {
    String[] search =
        with(
            sampler.equals("tpe") ? with(SEARCH, with(TPE, "--tpe-lag", lag)) : SEARCH,
            "--hidden",
            "30",
            "--trials",
            "8",
            "--scheduler",
            scheduler);
    CliRunner one =
        CliRunner.run(with(search, "--workers", "1", "--out", tmp.resolve("one").toString()));
    CliRunner two =
        CliRunner.run(with(search, "--workers", "2", "--out", tmp.resolve("two").toString()));
    assertThat(one.status()).as(one.err()).isZero();
    assertThat(two.status()).as(two.err()).isZero();
    assertThat(trials(tmp.resolve("two"))).isEqualTo(trials(tmp.resolve("one"))).hasSize(8);
    assertThat(one.out())
        .contains("Best-1")
        .contains("narrowed ranges")
        .contains("--space lr=log(");
    assertThat(tmp.resolve("one").resolve("best.png")).isRegularFile();
    assertThat(tmp.resolve("one").resolve("scatter.png")).isRegularFile();
  }

  @Test
  void aResumedTpeSearchDrawsTheTrialsAnUninterruptedOneDraws() throws IOException {
    String[] search = with(with(SEARCH, TPE), "--hidden", "30");
    Path whole = tmp.resolve("whole");
    Path parts = tmp.resolve("parts");
    assertThat(CliRunner.run(with(search, "--trials", "9", "--out", whole.toString())).status())
        .isZero();
    assertThat(CliRunner.run(with(search, "--trials", "6", "--out", parts.toString())).status())
        .isZero();
    CliRunner random =
        CliRunner.run(
            with(
                SEARCH,
                "--hidden",
                "30",
                "--sampler",
                "random",
                "--trials",
                "9",
                "--resume",
                parts.toString()));
    assertThat(random.status()).as("a TPE journal is not a random search's").isEqualTo(2);
    assertThat(random.err()).contains("--sampler");
    // the sampler left out is the recorded one, as every setting of a resumed search
    CliRunner resumed =
        CliRunner.run(
            with(SEARCH, "--hidden", "30", "--trials", "9", "--resume", parts.toString()));
    assertThat(resumed.status()).as(resumed.err()).isZero();
    assertThat(trials(parts)).isEqualTo(trials(whole)).hasSize(9);
  }

  @Test
  void successiveHalvingStopsTrialsAtItsRungs() throws IOException {
    CliRunner r =
        CliRunner.run(
            "tune",
            "--hidden",
            "20",
            "--epochs",
            "9",
            "--trials",
            "9",
            "--scheduler",
            "asha",
            "--space",
            "lr=log(1e-4,1)",
            "--out",
            tmp.resolve("asha").toString());
    assertThat(r.status()).as(r.err()).isZero();
    int stopped = 0;
    for (String line : trials(tmp.resolve("asha")).values()) {
      JsonNode n = JSON.readTree(line);
      int epochs = n.get("validation_accuracy").size();
      if (n.get("status").asText().equals("stopped")) {
        stopped++;
        assertThat(epochs).isIn(1, 3); // the rungs below 9 epochs with η = 3
      } else {
        assertThat(epochs).isEqualTo(9);
      }
    }
    assertThat(stopped).isPositive();
  }

  @Test
  void withoutSpaceTheSearchIsTheBooks() throws IOException {
    CliRunner r =
        CliRunner.run(
            "tune",
            "--hidden",
            "20",
            "--epochs",
            "1",
            "--trials",
            "3",
            "--out",
            tmp.resolve("book").toString());
    assertThat(r.status()).as(r.err()).isZero();
    for (String line : trials(tmp.resolve("book")).values()) {
      JsonNode params = JSON.readTree(line).get("params");
      assertThat(params.size()).isEqualTo(2);
      assertThat(params.get("lr").asDouble()).isBetween(1e-6, 1e-2);
      assertThat(params.get("weight-decay").asDouble()).isBetween(1e-8, 1e-4);
    }
  }

  @Test
  void sparkIsRefusedWhereItsModuleIsNotOnTheClassPath() {
    CliRunner r =
        CliRunner.run(
            "tune",
            "--trials",
            "1",
            "--executor",
            "spark",
            "--spark-master",
            "local[2]",
            "--out",
            tmp.resolve("none").toString());
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).contains("--executor").contains("spark-submit gakushu-spark.jar");
    assertThat(tmp.resolve("none")).doesNotExist();
  }

  @Test
  void aResumedSearchKeepsItsTrialsAndCanBeExtended() throws IOException {
    Path dir = tmp.resolve("resumable");
    assertThat(
            CliRunner.run(with(SEARCH, "--hidden", "30", "--trials", "4", "--out", dir.toString()))
                .status())
        .isZero();
    java.util.SortedMap<Integer, String> first = trials(dir);
    CliRunner more =
        CliRunner.run(with(SEARCH, "--hidden", "30", "--trials", "7", "--resume", dir.toString()));
    assertThat(more.status()).as(more.err()).isZero();
    java.util.SortedMap<Integer, String> after = trials(dir);
    assertThat(after).hasSize(7);
    assertThat(after.headMap(4)).isEqualTo(first);
    CliRunner changed =
        CliRunner.run(
            "tune",
            "--hidden",
            "30",
            "--epochs",
            "4",
            "--space",
            "lr=log(1e-2,1)",
            "--trials",
            "8",
            "--resume",
            dir.toString());
    assertThat(changed.status()).isEqualTo(2);
    assertThat(changed.err())
        .contains("Invalid value for option '--space': lr=log(1e-2,1)")
        .contains("the value the search in " + dir + " was started with");
  }

  @Test
  void aKilledSearchResumesWithoutLosingOrRepeatingTrials() throws Exception {
    Path whole = tmp.resolve("whole");
    assertThat(
            CliRunner.run(
                    with(
                        SEARCH, "--hidden", "200,200", "--trials", "10", "--out", whole.toString()))
                .status())
        .isZero();
    Path killed = tmp.resolve("killed");
    List<String> command = new ArrayList<>(ChildGakushu.javaCommand());
    command.addAll(
        List.of(with(SEARCH, "--hidden", "200,200", "--trials", "10", "--out", killed.toString())));
    Process p =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline
        && p.isAlive()
        && (!Files.exists(killed.resolve("journal.jsonl")) || trials(killed).size() < 2)) {
      Thread.sleep(20);
    }
    boolean wasAlive = p.isAlive();
    p.destroyForcibly();
    p.waitFor();
    assertThat(wasAlive).as("the search was still running when killed").isTrue();
    CliRunner resumed =
        CliRunner.run(
            with(SEARCH, "--hidden", "200,200", "--trials", "10", "--resume", killed.toString()));
    assertThat(resumed.status()).as(resumed.err()).isZero();
    assertThat(trials(killed)).isEqualTo(trials(whole)).hasSize(10);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "learning-rate=log(1e-3,1)|a setting among lr, momentum, beta1, beta2, eps, rho, weight-decay, l1, max-norm, dropout, batch-size, hidden, epochs",
        "lr=log(0,1)|a log range cannot touch zero",
        "l1=uniform(-1,1)|regularization.l1 = -1.0: expected a finite number >= 0",
        "max-norm=uniform(-2,3)|regularization.max_norm = -2.0: expected a finite number >= 0",
        "lr=uniform(0.5,0.5)|a non-empty range",
        "dropout=uniform(0,1.5)|network.dropout = 1.5: expected a drop probability in [0, 1)",
        "momentum=uniform(0.5,0.9)|no momentum with optimizer sgd; it applies to momentum, nesterov",
        "lr=gauss(1,2)|NAME=log(a,b), uniform(a,b), int(a,b) or choice",
      })
  void aBadSpaceIsRefusedBeforeAnyTrial(String space, String expected) {
    Path out = tmp.resolve("never");
    CliRunner r = CliRunner.run("tune", "--space", space, "--out", out.toString());
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).contains(expected).hasLineCount(1);
    assertThat(out).doesNotExist();
  }

  @Test
  void retrainingTheBestReportsItsTestAccuracyOnce() throws IOException {
    Path dir = tmp.resolve("retrain");
    CliRunner r =
        CliRunner.run(
            with(
                SEARCH,
                "--hidden",
                "30",
                "--trials",
                "3",
                "--retrain-best",
                "--out",
                dir.toString()));
    assertThat(r.status()).as(r.err()).isZero();
    assertThat(r.out()).containsOnlyOnce("test accuracy");
    double retrained =
        JSON.readTree(dir.resolve("results.json").toFile())
            .get("retrained_test_accuracy")
            .asDouble();
    assertThat(retrained).isPositive();
    // the search's page says it too, with its figures embedded
    assertThat(dir.resolve("report.html"))
        .content()
        .contains("test accuracy " + Numbers.percent(retrained))
        .contains("data:image/png;base64,");
  }
}

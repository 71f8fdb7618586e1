package dev.gakushu.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM on a driver whose trials run on Spark ({@code local[2]}, in a JVM of its own) leaves a
 * journal that {@code tune --resume} completes: every trial once, with the scores of two local
 * workers.
 */
class SparkSigtermTest {
  private static final String[] SEARCH = {
    "tune",
    "--data",
    "digits",
    "--hidden",
    "50",
    "--epochs",
    "6",
    "--trials",
    "10",
    "--seed",
    "5",
    "--scheduler",
    "asha"
  };

  @TempDir Path tmp;

  private static String[] with(String[] base, String... more) {
    List<String> all = new ArrayList<>(List.of(base));
    all.addAll(List.of(more));
    return all.toArray(String[]::new);
  }

  @Test
  void aSearchStoppedBySigtermResumesWithoutLosingOrRepeatingTrials() throws Exception {
    Path spark = tmp.resolve("spark");
    String[] onSpark = {"--executor", "spark", "--spark-master", "local[2]"};
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Dgakushu.gemmTuning=off");
    // the plain kernels, which give the vector kernels' bits: no 1-1.6 s kernel probe
    command.add("-Dgakushu.kernel=plain");
    command.addAll(List.of(System.getProperty("cluster.java.options", "").trim().split("\\s+")));
    command.add("-cp");
    command.add(
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
    command.add("dev.gakushu.cli.Gakushu");
    command.addAll(List.of(with(with(SEARCH, onSpark), "--out", spark.toString())));
    Process driver =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(tmp.resolve("driver.log").toFile())
            .start();
    try {
      Path journal = spark.resolve("journal.jsonl");
      while (!Files.exists(journal) || Journals.trials(spark).size() < 2) {
        assertThat(driver.isAlive()).as("the search ended before SIGTERM").isTrue();
        Thread.sleep(100);
      }
      driver.destroy(); // SIGTERM
      assertThat(driver.waitFor(2, TimeUnit.MINUTES)).isTrue();
    } finally {
      driver.destroyForcibly();
    }
    int kept = Journals.trials(spark).size();
    assertThat(kept).as("finished trials kept").isBetween(2, 9);

    Journals.gakushu(with(with(SEARCH, onSpark), "--resume", spark.toString()));
    Path local = tmp.resolve("local");
    Journals.gakushu(with(SEARCH, "--workers", "2", "--out", local.toString()));
    assertThat(Journals.trials(spark)).hasSize(10).isEqualTo(Journals.trials(local));
  }
}

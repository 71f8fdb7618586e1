package dev.gakushu.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The same search on Spark ({@code local[2]}, through {@code tune --executor spark}) and on two
 * local workers gives the same journal: the same trials with the same values, seeds, accuracies of
 * every epoch and statuses. Under successive halving (4 epochs: rungs at 1 and 3) the trials that
 * go on continue from snapshots sent back to the driver, so this also checks that a paused trial
 * continues on Spark exactly as it would have run through.
 */
class SparkTuneTest {
  @TempDir Path tmp;

  private static String[] search(String scheduler, String sampler, Path out, String... executor) {
    java.util.List<String> args =
        new java.util.ArrayList<>(
            java.util.List.of(
                "tune",
                "--data",
                "digits",
                "--hidden",
                "30",
                "--epochs",
                "4",
                "--trials",
                "8",
                "--seed",
                "7",
                "--space",
                "lr=log(1e-3,1)",
                "--space",
                "weight-decay=log(1e-8,1e-4)",
                "--scheduler",
                scheduler,
                "--sampler",
                sampler,
                "--out",
                out.toString()));
    if (sampler.equals("tpe")) { // TPE from trial 5 on (2 start-up trials and the lag of 3)
      args.addAll(java.util.List.of("--tpe-startup", "2"));
    }
    args.addAll(java.util.List.of(executor));
    return args.toArray(String[]::new);
  }

  @ParameterizedTest
  @CsvSource({"random,random", "asha,random", "random,tpe", "asha,tpe"})
  void sparkLocalGivesTheJournalOfTwoLocalWorkers(String scheduler, String sampler)
      throws IOException {
    Path local = tmp.resolve("local");
    Path spark = tmp.resolve("spark");
    Journals.gakushu(search(scheduler, sampler, local, "--workers", "2"));
    int decodes = SparkTrials.decodes();
    String printed =
        Journals.gakushu(
            search(scheduler, sampler, spark, "--executor", "spark", "--spark-master", "local[2]"));

    assertThat(printed).contains("on spark local[2]");
    assertThat(Journals.trials(spark)).hasSize(8).isEqualTo(Journals.trials(local));
    if (scheduler.equals("asha")) {
      assertThat(Journals.trials(spark).values())
          .as("some trials stop at a rung, some go on past it")
          .anyMatch(line -> line.contains("\"stopped\""))
          .anyMatch(line -> line.contains("\"completed\""));
    }
    assertThat(SparkTrials.decodes() - decodes)
        .as("the data is decoded once in this JVM (the one executor of local[2])")
        .isEqualTo(1);
  }
}

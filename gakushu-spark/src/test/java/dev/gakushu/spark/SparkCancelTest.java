package dev.gakushu.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gakushu.data.Dataset;
import dev.gakushu.spec.RunSpec;
import dev.gakushu.tensor.Matrix;
import dev.gakushu.tune.Search;
import dev.gakushu.tune.SearchSpace;
import dev.gakushu.tune.TrialOutcome;
import dev.gakushu.tune.TrialTask;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.spark.JobExecutionStatus;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A search on a Spark context the test owns: cancelling, resuming, threads per task. */
class SparkCancelTest {
  private static final RunSpec BASE =
      RunSpec.builder().hidden(20).optimizer("sgd").epochs(3).batchSize(20).seed(3).build();
  private static final Dataset TRAIN = blobs("train", 400, 1);
  private static final Dataset VALIDATION = blobs("validation", 100, 2);

  @TempDir Path tmp;

  /** Three classes of 8 features around different means: a small problem trials learn fast. */
  private static Dataset blobs(String name, int rows, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    Matrix x = new Matrix(rows, 8);
    int[] labels = new int[rows];
    for (int r = 0; r < rows; r++) {
      labels[r] = r % 3;
      for (int c = 0; c < 8; c++) {
        x.data()[r * 8 + c] = (float) (random.nextGaussian() + (c % 3 == labels[r] ? 1.5 : 0));
      }
    }
    return new Dataset(name, x, labels, List.of("a", "b", "c"));
  }

  private Search search(Path dir) throws IOException {
    Files.createDirectories(dir);
    SearchSpace space = SearchSpace.parse(List.of("lr=log(1e-3,1)"), BASE);
    return new Search(
        new Search.Settings("blobs", space, BASE, "random", BASE.seed()), TRAIN, VALIDATION, dir);
  }

  private static JavaSparkContext spark(int taskCpus) {
    return new JavaSparkContext(
        new SparkConf()
            .setMaster("local[2]")
            .setAppName("gakushu test")
            .set("spark.task.cpus", Integer.toString(taskCpus))
            .set("spark.log.level", "WARN")
            .set("spark.ui.enabled", "false"));
  }

  @Test
  void closingTheRunnerCancelsTheJobOfARunningTrial() throws Exception {
    try (JavaSparkContext spark = spark(1)) {
      CompletableFuture<TrialOutcome> outcome;
      try (Search.Runner runner = new SparkExecutor(spark).start(TRAIN, VALIDATION, 1)) {
        RunSpec endless = BASE.toBuilder().epochs(100_000).threads(1).build();
        outcome = runner.submit(new TrialTask(0, endless, 100_000, new byte[0]));
        while (spark.statusTracker().getActiveJobIds().length == 0) {
          Thread.sleep(50);
        }
      }
      assertThatThrownBy(outcome::join).isInstanceOf(CompletionException.class);
      // cancelling is asynchronous; a trial of 100 000 epochs left running would take hours
      for (int i = 0; i < 1200 && spark.statusTracker().getActiveJobIds().length > 0; i++) {
        Thread.sleep(100);
      }
      assertThat(spark.statusTracker().getActiveJobIds()).isEmpty();
      assertThat(spark.statusTracker().getJobInfo(0).status()).isEqualTo(JobExecutionStatus.FAILED);
    }
  }

  @Test
  void anInterruptedSearchResumesWithoutLosingOrRepeatingTrials() throws Exception {
    Path interrupted = tmp.resolve("interrupted");
    try (JavaSparkContext spark = spark(1)) {
      Search.Executor executor = new SparkExecutor(spark);
      int[] finished = {0};
      assertThatThrownBy(
              () ->
                  search(interrupted)
                      .run(
                          8,
                          1,
                          executor,
                          r -> {
                            if (++finished[0] == 3) {
                              Thread.currentThread().interrupt();
                            }
                          }))
          .hasMessageContaining("interrupted");
      var unused = Thread.interrupted(); // cleared: Spark calls while closing may clear it first
      assertThat(Journals.trials(interrupted)).hasSize(3);

      search(interrupted).run(8, 1, executor, r -> {});
    }
    Path local = tmp.resolve("local");
    search(local).run(8, 2, Search.LOCAL, r -> {});
    assertThat(Journals.trials(interrupted)).hasSize(8).isEqualTo(Journals.trials(local));
  }

  @Test
  void aTrialTrainsWithTheCoresSparkGivesATask() {
    try (JavaSparkContext spark = spark(2);
        Search.Runner runner = new SparkExecutor(spark).start(TRAIN, VALIDATION, 1)) {
      assertThat(runner.slots()).as("local[2] runs one task of 2 cores at once").isEqualTo(1);
      TrialOutcome outcome =
          runner
              .submit(new TrialTask(0, BASE.toBuilder().threads(1).build(), 1, new byte[0]))
              .join();
      assertThat(outcome.threads()).isEqualTo(2);
      assertThat(outcome.status()).isEqualTo(TrialOutcome.PAUSED);
      assertThat(outcome.snapshot()).isNotEmpty();
    }
  }
}

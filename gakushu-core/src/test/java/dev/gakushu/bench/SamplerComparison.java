package dev.gakushu.bench;

import dev.gakushu.data.Dataset;
import dev.gakushu.data.Split;
import dev.gakushu.experiments.BookData;
import dev.gakushu.experiments.HyperparameterSearch;
import dev.gakushu.run.TrialResult;
import dev.gakushu.spec.RunSpec;
import dev.gakushu.tune.SamplerSettings;
import dev.gakushu.tune.Search;
import dev.gakushu.tune.SearchSpace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Random search against TPE on the hyperparameter-search experiment's setup (its data, network,
 * space and trial length), over seeds 1..S: the median over the seeds of the best validation
 * accuracy after 20, 40 and 100 trials, and the fewest trials after which TPE's median best reaches
 * random search's median best after 100. Run by {@code bench/samplers.sh EPOCHS SEEDS}; each search
 * runs on one thread, two searches at a time.
 */
public final class SamplerComparison {
  private static final int TRIALS = 100;
  private static final int[] AFTER = {20, 40, 100};

  private SamplerComparison() {}

  public static void main(String[] args) throws Exception {
    int epochs = Integer.parseInt(args[0]);
    int seeds = Integer.parseInt(args[1]);
    BookData data = BookData.load();
    Dataset pool = HyperparameterSearch.pool(data);
    List<SamplerSettings> samplers = List.of(SamplerSettings.RANDOM, SamplerSettings.TPE_DEFAULT);
    ExecutorService pool2 = Executors.newFixedThreadPool(2);
    List<List<Future<double[]>>> runs = new ArrayList<>();
    for (SamplerSettings sampler : samplers) {
      List<Future<double[]>> bySeed = new ArrayList<>();
      for (long seed = 1; seed <= seeds; seed++) {
        long s = seed;
        bySeed.add(pool2.submit(() -> bestSoFar(data.name(), pool, epochs, s, sampler)));
      }
      runs.add(bySeed);
    }
    double[][] medians = new double[samplers.size()][TRIALS];
    for (int i = 0; i < samplers.size(); i++) {
      double[][] curves = new double[seeds][];
      for (int s = 0; s < seeds; s++) {
        curves[s] = runs.get(i).get(s).get();
      }
      for (int n = 0; n < TRIALS; n++) {
        double[] at = new double[seeds];
        for (int s = 0; s < seeds; s++) {
          at[s] = curves[s][n];
        }
        medians[i][n] = median(at);
      }
    }
    pool2.shutdown();
    System.out.printf(
        Locale.ROOT, "%s, %d epochs per trial, seeds 1..%d%n", data.name(), epochs, seeds);
    for (int i = 0; i < samplers.size(); i++) {
      StringBuilder row = new StringBuilder(samplers.get(i).name());
      for (int after : AFTER) {
        row.append(String.format(Locale.ROOT, " | after %d: %.4f", after, medians[i][after - 1]));
      }
      System.out.println(row);
    }
    double target = medians[0][TRIALS - 1];
    int match = -1;
    for (int n = 0; n < TRIALS && match < 0; n++) {
      if (medians[1][n] >= target) {
        match = n + 1;
      }
    }
    System.out.printf(
        Locale.ROOT,
        "tpe's median best reaches random's 100-trial median (%.4f) after %s trials%n",
        target,
        match < 0 ? "more than 100" : Integer.toString(match));
  }

  /** The best validation accuracy after each of the first 100 trials of one search. */
  private static double[] bestSoFar(
      String name, Dataset pool, int epochs, long seed, SamplerSettings sampler)
      throws IOException {
    Split split = Split.stratified(pool, 0.2, 0, seed);
    RunSpec base = HyperparameterSearch.base(epochs, seed);
    SearchSpace space = SearchSpace.parse(HyperparameterSearch.SPACE, base);
    Path dir = Files.createTempDirectory("gakushu-samplers");
    try {
      List<TrialResult> results =
          new Search(
                  new Search.Settings(name + "/first-500", space, base, "random", seed, sampler),
                  split.train(),
                  split.validation(),
                  dir)
              .run(TRIALS, 1, Search.LOCAL, r -> {});
      results.sort(Comparator.comparingInt(TrialResult::trial));
      double[] best = new double[TRIALS];
      double b = Double.NEGATIVE_INFINITY;
      for (int n = 0; n < TRIALS; n++) {
        double score = results.get(n).score();
        b = Math.max(b, Double.isFinite(score) ? score : 0);
        best[n] = b;
      }
      return best;
    } finally {
      Files.deleteIfExists(dir.resolve(Search.JOURNAL));
      Files.deleteIfExists(dir);
    }
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    int n = s.length;
    return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  }
}

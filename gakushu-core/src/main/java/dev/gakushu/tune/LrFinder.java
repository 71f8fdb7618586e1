package dev.gakushu.tune;

import dev.gakushu.data.BatchSampler;
import dev.gakushu.data.Batches;
import dev.gakushu.data.Dataset;
import dev.gakushu.nn.Mode;
import dev.gakushu.nn.Network;
import dev.gakushu.optim.GradientClipping;
import dev.gakushu.optim.Optimizer;
import dev.gakushu.spec.RunSpec;
import dev.gakushu.train.TrainConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * The learning-rate range test (L. N. Smith, "Cyclical learning rates for training neural
 * networks", 2017; fastai's {@code lr_find}, Lightning's {@code Tuner.lr_find}): training from the
 * run's initial weights, step i of N uses lr_i = lr_start·(lr_end/lr_start)^(i/(N−1)), on the run's
 * own batches (its batch size and shuffling, epoch after epoch as needed). It records the loss
 * smoothed as fastai does, an exponential moving average with bias correction,
 *
 * <pre>
 *   a_i = β a_{i−1} + (1 − β) loss_i,   a_{−1} = 0,   smoothed_i = a_i / (1 − β^{i+1}),   β = 0.98
 * </pre>
 *
 * and stops once the smoothed loss exceeds {@link Settings#divergence} times the lowest so far, or
 * the loss stops being finite (divergence), or after N steps.
 *
 * <p>The suggestion is fastai's default rule, the "valley": among the recorded points without the
 * first N/10 and the last 5 (fastai's lr_find trims them), take the longest run along which the
 * smoothed loss keeps falling (the longest strictly decreasing subsequence, ending at its lowest
 * point), and suggest the learning rate ⌊k/3⌋ + ⌊k/6⌋ points past its start, k its length: about
 * halfway down the valley, where the loss still falls fast and training is still stable.
 */
public final class LrFinder {
  /**
   * @param start the first learning rate (fastai's default 1e−7)
   * @param end the last learning rate (fastai's default 10)
   * @param steps N, the steps from start to end (fastai's default 100)
   * @param divergence the test stops when the smoothed loss exceeds this many times its minimum
   *     (fastai's 4)
   */
  public record Settings(double start, double end, int steps, double divergence) {
    public static final Settings FASTAI = new Settings(1e-7, 10, 100, 4);

    /** The EMA's β. */
    static final double BETA = 0.98;

    /** fastai's lr_find drops this many points at the end before suggesting. */
    static final int TRIM_END = 5;

    public Settings {
      if (!(start > 0) || !(end > start) || Double.isInfinite(end)) {
        throw new IllegalArgumentException("need 0 < start < end, got " + start + ", " + end);
      }
      if (steps < 2 || !(divergence > 1)) {
        throw new IllegalArgumentException("need steps >= 2 and divergence > 1");
      }
    }

    /** The learning rate of step i. */
    double rate(int i) {
      return start * StrictMath.pow(end / start, (double) i / (steps - 1));
    }
  }

  /**
   * What the test found.
   *
   * @param rates the learning rate of each step taken
   * @param losses each step's batch loss
   * @param smoothed each step's smoothed loss
   * @param suggestion the suggested learning rate (NaN when too few points were recorded)
   * @param suggestedStep the step whose learning rate is suggested (−1 with none)
   * @param diverged whether the test stopped at divergence rather than at the last step
   */
  public record Result(
      List<Double> rates,
      List<Double> losses,
      List<Double> smoothed,
      double suggestion,
      int suggestedStep,
      boolean diverged) {
    /** The rule the suggestion follows, in one line. */
    public static final String RULE =
        "fastai's valley: a third to half of the way down the longest stretch of falling smoothed"
            + " loss";
  }

  private LrFinder() {}

  /**
   * Runs the test on {@code network} (trained in place: pass one built for the purpose) with the
   * run's optimizer, batches, gradient clipping and constraints.
   */
  public static Result run(RunSpec spec, Network network, Dataset train, Settings settings) {
    Optimizer optimizer = spec.buildOptimizer();
    BatchSampler batches = TrainConfig.of(spec).batches(train);
    List<Double> rates = new ArrayList<>();
    List<Double> losses = new ArrayList<>();
    List<Double> smoothed = new ArrayList<>();
    double average = 0;
    double best = Double.POSITIVE_INFINITY;
    boolean diverged = false;
    int epoch = 0;
    int b = batches.batchesPerEpoch();
    for (int i = 0; i < settings.steps() && !diverged; i++) {
      if (b == batches.batchesPerEpoch()) {
        batches.beginEpoch(++epoch);
        b = 0;
      }
      Batches.Batch batch = batches.batch(b++);
      double rate = settings.rate(i);
      double loss = network.loss(batch.features(), batch.labels(), Mode.TRAIN);
      if (!Double.isFinite(loss)) {
        diverged = true;
        break;
      }
      network.backwardToParameters();
      if (spec.loop().clipNorm() > 0) {
        GradientClipping.clipGlobalNorm(network.params(), spec.loop().clipNorm());
      }
      optimizer.setLearningRate(rate);
      optimizer.step(network.params());
      network.applyConstraints();
      average = Settings.BETA * average + (1 - Settings.BETA) * loss;
      double s = average / (1 - StrictMath.pow(Settings.BETA, i + 1));
      rates.add(rate);
      losses.add(loss);
      smoothed.add(s);
      best = Math.min(best, s);
      diverged = s > settings.divergence() * best;
    }
    int from = settings.steps() / 10;
    int to = smoothed.size() - Settings.TRIM_END;
    int step = to - from >= 2 ? from + valley(smoothed.subList(from, to)) : -1;
    return new Result(
        List.copyOf(rates),
        List.copyOf(losses),
        List.copyOf(smoothed),
        step < 0 ? Double.NaN : rates.get(step),
        step,
        diverged);
  }

  /**
   * fastai's valley: lds[i] is the length of the longest strictly decreasing subsequence ending at
   * i; the longest ends at e and starts at s = e − lds[e]; the index s + ⌊(e − s)/3⌋ + ⌊(e − s)/6⌋
   * (fastai's int(sections) + int(sections/2) with sections = (e − s)/3).
   */
  static int valley(List<Double> losses) {
    int n = losses.size();
    int[] lds = new int[n];
    java.util.Arrays.fill(lds, 1);
    int maxStart = 0;
    int maxEnd = 0;
    for (int i = 1; i < n; i++) {
      for (int j = 0; j < i; j++) {
        if (losses.get(i) < losses.get(j) && lds[i] < lds[j] + 1) {
          lds[i] = lds[j] + 1;
        }
        if (lds[maxEnd] < lds[i]) {
          maxEnd = i;
          maxStart = maxEnd - lds[maxEnd];
        }
      }
    }
    double sections = (maxEnd - maxStart) / 3.0;
    return Math.max(0, maxStart + (int) sections + (int) (sections / 2));
  }
}

package dev.gakushu.bench;

import dev.gakushu.data.BatchSampler;
import dev.gakushu.data.Batches;
import dev.gakushu.data.Dataset;
import dev.gakushu.nn.Network;
import dev.gakushu.optim.Optimizer;
import dev.gakushu.spec.RunSpec;
import dev.gakushu.tensor.Matrix;
import dev.gakushu.train.EpochMetrics;
import dev.gakushu.train.TrainConfig;
import dev.gakushu.train.TrainListener;
import dev.gakushu.train.Trainer;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The training workloads the speed issue compares with PyTorch
 * (shared/docs/anchors/performance.md):
 *
 * <ul>
 *   <li>W1: 784-100-100-100-100-10, ReLU, He, Adam lr 1e-3, batch 100;
 *   <li>W2: W1 with Dense → BatchNorm → ReLU → Dropout(0.2) in each hidden block;
 *   <li>W3: 784-1024-1024-10, ReLU, SGD with momentum 0.9 (lr 0.01), batch 256.
 * </ul>
 *
 * Inputs are random normal with random labels, cycling through 50 distinct batches, as in the
 * PyTorch script {@code bench/compare_pytorch.py}. A step is forward, loss, backward and update,
 * taken by the one training loop ({@link Trainer}) from the workload's {@link RunSpec}.
 */
public enum TrainingWorkload {
  W1(100, List.of(100, 100, 100, 100), false, "adam"),
  W2(100, List.of(100, 100, 100, 100), true, "adam"),
  W3(256, List.of(1024, 1024), false, "momentum");

  public static final int INPUTS = 784;
  public static final int CLASSES = 10;
  private static final int DISTINCT_BATCHES = 50;

  private final int batchSize;

  @SuppressWarnings("ImmutableEnumChecker") // List.of: immutable, which the checker cannot see
  private final List<Integer> hidden;

  private final boolean batchNormAndDropout;
  private final String optimizer;

  TrainingWorkload(
      int batchSize, List<Integer> hidden, boolean batchNormAndDropout, String optimizer) {
    this.batchSize = batchSize;
    this.hidden = hidden;
    this.batchNormAndDropout = batchNormAndDropout;
    this.optimizer = optimizer;
  }

  /** A workload by name, ignoring case; null if there is none. */
  public static TrainingWorkload byName(String name) {
    for (TrainingWorkload w : values()) {
      if (w.name().equalsIgnoreCase(name)) {
        return w;
      }
    }
    return null;
  }

  public int batchSize() {
    return batchSize;
  }

  /** Weights of the dense layers: the GFLOPS convention counts 6 flops per weight per sample. */
  public long weights() {
    long total = 0;
    int in = INPUTS;
    for (int h : hidden) {
      total += (long) in * h;
      in = h;
    }
    return total + (long) in * CLASSES;
  }

  /** The workload's run specification (the data is synthetic, so its data settings are unused). */
  RunSpec spec(int threads) {
    return RunSpec.builder()
        .hidden(hidden)
        .batchNorm(batchNormAndDropout)
        .dropout(batchNormAndDropout ? 0.2 : 0)
        .optimizer(optimizer)
        .batchSize(batchSize)
        .threads(threads)
        .seed(1)
        .build();
  }

  /** A measurement: samples per second over {@code steps} steps after warming up. */
  public record Result(
      TrainingWorkload workload,
      int threads,
      double samplesPerSecond,
      double gflops,
      String kernel) {
    public String sentence() {
      return String.format(
          Locale.ROOT,
          "%s with %d thread%s: %.0f samples/s (%.1f GFLOPS), kernel %s",
          workload,
          threads,
          threads == 1 ? "" : "s",
          samplesPerSecond,
          gflops,
          kernel);
    }
  }

  /**
   * Trains for {@code warmupSeconds}, then times {@code repetitions} runs of {@code steps} steps
   * and reports the median.
   */
  public Result measure(
      int threads, double warmupSeconds, int repetitions, int steps, String kernelName) {
    RunSpec spec = spec(threads);
    Network net = spec.buildNetwork(INPUTS, CLASSES);
    Optimizer opt = spec.buildOptimizer();
    CyclingBatches batches = new CyclingBatches(batchSize, steps);
    Dataset none = new Dataset("none", new Matrix(0, INPUTS), new int[0], classNames());
    long start = System.nanoTime();
    while (System.nanoTime() - start < warmupSeconds * 1e9) {
      new Trainer(TrainConfig.of(spec.with("epochs", 1)), List.of())
          .fit(net, opt, batches, none, null);
    }
    double[] rates = new double[repetitions];
    TrainListener timer =
        new TrainListener() {
          @Override
          public void onEpochEnd(EpochMetrics m) {
            rates[m.epoch() - 1] = (double) steps * batchSize / m.seconds();
          }
        };
    new Trainer(TrainConfig.of(spec.with("epochs", repetitions)), List.of(timer))
        .fit(net, opt, batches, none, null);
    java.util.Arrays.sort(rates);
    double median = rates[repetitions / 2];
    return new Result(this, threads, median, median * 6.0 * weights() / 1e9, kernelName);
  }

  private static List<String> classNames() {
    return java.util.stream.IntStream.range(0, CLASSES).mapToObj(String::valueOf).toList();
  }

  /**
   * Random normal inputs with random labels, cycling through 50 distinct batches, as the PyTorch
   * script does; an epoch is {@code steps} batches.
   */
  private static final class CyclingBatches implements BatchSampler {
    private final Batches.Batch[] batches = new Batches.Batch[DISTINCT_BATCHES];
    private final int batchSize;
    private final int steps;
    private long served;

    CyclingBatches(int batchSize, int steps) {
      this.batchSize = batchSize;
      this.steps = steps;
      SplittableRandom random = new SplittableRandom(7);
      for (int b = 0; b < DISTINCT_BATCHES; b++) {
        Matrix x = new Matrix(batchSize, INPUTS);
        float[] values = x.data();
        for (int i = 0; i < values.length; i++) {
          values[i] = (float) random.nextGaussian();
        }
        batches[b] = new Batches.Batch(x, random.ints(batchSize, 0, CLASSES).toArray());
      }
    }

    @Override
    public int batchesPerEpoch() {
      return steps;
    }

    @Override
    public long rowsPerEpoch() {
      return (long) steps * batchSize;
    }

    @Override
    public void beginEpoch(int epoch) {}

    @Override
    public Batches.Batch batch(int index) {
      return batches[(int) (served++ % DISTINCT_BATCHES)];
    }
  }
}

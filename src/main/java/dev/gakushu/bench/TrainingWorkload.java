package dev.gakushu.bench;

import dev.gakushu.Conventions;
import dev.gakushu.init.Initializer;
import dev.gakushu.nn.Mode;
import dev.gakushu.nn.Network;
import dev.gakushu.nn.Param;
import dev.gakushu.optim.Optimizer;
import dev.gakushu.spec.OptimizerSettings;
import dev.gakushu.tensor.Matrix;
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
 * PyTorch script {@code bench/compare_pytorch.py}. A step is forward, loss, backward and update.
 */
public enum TrainingWorkload {
  W1(100, new int[] {100, 100, 100, 100}, false, "adam"),
  W2(100, new int[] {100, 100, 100, 100}, true, "adam"),
  W3(256, new int[] {1024, 1024}, false, "momentum");

  public static final int INPUTS = 784;
  public static final int CLASSES = 10;
  private static final int DISTINCT_BATCHES = 50;

  private final int batchSize;
  private final int[] hidden;
  private final boolean batchNormAndDropout;
  private final String optimizer;

  TrainingWorkload(int batchSize, int[] hidden, boolean batchNormAndDropout, String optimizer) {
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

  Network network(int threads, long seed) {
    Network.Builder b = Network.builder(INPUTS).init(Initializer.he()).threads(threads);
    for (int h : hidden) {
      b.dense(h);
      if (batchNormAndDropout) {
        b.batchNorm().relu().dropout(0.2);
      } else {
        b.relu();
      }
    }
    return b.dense(CLASSES).build(seed);
  }

  Optimizer optimizer() {
    double lr = optimizer.equals("adam") ? 1e-3 : 1e-2;
    return OptimizerSettings.defaults(optimizer, Conventions.PYTORCH)
        .with("lr", lr)
        .build(Conventions.PYTORCH);
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
    Network net = network(threads, 1);
    Optimizer opt = optimizer();
    Matrix[] inputs = new Matrix[DISTINCT_BATCHES];
    int[][] labels = new int[DISTINCT_BATCHES][];
    SplittableRandom random = new SplittableRandom(7);
    for (int b = 0; b < DISTINCT_BATCHES; b++) {
      inputs[b] = new Matrix(batchSize, INPUTS);
      float[] x = inputs[b].data();
      for (int i = 0; i < x.length; i++) {
        x[i] = (float) random.nextGaussian();
      }
      labels[b] = random.ints(batchSize, 0, CLASSES).toArray();
    }
    List<Param> params = net.params();
    long start = System.nanoTime();
    int step = 0;
    while (System.nanoTime() - start < warmupSeconds * 1e9) {
      step(net, opt, params, inputs[step % DISTINCT_BATCHES], labels[step % DISTINCT_BATCHES]);
      step++;
    }
    double[] rates = new double[repetitions];
    for (int r = 0; r < repetitions; r++) {
      long t0 = System.nanoTime();
      for (int s = 0; s < steps; s++, step++) {
        step(net, opt, params, inputs[step % DISTINCT_BATCHES], labels[step % DISTINCT_BATCHES]);
      }
      rates[r] = (double) steps * batchSize / ((System.nanoTime() - t0) / 1e9);
    }
    java.util.Arrays.sort(rates);
    double median = rates[repetitions / 2];
    return new Result(this, threads, median, median * 6.0 * weights() / 1e9, kernelName);
  }

  private static void step(Network net, Optimizer opt, List<Param> params, Matrix x, int[] y) {
    net.loss(x, y, Mode.TRAIN);
    net.backward();
    opt.step(params);
  }
}

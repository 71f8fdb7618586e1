package dev.gakushu.bench;

import dev.gakushu.nn.Mode;
import dev.gakushu.nn.Network;
import dev.gakushu.nn.Param;
import dev.gakushu.optim.Optimizer;
import dev.gakushu.optim.OptimizerKind;
import dev.gakushu.spec.RunSpec;
import dev.gakushu.tensor.GaussianSampler;
import dev.gakushu.tensor.Matrix;
import dev.gakushu.tensor.ThreadAllocation;
import dev.gakushu.train.TrainListener;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Function;

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
 * PyTorch script {@code bench/compare_pytorch.py}; the network and optimizer are those of the
 * workload's run specification. A step is forward, loss, backward and update.
 */
public enum TrainingWorkload {
  W1(100, List.of(100, 100, 100, 100), false, OptimizerKind.ADAM),
  W2(100, List.of(100, 100, 100, 100), true, OptimizerKind.ADAM),
  W3(256, List.of(1024, 1024), false, OptimizerKind.MOMENTUM);

  public static final int INPUTS = 784;
  public static final int CLASSES = 10;
  private static final int DISTINCT_BATCHES = 50;

  private final int batchSize;

  @SuppressWarnings("ImmutableEnumChecker") // List.of: immutable, which the checker cannot see
  private final List<Integer> hidden;

  private final boolean batchNormAndDropout;
  private final OptimizerKind optimizer;

  TrainingWorkload(
      int batchSize, List<Integer> hidden, boolean batchNormAndDropout, OptimizerKind optimizer) {
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

  /**
   * A measurement: samples per second over {@code steps} steps after warming up, and the bytes the
   * training thread allocated per step meanwhile (NaN where not measured).
   */
  public record Result(
      TrainingWorkload workload,
      int threads,
      double samplesPerSecond,
      double gflops,
      String kernel,
      double bytesPerStep) {
    public String sentence() {
      return String.format(
          Locale.ROOT,
          "%s with %d thread%s: %.0f samples/s (%.1f GFLOPS), kernel %s, %.0f bytes allocated per"
              + " step",
          workload,
          threads,
          threads == 1 ? "" : "s",
          samplesPerSecond,
          gflops,
          kernel,
          bytesPerStep);
    }
  }

  /**
   * Trains for {@code warmupSeconds}, then times {@code repetitions} runs of {@code steps} steps
   * and reports the median.
   */
  public Result measure(
      int threads, double warmupSeconds, int repetitions, int steps, String kernelName) {
    Loop loop = new Loop(threads);
    loop.run(warmupSeconds, null);
    double[] rates = new double[repetitions];
    long allocatedBefore = ThreadAllocation.bytes();
    for (int r = 0; r < repetitions; r++) {
      rates[r] = loop.samplesPerSecond(steps, null);
    }
    long allocated = ThreadAllocation.bytes() - allocatedBefore;
    double perStep = allocatedBefore < 0 ? Double.NaN : (double) allocated / repetitions / steps;
    return result(threads, median(rates), kernelName, perStep);
  }

  /**
   * The bytes the calling thread allocates per step at one thread, in the steady state: training in
   * rounds of {@code steps} steps, the bytes per step of the first round that allocates nothing,
   * else of the last of {@code maxRounds} rounds (NaN where the JVM does not count them). Rounds,
   * not a fixed warm-up, because a JIT short of CPU takes many more steps to compile a step.
   */
  public double steadyBytesPerStep(int steps, int maxRounds) {
    Loop loop = new Loop(1);
    long allocated = 0;
    for (int round = 0; round < maxRounds && (round == 0 || allocated != 0); round++) {
      long before = ThreadAllocation.bytes();
      loop.samplesPerSecond(steps, null);
      allocated = before < 0 ? -1 : ThreadAllocation.bytes() - before;
    }
    return allocated < 0 ? Double.NaN : (double) allocated / steps;
  }

  /**
   * What a training listener costs: each repetition times {@code steps} steps without it, then
   * {@code steps} steps with it, so that both see the same machine load; reports both medians and
   * the median of the repetitions' ratios (with / without). The listener hears the steps it is
   * given as one continuous epoch.
   */
  public Comparison compare(
      int threads,
      double warmupSeconds,
      int repetitions,
      int steps,
      String kernelName,
      Function<Network, TrainListener> listenerFor) {
    Loop loop = new Loop(threads);
    TrainListener listener = listenerFor.apply(loop.net);
    listener.onTrainStart(1, Integer.MAX_VALUE);
    loop.run(warmupSeconds / 2, null);
    loop.run(warmupSeconds / 2, listener);
    double[] without = new double[repetitions];
    double[] with = new double[repetitions];
    double[] ratios = new double[repetitions];
    long listenerBefore = loop.listenerNanos;
    long withNanos = 0;
    for (int r = 0; r < repetitions; r++) {
      without[r] = loop.samplesPerSecond(steps, null);
      long t0 = System.nanoTime();
      with[r] = loop.samplesPerSecond(steps, listener);
      withNanos += System.nanoTime() - t0;
      ratios[r] = with[r] / without[r];
    }
    long inListener = loop.listenerNanos - listenerBefore;
    return new Comparison(
        result(threads, median(without), kernelName, Double.NaN),
        result(threads, median(with), kernelName, Double.NaN),
        median(ratios),
        (double) inListener / (withNanos - inListener));
  }

  /**
   * Without and with a listener; {@code ratio} is the median of with / without, {@code
   * listenerShare} the time spent inside the listener's calls over the time of the training steps
   * around them (the cost measured directly, far less noisy than the ratio on a shared machine).
   */
  public record Comparison(Result without, Result with, double ratio, double listenerShare) {}

  private Result result(
      int threads, double samplesPerSecond, String kernelName, double bytesPerStep) {
    return new Result(
        this,
        threads,
        samplesPerSecond,
        samplesPerSecond * 6.0 * weights() / 1e9,
        kernelName,
        bytesPerStep);
  }

  static double median(double[] values) {
    double[] sorted = values.clone();
    java.util.Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  /** A network, its optimizer and 50 random batches, stepped through in turn. */
  private final class Loop {
    final Network net;
    final Optimizer opt;
    final Matrix[] inputs = new Matrix[DISTINCT_BATCHES];
    final int[][] labels = new int[DISTINCT_BATCHES][];
    final List<Param> params;
    int step;
    long listenedSteps;
    long listenerNanos;

    Loop(int threads) {
      RunSpec spec = spec(threads);
      net = spec.buildNetwork(INPUTS, CLASSES);
      opt = spec.buildOptimizer();
      params = net.params();
      SplittableRandom random = new SplittableRandom(7);
      GaussianSampler normal = new GaussianSampler(random);
      for (int b = 0; b < DISTINCT_BATCHES; b++) {
        inputs[b] = new Matrix(batchSize, INPUTS);
        float[] x = inputs[b].data();
        for (int i = 0; i < x.length; i++) {
          x[i] = (float) normal.next();
        }
        labels[b] = random.ints(batchSize, 0, CLASSES).toArray();
      }
    }

    void run(double seconds, TrainListener listener) {
      long start = System.nanoTime();
      while (System.nanoTime() - start < seconds * 1e9) {
        step(listener);
      }
    }

    double samplesPerSecond(int steps, TrainListener listener) {
      long t0 = System.nanoTime();
      for (int s = 0; s < steps; s++) {
        step(listener);
      }
      return (double) steps * batchSize / ((System.nanoTime() - t0) / 1e9);
    }

    /** Forward, loss, backward and update of the next batch, told to the listener if any. */
    void step(TrainListener listener) {
      int b = step++ % DISTINCT_BATCHES;
      net.loss(inputs[b], labels[b], Mode.TRAIN);
      net.backwardToParameters();
      if (listener == null) {
        opt.step(params);
        return;
      }
      long heard = ++listenedSteps;
      long t0 = System.nanoTime();
      listener.onGradients(1, heard);
      long t1 = System.nanoTime();
      opt.step(params);
      long t2 = System.nanoTime();
      listener.onBatchEnd(1, heard, Double.NaN);
      listenerNanos += (t1 - t0) + (System.nanoTime() - t2);
    }
  }
}

package dev.gakushu.train;

import dev.gakushu.data.BatchSampler;
import dev.gakushu.data.Batches;
import dev.gakushu.data.Dataset;
import dev.gakushu.nn.Mode;
import dev.gakushu.nn.Network;
import dev.gakushu.optim.GradientClipping;
import dev.gakushu.optim.LearningRateSchedule;
import dev.gakushu.optim.Optimizer;
import dev.gakushu.run.EpochMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The training loop: for each epoch and each mini-batch, forward, loss, backward, (clip), step;
 * then an evaluation on the validation data (after every epoch, or every n-th and the last). The
 * learning rate follows the configured schedule, set before each epoch or each step. Everything
 * else happens in {@link TrainListener}s.
 */
public final class Trainer {
  private final TrainConfig config;
  private final List<TrainListener> listeners;
  private final BooleanSupplier stopRequested;

  public Trainer(TrainConfig config, List<TrainListener> listeners) {
    this(config, listeners, () -> false);
  }

  /**
   * @param stopRequested asked after every step: when it answers true, training stops there (see
   *     {@link TrainingInterruptedException})
   */
  public Trainer(TrainConfig config, List<TrainListener> listeners, BooleanSupplier stopRequested) {
    this.config = config;
    this.listeners = List.copyOf(listeners);
    this.stopRequested = stopRequested;
  }

  /**
   * Trains {@code network} in place from the start.
   *
   * @param validation evaluated after the epochs the configuration schedules; may have no rows
   * @throws TrainingDivergedException as soon as a batch's loss is not finite (unless the
   *     configuration goes on through divergence)
   */
  public TrainResult fit(Network network, Optimizer optimizer, Dataset train, Dataset validation) {
    return fit(network, optimizer, train, validation, null);
  }

  /**
   * Trains {@code network} in place, continuing from {@code from} (a checkpoint's state whose
   * weights, optimizer state and dropout counters are already restored), or from the start when it
   * is null. A continued run takes the same steps with the same batches as a run that was never
   * interrupted; continued from the state a stop was decided in, it trains no further epoch.
   */
  public TrainResult fit(
      Network network, Optimizer optimizer, Dataset train, Dataset validation, TrainState from) {
    return fit(network, optimizer, config.batches(train), validation, from);
  }

  /**
   * Trains {@code network} in place on the batches of {@code batches} (e.g. the book's sampling
   * with replacement, {@link dev.gakushu.data.SampledBatches}), {@link TrainConfig#epochs()} epochs
   * of its {@link BatchSampler#batchesPerEpoch()} batches; the configuration's batch size and
   * shuffling are the sampler's business.
   */
  public TrainResult fit(
      Network network,
      Optimizer optimizer,
      BatchSampler batches,
      Dataset validation,
      TrainState from) {
    listeners.forEach(l -> l.onTrainStart(config.epochs(), batches.batchesPerEpoch()));
    List<EpochMetrics> history = new ArrayList<>();
    long start = System.nanoTime();
    long step = from == null ? 0 : from.step();
    long rowsSeen = 0;
    int firstEpoch = from == null ? 1 : from.epoch();
    if (from != null) {
      for (int i = 0; i < from.dropoutPasses().size(); i++) {
        network.dropouts().get(i).setPasses(from.dropoutPasses().get(i));
      }
    }
    double baseRate = optimizer.learningRate();
    LearningRateSchedule schedule = config.schedule();
    boolean perStep = schedule.unit() == LearningRateSchedule.Unit.STEP;
    long totalSteps = (long) config.epochs() * batches.batchesPerEpoch();
    int lastEpoch =
        from != null && from.stopped() != null ? from.completedEpochs() : config.epochs();
    for (int epoch = firstEpoch; epoch <= lastEpoch; epoch++) {
      long epochStart = System.nanoTime();
      int currentEpoch = epoch;
      listeners.forEach(l -> l.onEpochStart(currentEpoch));
      batches.beginEpoch(epoch);
      if (!perStep) {
        optimizer.setLearningRate(schedule.learningRate(baseRate, epoch - 1, config.epochs()));
      }
      boolean resumingThisEpoch = from != null && epoch == from.epoch();
      double lossSum = resumingThisEpoch ? from.lossSum() : 0;
      long correct = resumingThisEpoch ? from.correct() : 0;
      int firstBatch = resumingThisEpoch ? from.nextBatch() : 0;
      for (int b = firstBatch; b < batches.batchesPerEpoch(); b++) {
        Batches.Batch batch = batches.batch(b);
        double loss = network.loss(batch.features(), batch.labels(), Mode.TRAIN);
        if (config.haltOnDivergence() && !Double.isFinite(loss)) {
          TrainingDivergedException diverged = new TrainingDivergedException(epoch, step + 1, loss);
          listeners.forEach(l -> l.onDiverged(diverged));
          throw diverged;
        }
        correct += network.lastCorrect(batch.labels());
        network.backwardToParameters();
        long nextStep = step + 1;
        listeners.forEach(l -> l.onGradients(currentEpoch, nextStep));
        if (config.clipNorm() > 0) {
          GradientClipping.clipGlobalNorm(network.params(), config.clipNorm());
        }
        if (perStep) {
          optimizer.setLearningRate(schedule.learningRate(baseRate, step, totalSteps));
        }
        optimizer.step(network.params());
        network.applyConstraints();
        step++;
        lossSum += loss * batch.size();
        rowsSeen += batch.size();
        long currentStep = step;
        listeners.forEach(l -> l.onBatchEnd(currentEpoch, currentStep, loss));
        listeners.forEach(l -> l.afterStep(batch));
        TrainState state =
            new TrainState(epoch, b + 1, step, lossSum, correct, dropoutPasses(network));
        reached(state);
      }
      boolean scheduled = epoch % config.validateEvery() == 0 || epoch == config.epochs();
      Evaluation val =
          scheduled
              ? Evaluation.of(network, validation)
              : new Evaluation(Double.NaN, Double.NaN, 0);
      EpochMetrics metrics =
          new EpochMetrics(
              epoch,
              step,
              optimizer.learningRate(),
              lossSum / batches.rowsPerEpoch(),
              network.penalty(),
              network.l1Penalty(),
              (double) correct / batches.rowsPerEpoch(),
              val.loss(),
              val.accuracy(),
              (System.nanoTime() - epochStart) / 1e9,
              null);
      String stop = null;
      for (TrainListener l : listeners) {
        String reason = l.stopAfter(metrics);
        if (stop == null && reason != null && epoch < config.epochs()) {
          stop = reason;
        }
      }
      EpochMetrics reported = stop == null ? metrics : metrics.stoppingBecause(stop);
      history.add(reported);
      listeners.forEach(l -> l.onEpochEnd(reported));
      reached(new TrainState(epoch + 1, 0, step, 0, 0, dropoutPasses(network), stop));
      if (stop != null) {
        break;
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    TrainResult result = new TrainResult(history, step, seconds, rowsSeen / seconds);
    listeners.forEach(l -> l.onTrainEnd(result));
    return result;
  }

  /**
   * Tells the listeners where training stands and stops there if asked to.
   *
   * @throws TrainingInterruptedException if a stop was requested
   */
  private void reached(TrainState state) {
    listeners.forEach(l -> l.onState(state));
    if (stopRequested.getAsBoolean()) {
      listeners.forEach(l -> l.onInterrupted(state));
      throw new TrainingInterruptedException(state);
    }
  }

  private static List<Long> dropoutPasses(Network network) {
    return network.dropouts().stream().map(d -> d.passes()).toList();
  }
}

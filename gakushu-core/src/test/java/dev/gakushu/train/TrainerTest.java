package dev.gakushu.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.gakushu.data.Batches;
import dev.gakushu.data.Dataset;
import dev.gakushu.data.EmbeddedDigits;
import dev.gakushu.data.Sampling;
import dev.gakushu.data.Split;
import dev.gakushu.nn.Mode;
import dev.gakushu.nn.Network;
import dev.gakushu.nn.Param;
import dev.gakushu.optim.Adam;
import dev.gakushu.optim.LearningRateSchedule;
import dev.gakushu.optim.Optimizer;
import dev.gakushu.optim.OptimizerState;
import dev.gakushu.optim.Sgd;
import dev.gakushu.run.EpochMetrics;
import dev.gakushu.tensor.Matrix;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The training loop on small slices of the digits, a few steps at a time. */
class TrainerTest {
  private static final Split DIGITS =
      Split.stratified(EmbeddedDigits.load(), 0.2, 0.2, 7).standardized();

  /** The first {@code n} training rows, in their order. */
  static Dataset rows(int n) {
    return DIGITS.train().subset("train", IntStream.range(0, n).toArray());
  }

  static Dataset validation(int n) {
    return DIGITS.validation().subset("validation", IntStream.range(0, n).toArray());
  }

  static Network small(long seed) {
    return Network.builder(64).dense(16).relu().dense(10).build(seed);
  }

  static Network withDropout(long seed) {
    return Network.builder(64).dense(16).relu().dropout(0.3).dense(10).build(seed);
  }

  /** Mean cross-entropy and accuracy from the network's logits, by log-sum-exp in double. */
  static double[] lossAndAccuracy(Network network, Dataset data) {
    Matrix logits = network.forward(data.features(), Mode.EVAL);
    double loss = 0;
    int correct = 0;
    for (int r = 0; r < data.size(); r++) {
      double max = Double.NEGATIVE_INFINITY;
      int best = 0;
      for (int c = 0; c < logits.cols(); c++) {
        if (logits.get(r, c) > max) {
          max = logits.get(r, c);
          best = c;
        }
      }
      double sum = 0;
      for (int c = 0; c < logits.cols(); c++) {
        sum += Math.exp(logits.get(r, c) - max);
      }
      loss += max + Math.log(sum) - logits.get(r, data.labels()[r]);
      correct += best == data.labels()[r] ? 1 : 0;
    }
    return new double[] {loss / data.size(), (double) correct / data.size()};
  }

  static List<float[]> weights(Network network) {
    return network.params().stream().map(p -> p.value().data().clone()).toList();
  }

  /** Writes what the loop tells its listeners, one line per call. */
  private static final class Recorder implements TrainListener {
    final List<String> heard = new ArrayList<>();

    @Override
    public void onTrainStart(int epochs, int batchesPerEpoch) {
      heard.add("start " + epochs + " " + batchesPerEpoch);
    }

    @Override
    public void onEpochStart(int epoch) {
      heard.add("epoch " + epoch);
    }

    @Override
    public void onGradients(int epoch, long step) {
      heard.add("gradients " + epoch + " " + step);
    }

    @Override
    public void onBatchEnd(int epoch, long step, double loss) {
      heard.add("batch " + epoch + " " + step);
    }

    @Override
    public void afterStep(Batches.Batch batch) {
      heard.add("after " + batch.size());
    }

    @Override
    public void onState(TrainState s) {
      heard.add(
          "state " + s.epoch() + " " + s.nextBatch() + " " + s.step() + " " + s.dropoutPasses());
    }

    @Override
    public String stopAfter(EpochMetrics m) {
      heard.add("stop? " + m.epoch());
      return null;
    }

    @Override
    public void onEpochEnd(EpochMetrics m) {
      heard.add("end " + m.epoch() + " " + m.step());
    }

    @Override
    public void onTrainEnd(TrainResult r) {
      heard.add("done " + r.steps() + " " + r.history().size());
    }
  }

  @Test
  void listenersHearEveryStepInOrder() {
    Recorder recorder = new Recorder();
    // 5 rows in batches of 2: batches of 2, 2 and 1 rows; one dropout mask per training pass
    new Trainer(new TrainConfig(2, 2, false, 1), List.of(recorder))
        .fit(withDropout(1), new Sgd(0.01), rows(5), validation(4));
    List<String> expected = new ArrayList<>();
    expected.add("start 2 3");
    int step = 0;
    for (int epoch = 1; epoch <= 2; epoch++) {
      expected.add("epoch " + epoch);
      for (int b = 0; b < 3; b++) {
        step++;
        expected.add("gradients " + epoch + " " + step);
        expected.add("batch " + epoch + " " + step);
        expected.add("after " + (b < 2 ? 2 : 1));
        expected.add("state " + epoch + " " + (b + 1) + " " + step + " [" + step + "]");
      }
      expected.add("stop? " + epoch);
      expected.add("end " + epoch + " " + step);
      expected.add("state " + (epoch + 1) + " 0 " + step + " [" + step + "]");
    }
    expected.add("done 6 2");
    assertThat(recorder.heard).containsExactlyElementsOf(expected);
  }

  /**
   * With a learning rate too small to move any float32 weight, every batch sees the initial
   * network: the epoch's training loss (the row-weighted mean of batches of 3, 3 and 1 rows) and
   * accuracy are those of the initial network on all rows, and so are the validation figures.
   */
  @Test
  void epochFiguresAreRowWeightedMeansOverTheEpoch() {
    Dataset train = rows(7);
    Dataset val = validation(9);
    // a network that gets 3 of the 7 rows right (2 of them have label 0) and 1 of the 9
    Network reference = small(32);
    double[] onTrain = lossAndAccuracy(reference, train);
    double[] onValidation = lossAndAccuracy(reference, val);
    assertThat(onTrain[1]).isEqualTo(3.0 / 7);
    assertThat(onValidation[1]).isEqualTo(1.0 / 9);
    TrainResult result =
        new Trainer(new TrainConfig(1, 3, false, 3), List.of())
            .fit(small(32), new Sgd(1e-30), train, val);
    EpochMetrics m = result.last();
    assertThat(m.trainLoss()).isCloseTo(onTrain[0], within(1e-5));
    assertThat(m.trainAccuracy()).isEqualTo(onTrain[1]);
    assertThat(m.validationLoss()).isCloseTo(onValidation[0], within(1e-5));
    assertThat(m.validationAccuracy()).isEqualTo(onValidation[1]);
    assertThat(m.step()).isEqualTo(3);
    assertThat(m.learningRate()).isEqualTo(1e-30);
  }

  @Test
  void theFirstListenerThatAsksToStopEndsTrainingAfterThatEpoch() {
    List<String> reasons = new ArrayList<>();
    TrainListener quiet = new TrainListener() {};
    TrainListener second = stopAt(2, "second");
    TrainListener third = stopAt(2, "third");
    TrainListener ends =
        new TrainListener() {
          @Override
          public void onEpochEnd(EpochMetrics m) {
            reasons.add(m.stopReason());
          }
        };
    TrainResult result =
        new Trainer(new TrainConfig(4, 8, true, 5), List.of(quiet, second, third, ends))
            .fit(small(5), new Sgd(0.1), rows(16), validation(8));
    assertThat(result.history()).hasSize(2);
    assertThat(result.steps()).isEqualTo(4);
    assertThat(result.last().stopReason()).isEqualTo("second");
    assertThat(reasons).containsExactly(null, "second");
  }

  @Test
  void aRequestToStopAfterTheLastEpochChangesNothing() {
    TrainResult result =
        new Trainer(new TrainConfig(2, 8, true, 5), List.of(stopAt(2, "late")))
            .fit(small(5), new Sgd(0.1), rows(16), validation(8));
    assertThat(result.history()).hasSize(2);
    assertThat(result.last().stopReason()).isNull();
  }

  private static TrainListener stopAt(int epoch, String reason) {
    return new TrainListener() {
      @Override
      public String stopAfter(EpochMetrics m) {
        return m.epoch() >= epoch ? reason : null;
      }
    };
  }

  @Test
  void validationIsMeasuredEveryNthEpochAndAfterTheLast() {
    TrainConfig config =
        new TrainConfig(5, 8, Sampling.SHUFFLE, 2, LearningRateSchedule.constant(), 0, 2, true);
    TrainResult result =
        new Trainer(config, List.of()).fit(small(2), new Sgd(0.1), rows(16), validation(8));
    assertThat(result.history())
        .extracting(m -> Double.isNaN(m.validationLoss()))
        .containsExactly(true, false, true, false, false);
    assertThat(result.history())
        .extracting(m -> Double.isNaN(m.validationAccuracy()))
        .containsExactly(true, false, true, false, false);
  }

  /**
   * A row of NaN features in the second batch makes the second step's loss NaN (no ReLU between, so
   * the NaN reaches the logits).
   */
  @Test
  void aLossThatIsNotFiniteStopsTrainingBeforeItsStep() {
    Dataset train = rows(4);
    Arrays.fill(train.features().data(), 2 * 64, 3 * 64, Float.NaN);
    List<Long> stepsTaken = new ArrayList<>();
    List<TrainingDivergedException> heard = new ArrayList<>();
    TrainListener listener =
        new TrainListener() {
          @Override
          public void onBatchEnd(int epoch, long step, double loss) {
            stepsTaken.add(step);
          }

          @Override
          public void onDiverged(TrainingDivergedException diverged) {
            heard.add(diverged);
          }
        };
    Network network = Network.builder(64).dense(10).build(4);
    TrainConfig config = new TrainConfig(3, 2, false, 4);
    assertThatThrownBy(
            () ->
                new Trainer(config, List.of(listener))
                    .fit(network, new Sgd(0.1), train, validation(4)))
        .isInstanceOf(TrainingDivergedException.class)
        .satisfies(e -> assertThat(((TrainingDivergedException) e).step()).isEqualTo(2))
        .hasMessageContaining("NaN at step 2 (epoch 1)");
    assertThat(stepsTaken).containsExactly(1L);
    assertThat(heard).hasSize(1);
    assertThat(heard.get(0).step()).isEqualTo(2);

    TrainResult onward =
        new Trainer(config.throughDivergence(), List.of())
            .fit(Network.builder(64).dense(10).build(4), new Sgd(0.1), train, validation(4));
    assertThat(onward.steps()).isEqualTo(6);
    assertThat(onward.history()).extracting(EpochMetrics::trainLoss).allMatch(v -> Double.isNaN(v));
  }

  /** SGD moves the weights by η·g; clipped to norm c, by exactly η·c. */
  @Test
  void clippingBoundsTheGlobalNormOfTheUpdate() {
    double eta = 0.5;
    double clip = 1e-3;
    Dataset train = rows(8);
    double unclipped = updateNorm(train, eta, 0);
    assertThat(unclipped).isGreaterThan(10 * eta * clip);
    assertThat(updateNorm(train, eta, clip)).isCloseTo(eta * clip, within(eta * clip * 1e-3));
  }

  private static double updateNorm(Dataset train, double eta, double clip) {
    Network network = small(6);
    List<float[]> before = weights(network);
    TrainConfig config =
        new TrainConfig(1, 8, Sampling.IN_ORDER, 6, LearningRateSchedule.constant(), clip, 1, true);
    new Trainer(config, List.of()).fit(network, new Sgd(eta), train, validation(2));
    double sum = 0;
    List<float[]> after = weights(network);
    for (int i = 0; i < after.size(); i++) {
      for (int j = 0; j < after.get(i).length; j++) {
        double d = (double) after.get(i)[j] - before.get(i)[j];
        sum += d * d;
      }
    }
    return Math.sqrt(sum);
  }

  /** A per-step cosine schedule over T = 2 epochs × 3 steps: η_t = η(1 + cos(πt/6))/2. */
  @Test
  void aPerStepScheduleSetsTheRateBeforeEachStep() {
    LearningRateSchedule cosine =
        new LearningRateSchedule(
            LearningRateSchedule.Kind.COSINE, LearningRateSchedule.Unit.STEP, 0, 1, 1, 0);
    Sgd sgd = new Sgd(0.2);
    List<Double> rates = ratesPerStep(cosine, sgd, 2);
    double[] expected = new double[6];
    for (int t = 0; t < 6; t++) {
      expected[t] = 0.2 * (1 + Math.cos(Math.PI * t / 6)) / 2;
    }
    assertThat(rates).hasSize(6);
    for (int t = 0; t < 6; t++) {
      assertThat(rates.get(t)).as("step %d", t).isCloseTo(expected[t], within(1e-12));
    }
  }

  /** A per-epoch exponential schedule: η_e = η·γ^(e−1) through every step of epoch e. */
  @Test
  void aPerEpochScheduleHoldsTheRateThroughTheEpoch() {
    LearningRateSchedule exponential =
        new LearningRateSchedule(
            LearningRateSchedule.Kind.EXPONENTIAL, LearningRateSchedule.Unit.EPOCH, 0, 1, 0.5, 0);
    List<Double> rates = ratesPerStep(exponential, new Sgd(0.2), 3);
    assertThat(rates).containsExactly(0.2, 0.2, 0.2, 0.1, 0.1, 0.1, 0.05, 0.05, 0.05);
  }

  private static List<Double> ratesPerStep(
      LearningRateSchedule schedule, Optimizer optimizer, int epochs) {
    List<Double> rates = new ArrayList<>();
    TrainListener listener =
        new TrainListener() {
          @Override
          public void onBatchEnd(int epoch, long step, double loss) {
            rates.add(optimizer.learningRate());
          }
        };
    TrainConfig config = new TrainConfig(epochs, 4, Sampling.SHUFFLE, 8, schedule, 0, 1, true);
    TrainResult result =
        new Trainer(config, List.of(listener)).fit(small(8), optimizer, rows(12), validation(4));
    assertThat(result.history())
        .extracting(EpochMetrics::learningRate)
        .containsExactlyElementsOf(
            IntStream.range(0, epochs).mapToObj(e -> rates.get(3 * e + 2)).toList());
    return rates;
  }

  /** Max-norm: after every step, each unit's incoming weights have norm at most c. */
  @Test
  void theWeightConstraintHoldsAfterEveryStep() {
    double c = 0.5;
    Network network = Network.builder(64).dense(16).relu().dense(10).maxNorm(c).build(9);
    List<Double> largest = new ArrayList<>();
    TrainListener listener =
        new TrainListener() {
          @Override
          public void onBatchEnd(int epoch, long step, double loss) {
            largest.add(largestColumnNorm(network));
          }
        };
    new Trainer(new TrainConfig(1, 4, true, 9), List.of(listener))
        .fit(network, new Sgd(1.0), rows(12), validation(4));
    assertThat(largest).hasSize(3).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(c * 1.0001));
    assertThat(largestColumnNorm(small(9))).isGreaterThan(c);
  }

  private static double largestColumnNorm(Network network) {
    double largest = 0;
    for (Param p : network.params()) {
      if (p.role() != Param.Role.WEIGHT) {
        continue;
      }
      Matrix w = p.value();
      for (int j = 0; j < w.cols(); j++) {
        double sum = 0;
        for (int i = 0; i < w.rows(); i++) {
          sum += (double) w.get(i, j) * w.get(i, j);
        }
        largest = Math.max(largest, Math.sqrt(sum));
      }
    }
    return largest;
  }

  /** The penalties reported are ½λ Σ‖W‖² and λ Σ|w| of the weights after the epoch. */
  @Test
  void epochPenaltiesAreThoseOfTheFinalWeights() {
    Network network =
        Network.builder(64).dense(16).relu().dense(10).weightDecay(0.1).l1(0.01).build(10);
    TrainResult result =
        new Trainer(new TrainConfig(1, 6, true, 10), List.of())
            .fit(network, new Sgd(0.1), rows(12), validation(4));
    double squares = 0;
    double absolutes = 0;
    for (Param p : network.params()) {
      if (p.role() == Param.Role.WEIGHT) {
        for (float w : p.value().data()) {
          squares += (double) w * w;
          absolutes += Math.abs(w);
        }
      }
    }
    assertThat(result.last().weightPenalty()).isCloseTo(0.5 * 0.1 * squares, within(1e-6));
    assertThat(result.last().l1Penalty()).isCloseTo(0.01 * absolutes, within(1e-6));
  }

  /** Times are parts of the wall time around the call, and the rate is rows over that time. */
  @Test
  void timesAndThroughputAreConsistent() {
    long before = System.nanoTime();
    TrainResult result =
        new Trainer(new TrainConfig(3, 5, true, 11), List.of())
            .fit(small(11), new Sgd(0.1), rows(10), validation(4));
    double outside = (System.nanoTime() - before) / 1e9;
    assertThat(result.seconds()).isPositive().isLessThanOrEqualTo(outside);
    double epochs = result.history().stream().mapToDouble(EpochMetrics::seconds).sum();
    assertThat(result.history()).allSatisfy(m -> assertThat(m.seconds()).isPositive());
    assertThat(epochs).isLessThanOrEqualTo(result.seconds());
    assertThat(result.samplesPerSecond() * result.seconds()).isCloseTo(30, within(1e-6));
    assertThat(result.history()).extracting(EpochMetrics::step).containsExactly(2L, 4L, 6L);
  }

  /**
   * A run continued from the state after step k, with the weights and optimizer state of that
   * moment restored into a fresh network, ends with the same bits as a run never interrupted, and
   * reports the interrupted epoch's figures as the whole run did.
   */
  @Test
  void aContinuedRunEndsBitForBitAsAnUninterruptedOne() {
    TrainConfig config = new TrainConfig(3, 4, true, 12);
    Network whole = withDropout(12);
    TrainResult uninterrupted =
        new Trainer(config, List.of())
            .fit(whole, new Adam(0.01, 0.9, 0.999, 1e-8, false, false), rows(14), validation(6));
    // 14 rows in batches of 4: 4 steps per epoch; stop after step 6 (mid epoch 2) and step 4
    for (long stopAfter : new long[] {6, 4}) {
      Network first = withDropout(12);
      Adam adam = new Adam(0.01, 0.9, 0.999, 1e-8, false, false);
      Snapshot snapshot = new Snapshot(first, adam, stopAfter);
      new Trainer(config, List.of(snapshot)).fit(first, adam, rows(14), validation(6));

      Network resumed = withDropout(12);
      for (int i = 0; i < resumed.params().size(); i++) {
        System.arraycopy(
            snapshot.weights.get(i),
            0,
            resumed.params().get(i).value().data(),
            0,
            snapshot.weights.get(i).length);
      }
      Adam continued = new Adam(0.01, 0.9, 0.999, 1e-8, false, false);
      continued.importState(snapshot.optimizer);
      TrainResult rest =
          new Trainer(config, List.of())
              .fit(resumed, continued, rows(14), validation(6), snapshot.state);

      List<float[]> expected = weights(whole);
      List<float[]> actual = weights(resumed);
      for (int i = 0; i < expected.size(); i++) {
        assertThat(actual.get(i))
            .as("parameter %d after step %d", i, stopAfter)
            .containsExactly(expected.get(i));
      }
      assertThat(rest.steps()).isEqualTo(12);
      assertThat(rest.history()).hasSize(2);
      assertThat(rest.history().get(0).epoch()).isEqualTo(2);
      assertThat(rest.history().get(0).trainLoss())
          .isEqualTo(uninterrupted.history().get(1).trainLoss());
      assertThat(rest.history().get(0).trainAccuracy())
          .isEqualTo(uninterrupted.history().get(1).trainAccuracy());
      assertThat(resumed.dropouts().get(0).passes()).isEqualTo(12);
    }
  }

  /** Keeps the weights, optimizer state and training state of the last moment at a given step. */
  private static final class Snapshot implements TrainListener {
    private final Network network;
    private final Optimizer source;
    private final long atStep;
    List<float[]> weights;
    OptimizerState optimizer;
    TrainState state;

    Snapshot(Network network, Optimizer source, long atStep) {
      this.network = network;
      this.source = source;
      this.atStep = atStep;
    }

    @Override
    public void onState(TrainState s) {
      if (s.step() == atStep) {
        weights = weights(network);
        optimizer = source.exportState();
        state = s;
      }
    }
  }
}

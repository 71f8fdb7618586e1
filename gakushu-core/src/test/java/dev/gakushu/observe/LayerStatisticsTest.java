package dev.gakushu.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.gakushu.data.Batches;
import dev.gakushu.data.EmbeddedDigits;
import dev.gakushu.data.Split;
import dev.gakushu.nn.Mode;
import dev.gakushu.nn.Network;
import dev.gakushu.nn.Param;
import dev.gakushu.optim.Sgd;
import dev.gakushu.run.ActivationStats;
import dev.gakushu.run.LayerSnapshot;
import dev.gakushu.run.ParamStats;
import dev.gakushu.tensor.Matrix;
import dev.gakushu.tensor.Seeds;
import dev.gakushu.train.TrainConfig;
import dev.gakushu.train.Trainer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LayerStatisticsTest {
  private static final long SEED = 7;
  private static final Split SPLIT =
      Split.stratified(EmbeddedDigits.load(), 0.2, 0.2, SEED).standardized();

  private static Network network() {
    return Network.builder(64).dense(50).relu().dense(30).tanh().dense(10).build(SEED);
  }

  private static List<LayerSnapshot> train(Network net, int every, int epochs) {
    List<LayerSnapshot> snapshots = new ArrayList<>();
    new Trainer(
            new TrainConfig(epochs, 64, true, SEED),
            List.of(new LayerStatistics(net, every, snapshots::add)))
        .fit(net, new Sgd(0.1), SPLIT.train(), SPLIT.validation());
    return snapshots;
  }

  @Test
  void momentsZerosAndHistogramOfKnownValues() {
    float[] x = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 99};
    ActivationStats s = ActivationMeasure.of("relu1", "relu", x, 10);
    assertThat(s.mean()).isEqualTo(4.5);
    assertThat(s.std()).isCloseTo(Math.sqrt(8.25), within(1e-12));
    assertThat(s.min()).isZero();
    assertThat(s.max()).isEqualTo(9);
    assertThat(s.zeroFraction()).isEqualTo(0.1);
    assertThat(s.saturatedFraction()).isNaN();
    // bins of width 0.3 over [0, 9]: value k falls in bin floor(k / 0.3), 9 in the last bin
    long[] expected = new long[ActivationStats.BINS];
    for (int k = 0; k <= 9; k++) {
      expected[Math.min((int) Math.floor(k / 0.3 + 1e-9), ActivationStats.BINS - 1)]++;
    }
    assertThat(s.histogram()).containsExactly(expected);
    assertThat(s.edge(ActivationStats.BINS)).isEqualTo(9);
  }

  @Test
  void saturationOfSigmoidAndTanh() {
    float[] sigmoid = {0.005f, 0.5f, 0.995f, 0.98f};
    assertThat(ActivationMeasure.of("s", "sigmoid", sigmoid, 4).saturatedFraction()).isEqualTo(0.5);
    float[] tanh = {-0.999f, 0.5f, 0.995f, 0.98f, 0f};
    ActivationStats t = ActivationMeasure.of("t", "tanh", tanh, 5);
    assertThat(t.saturatedFraction()).isEqualTo(0.4);
    assertThat(t.zeroFraction()).isEqualTo(0.2);
  }

  @Test
  void theFirstSnapshotDescribesTheFirstBatchInTrainingMode() {
    List<LayerSnapshot> snapshots = train(network(), 0, 1);
    LayerSnapshot first = snapshots.get(0);
    assertThat(first.step()).isEqualTo(1);
    assertThat(first.activations())
        .extracting(ActivationStats::layer)
        .containsExactly("dense1", "relu1", "dense2", "tanh1", "dense3");

    // the same batch through an identical fresh network, measured here by plain formulas
    Batches batches = new Batches(SPLIT.train(), 64, true, Seeds.derive(SEED, "shuffle"));
    batches.beginEpoch(1);
    Network fresh = network();
    Matrix h = batches.batch(0).features();
    for (int i = 0; i < fresh.layers().size(); i++) {
      h = fresh.layers().get(i).forward(h, Mode.TRAIN);
      float[] v = h.data();
      double mean = 0;
      for (float f : v) {
        mean += f;
      }
      mean /= v.length;
      double var = 0;
      long zeros = 0;
      for (float f : v) {
        var += (f - mean) * (f - mean);
        zeros += f == 0 ? 1 : 0;
      }
      ActivationStats s = first.activations().get(i);
      assertThat(s.mean()).as(s.layer()).isCloseTo(mean, within(1e-9));
      assertThat(s.std()).as(s.layer()).isCloseTo(Math.sqrt(var / v.length), within(1e-9));
      assertThat(s.zeroFraction()).as(s.layer()).isEqualTo((double) zeros / v.length);
      assertThat(java.util.Arrays.stream(s.histogram()).sum()).isEqualTo(v.length);
    }
    assertThat(first.activations().get(1).zeroFraction()).isBetween(0.2, 0.8);
  }

  @Test
  void anSgdUpdateIsTheLearningRateTimesTheGradient() {
    List<LayerSnapshot> snapshots = train(network(), 5, 2);
    // 17 batches of 64 rows per epoch, 34 steps: 1, then every fifth
    assertThat(snapshots)
        .extracting(LayerSnapshot::step)
        .containsExactly(1L, 5L, 10L, 15L, 20L, 25L, 30L);
    for (LayerSnapshot s : snapshots) {
      assertThat(s.params()).hasSize(6);
      for (ParamStats p : s.params()) {
        assertThat(p.updateNorm())
            .as(p.param())
            .isCloseTo(0.1 * p.gradNorm(), within(1e-5 * p.gradNorm() + 1e-12));
        if (p.param().endsWith(".W")) {
          assertThat(p.updateRatio()).isCloseTo(p.updateNorm() / p.weightNorm(), within(1e-15));
        }
      }
    }
    // biases start at zero: no ratio at the first step
    assertThat(snapshots.get(0).params().get(1).updateRatio()).isNaN();
  }

  @Test
  void measuringChangesNoBit() {
    Network watched = network();
    train(watched, 1, 2);
    Network plain = network();
    new Trainer(new TrainConfig(2, 64, true, SEED), List.of())
        .fit(plain, new Sgd(0.1), SPLIT.train(), SPLIT.validation());
    for (int i = 0; i < plain.params().size(); i++) {
      Param p = plain.params().get(i);
      assertThat(watched.params().get(i).value().data())
          .as(p.name())
          .containsExactly(p.value().data());
    }
  }

  @Test
  void byDefaultTheFirstStepAndTheLastStepOfEachEpoch() {
    assertThat(train(network(), 0, 3))
        .extracting(LayerSnapshot::step)
        .containsExactly(1L, 17L, 34L, 51L);
  }
}

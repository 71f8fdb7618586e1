package dev.gakushu.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gakushu.data.Dataset;
import dev.gakushu.data.SampledBatches;
import dev.gakushu.data.Sampling;
import dev.gakushu.nn.Network;
import dev.gakushu.optim.LearningRateSchedule;
import dev.gakushu.optim.Sgd;
import dev.gakushu.tensor.Seeds;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The loop's sampling ({@code loop.sampling}): with replacement, the trainer draws the book's
 * batches ({@link SampledBatches}, max(⌊n/b⌋, 1) an epoch) from the stream "shuffle" of the run's
 * seed (a run stopped in the middle of an epoch resumes to the same model: {@link
 * StopRequestTest}).
 */
class SamplingTrainingTest {
  private static TrainConfig config(Sampling sampling, long seed) {
    return new TrainConfig(3, 16, sampling, seed, LearningRateSchedule.constant(), 0, 1, true);
  }

  @Test
  void withReplacementTrainsOnTheBooksBatchesFromTheRunsSeed() {
    Dataset train = TrainerTest.rows(50);
    Dataset validation = TrainerTest.validation(20);
    long seed = 11;
    Network viaConfig = TrainerTest.small(3);
    TrainResult r =
        new Trainer(config(Sampling.WITH_REPLACEMENT, seed), List.of())
            .fit(viaConfig, new Sgd(0.1), train, validation);
    Network direct = TrainerTest.small(3);
    new Trainer(config(Sampling.SHUFFLE, 0), List.of())
        .fit(
            direct,
            new Sgd(0.1),
            new SampledBatches(train, 16, 3, Seeds.derive(seed, "shuffle")),
            validation,
            null);
    assertThat(r.steps()).isEqualTo(3 * 3); // ⌊50/16⌋ = 3 batches an epoch
    for (int i = 0; i < direct.params().size(); i++) {
      assertThat(viaConfig.params().get(i).value().data())
          .containsExactly(direct.params().get(i).value().data());
    }
    Network shuffled = TrainerTest.small(3);
    TrainResult s =
        new Trainer(config(Sampling.SHUFFLE, seed), List.of())
            .fit(shuffled, new Sgd(0.1), train, validation);
    assertThat(s.steps()).isEqualTo(3 * 4); // ⌈50/16⌉ = 4
    assertThat(shuffled.params().get(0).value().data())
        .isNotEqualTo(viaConfig.params().get(0).value().data());
  }
}

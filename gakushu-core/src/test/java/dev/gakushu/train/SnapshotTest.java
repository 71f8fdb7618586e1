package dev.gakushu.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gakushu.nn.Network;
import dev.gakushu.optim.Adam;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A run continued from a snapshot in memory ends as the run it was taken from. */
class SnapshotTest {
  private static final TrainConfig CONFIG = new TrainConfig(8, 4, true, 3);

  private static Adam adam() {
    return new Adam(0.05, 0.9, 0.999, 1e-8, false, false);
  }

  /** Takes a snapshot when the state after step {@code atStep} is reported. */
  private static final class Taker implements TrainListener {
    private final Network network;
    private final Adam optimizer;
    private final EarlyStop early;
    private final long atStep;
    byte[] bytes;

    Taker(Network network, Adam optimizer, EarlyStop early, long atStep) {
      this.network = network;
      this.optimizer = optimizer;
      this.early = early;
      this.atStep = atStep;
    }

    @Override
    public void onState(TrainState s) {
      if (s.step() == atStep) {
        bytes = Snapshot.capture(network, optimizer, s, early);
      }
    }
  }

  @Test
  void aRunContinuedFromASnapshotEndsAsTheRunItWasTakenFrom() {
    Network whole = TrainerTest.withDropout(12);
    EarlyStop wholeStop = new EarlyStop(whole, 2, 0.02);
    TrainResult uninterrupted =
        new Trainer(CONFIG, List.of(wholeStop))
            .fit(whole, adam(), TrainerTest.rows(14), TrainerTest.validation(6));
    // the validation loss rises after epoch 1: epoch 3 stops the run, which keeps epoch 1's weights
    assertThat(uninterrupted.history()).hasSize(3);
    assertThat(wholeStop.bestEpoch()).isEqualTo(1);

    // 14 rows in batches of 4: 4 steps per epoch; the snapshot after step 8, the end of epoch 2,
    // when early stopping remembers epoch 1's weights and has waited one epoch
    Network first = TrainerTest.withDropout(12);
    Adam firstAdam = adam();
    EarlyStop firstStop = new EarlyStop(first, 2, 0.02);
    Taker taker = new Taker(first, firstAdam, firstStop, 8);
    new Trainer(CONFIG, List.of(firstStop, taker))
        .fit(first, firstAdam, TrainerTest.rows(14), TrainerTest.validation(6));

    Network resumed = TrainerTest.withDropout(99);
    Adam continued = adam();
    EarlyStop resumedStop = new EarlyStop(resumed, 2, 0.02);
    TrainState from = Snapshot.restore("snapshot", taker.bytes, resumed, continued, resumedStop);
    assertThat(from.step()).isEqualTo(8);
    new Trainer(CONFIG, List.of(resumedStop))
        .fit(resumed, continued, TrainerTest.rows(14), TrainerTest.validation(6), from);

    assertThat(resumedStop.bestEpoch()).isEqualTo(wholeStop.bestEpoch());
    List<float[]> expected = TrainerTest.weights(whole);
    List<float[]> actual = TrainerTest.weights(resumed);
    for (int i = 0; i < expected.size(); i++) {
      assertThat(actual.get(i)).as("parameter %d", i).containsExactly(expected.get(i));
    }
  }

  @Test
  void aStateGoingOnIsTheSameStateWithoutItsStop() {
    TrainState stopped = new TrainState(3, 0, 12, 0.5, 9, List.of(12L), "early stop");
    assertThat(stopped.goingOn())
        .isEqualTo(new TrainState(3, 0, 12, 0.5, 9, List.of(12L)))
        .extracting(TrainState::stopped)
        .isNull();
  }
}

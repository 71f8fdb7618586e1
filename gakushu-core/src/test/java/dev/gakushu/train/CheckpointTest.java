package dev.gakushu.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gakushu.io.ModelFile;
import dev.gakushu.io.ModelFormatException;
import dev.gakushu.io.SafeTensors;
import dev.gakushu.nn.Network;
import dev.gakushu.optim.Adam;
import dev.gakushu.optim.Optimizer;
import dev.gakushu.optim.OptimizerState;
import dev.gakushu.optim.Sgd;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest {
  private static final List<String> CLASSES =
      List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");

  @TempDir Path tmp;

  private static Checkpoint checkpoint(
      RunDirectory run, Network network, Optimizer optimizer, int every) {
    return new Checkpoint(
        run, new ModelFile.Model(network, null, CLASSES, 1, null), optimizer, every, null);
  }

  private static TrainState state(int epoch, int nextBatch, long step) {
    return new TrainState(epoch, nextBatch, step, 0.5 * step, step, List.of(step));
  }

  @Test
  void isWrittenAfterEachEpochAndEveryNthStep() {
    Network network = TrainerTest.withDropout(1);
    try (RunDirectory run = RunDirectory.createAt(tmp.resolve("run"))) {
      Checkpoint every3 = checkpoint(run, network, new Sgd(0.1), 3);
      every3.onState(state(1, 1, 1));
      assertThat(run.path().resolve(Checkpoint.FILE)).doesNotExist();
      every3.onState(state(1, 3, 3));
      assertThat(Checkpoint.peek(run.path())).isEqualTo(state(1, 3, 3));
      every3.onState(state(1, 4, 4));
      assertThat(Checkpoint.peek(run.path())).isEqualTo(state(1, 3, 3));
      every3.onState(state(2, 0, 4));
      assertThat(Checkpoint.peek(run.path())).isEqualTo(state(2, 0, 4));

      Checkpoint epochsOnly = checkpoint(run, network, new Sgd(0.1), 0);
      epochsOnly.onState(state(2, 1, 5));
      assertThat(Checkpoint.peek(run.path())).isEqualTo(state(2, 0, 4));
      epochsOnly.onState(state(3, 0, 8));
      assertThat(Checkpoint.peek(run.path())).isEqualTo(state(3, 0, 8));
    }
  }

  /** After a few Adam steps, a fresh network and optimizer get back every weight and moment. */
  @Test
  void restoresTheWeightsTheOptimizerStateAndWhereTrainingStood() {
    Network trained = TrainerTest.withDropout(2);
    Adam adam = new Adam(0.01, 0.9, 0.999, 1e-8, false, false);
    try (RunDirectory run = RunDirectory.createAt(tmp.resolve("run"))) {
      new Trainer(new TrainConfig(2, 4, true, 2), List.of(checkpoint(run, trained, adam, 0)))
          .fit(trained, adam, TrainerTest.rows(8), TrainerTest.validation(4));
      Network fresh = TrainerTest.withDropout(99);
      Adam restored = new Adam(0.01, 0.9, 0.999, 1e-8, false, false);
      TrainState state = Checkpoint.restore(run.path(), fresh, restored, null);

      assertThat(state).isEqualTo(new TrainState(3, 0, 4, 0, 0, List.of(4L)));
      assertThat(Checkpoint.peek(run.path())).isEqualTo(state);
      List<float[]> expected = TrainerTest.weights(trained);
      List<float[]> actual = TrainerTest.weights(fresh);
      for (int i = 0; i < expected.size(); i++) {
        assertThat(actual.get(i)).containsExactly(expected.get(i));
      }
      OptimizerState want = adam.exportState();
      OptimizerState got = restored.exportState();
      assertThat(got.steps()).isEqualTo(4);
      assertThat(got.buffers().keySet()).isEqualTo(want.buffers().keySet()).isNotEmpty();
      want.buffers().forEach((k, v) -> assertThat(got.buffers().get(k)).containsExactly(v));
    }
  }

  /**
   * A checkpoint of the format before the training-state version (no early-stopping state) still
   * continues a run without early stopping, and is refused, naming the file, for a run with it.
   */
  @Test
  void aVersionOneCheckpointContinuesOnlyARunWithoutEarlyStopping() {
    Network trained = TrainerTest.withDropout(2);
    Adam adam = new Adam(0.01, 0.9, 0.999, 1e-8, false, false);
    try (RunDirectory run = RunDirectory.createAt(tmp.resolve("run"))) {
      new Trainer(new TrainConfig(2, 4, true, 2), List.of(checkpoint(run, trained, adam, 0)))
          .fit(trained, adam, TrainerTest.rows(8), TrainerTest.validation(4));
      damage(run, c -> c.metadata().remove(TrainingStateCodec.VERSION_KEY));
      Network fresh = TrainerTest.withDropout(99);
      assertThat(
              Checkpoint.restore(
                  run.path(), fresh, new Adam(0.01, 0.9, 0.999, 1e-8, false, false), null))
          .isEqualTo(new TrainState(3, 0, 4, 0, 0, List.of(4L)));
      assertThatThrownBy(
              () ->
                  Checkpoint.restore(
                      run.path(),
                      fresh,
                      new Adam(0.01, 0.9, 0.999, 1e-8, false, false),
                      new EarlyStop(fresh, 3, 0)))
          .isInstanceOf(ModelFormatException.class)
          .hasMessage(
              run.path().resolve(Checkpoint.FILE)
                  + ": written by an earlier Gakushu without the early-stopping state, so this"
                  + " run cannot continue exactly; train it again");
      damage(run, c -> c.metadata().put(TrainingStateCodec.VERSION_KEY, "3"));
      assertThatThrownBy(
              () ->
                  Checkpoint.restore(
                      run.path(), fresh, new Adam(0.01, 0.9, 0.999, 1e-8, false, false), null))
          .isInstanceOf(ModelFormatException.class)
          .hasMessageEndingWith(": training state version 3; this Gakushu reads version 2");
    }
  }

  @Test
  void aCheckpointBeforeTheFirstStepHoldsNoOptimizerState() {
    Network network = TrainerTest.small(3);
    try (RunDirectory run = RunDirectory.createAt(tmp.resolve("run"))) {
      checkpoint(run, network, new Adam(0.01, 0.9, 0.999, 1e-8, false, false), 0)
          .onState(new TrainState(1, 0, 0, 0, 0, List.of()));
      Adam restored = new Adam(0.01, 0.9, 0.999, 1e-8, false, false);
      assertThat(Checkpoint.restore(run.path(), TrainerTest.small(4), restored, null))
          .isEqualTo(new TrainState(1, 0, 0, 0, 0, List.of()));
      assertThat(restored.exportState().steps()).isZero();
      assertThat(restored.exportState().buffers()).isEmpty();
      damage(run, c -> c.tensors().put("optimizer/dense1.W.m", tensor(4)));
      assertThatThrownBy(() -> Checkpoint.restore(run.path(), TrainerTest.small(4), restored, null))
          .isInstanceOf(ModelFormatException.class)
          .hasMessageContaining(
              "holds the optimizer state 'optimizer/dense1.W.m' that adam does not use here;"
                  + " expected none");
    }
  }

  @Test
  void aCheckpointWithMissingWrongOrForeignStateIsRefused() {
    Network network = TrainerTest.withDropout(5);
    Adam adam = new Adam(0.01, 0.9, 0.999, 1e-8, false, false);
    try (RunDirectory run = RunDirectory.createAt(tmp.resolve("run"))) {
      new Trainer(new TrainConfig(1, 8, true, 5), List.of(checkpoint(run, network, adam, 0)))
          .fit(network, adam, TrainerTest.rows(8), TrainerTest.validation(4));
      String m = "optimizer/dense1.W.m";
      Path file = run.path().resolve(Checkpoint.FILE);
      SafeTensors.Contents good = SafeTensors.read(file);

      refused(
          run,
          good,
          c -> c.tensors().remove(m),
          "lacks the optimizer state '" + m + "' of 1024 values that adam needs after 1 steps");
      refused(run, good, c -> c.tensors().put(m, tensor(1023)), "(it holds 1023)");
      refused(
          run,
          good,
          c -> c.tensors().put("optimizer/extra.m", tensor(3)),
          "holds the optimizer state 'optimizer/extra.m' that adam does not use here; expected "
              + "dense1.W.m, dense1.W.v, dense1.b.m, dense1.b.v");
      refused(
          run,
          good,
          c -> c.metadata().put("optimizer_steps", "-1"),
          "optimizer_steps is -1; expected a count >= 0");
      refused(
          run,
          good,
          c -> c.metadata().put("optimizer_steps", "many"),
          "unusable optimizer, early-stopping or training state");
      refused(
          run,
          good,
          c ->
              c.metadata()
                  .put(
                      "train_state",
                      "{\"epoch\":2,\"nextBatch\":0,\"step\":1,\"lossSum\":0,\"correct\":0,"
                          + "\"dropoutPasses\":[1,1]}"),
          "state for 2 dropout layers, the network has 1");
      // a network of another architecture (the same weights' shapes, no dropout) is refused first
      assertThatThrownBy(
              () ->
                  Checkpoint.restore(
                      run.path(),
                      TrainerTest.small(5),
                      new Adam(0.01, 0.9, 0.999, 1e-8, false, false),
                      null))
          .isInstanceOf(ModelFormatException.class)
          .hasMessageStartingWith(file + ": its architecture ")
          .hasMessageContaining("differs from this run's");
      damage(run, c -> c.metadata().put("train_state", "[]"));
      assertThatThrownBy(() -> Checkpoint.peek(run.path()))
          .isInstanceOf(ModelFormatException.class)
          .hasMessageStartingWith(file + ": unusable training state");
    }
  }

  private void refused(
      RunDirectory run,
      SafeTensors.Contents good,
      Consumer<SafeTensors.Contents> change,
      String message) {
    damage(
        run,
        c -> {
          c.tensors().clear();
          c.tensors().putAll(good.tensors());
          c.metadata().clear();
          c.metadata().putAll(good.metadata());
          change.accept(c);
        });
    assertThatThrownBy(
            () ->
                Checkpoint.restore(
                    run.path(),
                    TrainerTest.withDropout(6),
                    new Adam(0.01, 0.9, 0.999, 1e-8, false, false),
                    null))
        .isInstanceOf(ModelFormatException.class)
        .hasMessageStartingWith(run.path().resolve(Checkpoint.FILE) + ": ")
        .hasMessageContaining(message);
  }

  private static SafeTensors.Tensor tensor(int n) {
    return new SafeTensors.Tensor(1, n, new float[n]);
  }

  /** Rewrites the checkpoint with {@code change} applied to modifiable copies of its contents. */
  private static void damage(RunDirectory run, Consumer<SafeTensors.Contents> change) {
    Path file = run.path().resolve(Checkpoint.FILE);
    SafeTensors.Contents read = SafeTensors.read(file);
    SafeTensors.Contents copy =
        new SafeTensors.Contents(
            new LinkedHashMap<>(read.tensors()), new LinkedHashMap<>(read.metadata()));
    change.accept(copy);
    try {
      SafeTensors.write(file, copy.tensors(), copy.metadata());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}

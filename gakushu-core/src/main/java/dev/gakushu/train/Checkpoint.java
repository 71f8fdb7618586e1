package dev.gakushu.train;

import dev.gakushu.io.ModelFile;
import dev.gakushu.io.ModelFormatException;
import dev.gakushu.io.SafeTensors;
import dev.gakushu.nn.Network;
import dev.gakushu.optim.Optimizer;
import dev.gakushu.run.RunFile;
import dev.gakushu.spec.RunSpec;
import java.nio.file.Path;

/**
 * A checkpoint: a model file ({@link ModelFile}) that also holds the run's whole training state in
 * the form of {@link TrainingStateCodec} (the one a {@link Snapshot} holds too). It is written
 * atomically (temporary file, fsync, rename), so the previous checkpoint stays until the new one is
 * complete.
 */
public final class Checkpoint implements TrainListener {
  public static final String FILE = RunFile.CHECKPOINT;

  private final Path file;
  private final ModelFile.Model model;
  private final Optimizer optimizer;
  private final int everySteps;
  private final EarlyStop early;
  private TrainState written;

  /**
   * @param model the model being trained (its network's weights as they stand are written)
   * @param everySteps also write one every this many steps (0: only after each epoch)
   * @param early the run's early stopping, or null when it has none
   */
  public Checkpoint(
      RunDirectory run,
      ModelFile.Model model,
      Optimizer optimizer,
      int everySteps,
      EarlyStop early) {
    this.file = run.path().resolve(FILE);
    this.model = model;
    this.optimizer = optimizer;
    this.everySteps = everySteps;
    this.early = early;
  }

  @Override
  public void onState(TrainState state) {
    boolean epochEnd = state.nextBatch() == 0;
    if (epochEnd || (everySteps > 0 && state.step() % everySteps == 0)) {
      write(state);
    }
  }

  /** A stopped run's checkpoint is where it stopped (unless just written there). */
  @Override
  public void onInterrupted(TrainState state) {
    if (!state.equals(written)) {
      write(state);
    }
  }

  private void write(TrainState state) {
    TrainingStateCodec.Encoded encoded =
        TrainingStateCodec.encode(model.network(), optimizer, state, early);
    ModelFile.write(file, model, encoded.tensors(), encoded.metadata());
    written = state;
  }

  /**
   * Where the checkpoint of {@code runDirectory} stands, without restoring anything.
   *
   * @throws ModelFormatException if the checkpoint is missing or damaged
   */
  public static TrainState peek(Path runDirectory) {
    Path path = runDirectory.resolve(FILE);
    return TrainingStateCodec.position(path, SafeTensors.read(path).metadata());
  }

  /**
   * The run specification the checkpoint of {@code runDirectory} was written with, once its network
   * is known to be of {@code network}'s architecture.
   *
   * @throws ModelFormatException if the checkpoint is missing or damaged, of another network, or
   *     holds no run specification
   */
  public static RunSpec spec(Path runDirectory, Network network) {
    Path path = runDirectory.resolve(FILE);
    ModelFile.Model saved = ModelFile.fromContents(path, SafeTensors.read(path), 1);
    ModelFile.requireSameArchitecture(saved, network, path);
    RunSpec spec = saved.spec();
    if (spec == null) {
      throw new ModelFormatException(path + ": holds no run specification to resume");
    }
    return spec;
  }

  /**
   * Restores {@code network}, {@code optimizer} and {@code early} from {@code runDirectory}'s
   * checkpoint and returns where training stands.
   *
   * @param early the run's early stopping, or null when it has none
   * @throws ModelFormatException if the checkpoint is missing, damaged, of another network or of a
   *     version that cannot continue this run exactly
   */
  public static TrainState restore(
      Path runDirectory, Network network, Optimizer optimizer, EarlyStop early) {
    Path path = runDirectory.resolve(FILE);
    SafeTensors.Contents contents = SafeTensors.read(path);
    ModelFile.requireSameArchitecture(ModelFile.fromContents(path, contents, 1), network, path);
    return TrainingStateCodec.decode(path, contents, network, optimizer, early);
  }
}

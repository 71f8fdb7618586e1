package dev.gakushu.train;

import dev.gakushu.data.Standardizer;
import dev.gakushu.io.ModelFile;
import dev.gakushu.io.ModelFormatException;
import dev.gakushu.io.SafeTensors;
import dev.gakushu.nn.Network;
import dev.gakushu.optim.Optimizer;
import dev.gakushu.run.RunFile;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A checkpoint: a model file ({@link ModelFile}) that also holds the run's whole training state in
 * the form of {@link TrainingStateCodec} (the one a {@link Snapshot} holds too). It is written
 * atomically (temporary file, fsync, rename), so the previous checkpoint stays until the new one is
 * complete.
 */
public final class Checkpoint implements TrainListener {
  public static final String FILE = RunFile.CHECKPOINT;

  private final Path file;
  private final Network network;
  private final Optimizer optimizer;
  private final Standardizer standardizer;
  private final List<String> classNames;
  private final double inputScale;
  private final Map<String, Object> config;
  private final int everySteps;
  private final EarlyStop early;
  private TrainState written;

  /**
   * @param everySteps also write one every this many steps (0: only after each epoch)
   * @param early the run's early stopping, or null when it has none
   */
  public Checkpoint(
      RunDirectory run,
      Network network,
      Optimizer optimizer,
      Standardizer standardizer,
      List<String> classNames,
      double inputScale,
      Map<String, Object> config,
      int everySteps,
      EarlyStop early) {
    this.file = run.path().resolve(FILE);
    this.network = network;
    this.optimizer = optimizer;
    this.standardizer = standardizer;
    this.classNames = classNames;
    this.inputScale = inputScale;
    this.config = config;
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
        TrainingStateCodec.encode(network, optimizer, state, early);
    ModelFile.writeWith(
        file,
        network,
        standardizer,
        classNames,
        inputScale,
        config,
        encoded.tensors(),
        encoded.metadata());
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
   * The run specification (as {@link dev.gakushu.spec.RunSpecJson#toMap}) the checkpoint of {@code
   * runDirectory} was written with.
   *
   * @throws ModelFormatException if the checkpoint is missing or damaged
   */
  public static Map<String, Object> config(Path runDirectory) {
    Path path = runDirectory.resolve(FILE);
    return ModelFile.fromContents(path, SafeTensors.read(path), 1).config();
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

package dev.gakushu.train;

import dev.gakushu.io.ModelFormatException;
import dev.gakushu.io.SafeTensors;
import dev.gakushu.nn.Network;
import dev.gakushu.optim.Optimizer;
import java.nio.file.Path;

/**
 * A training run's whole state in memory, as the bytes of a safetensors file in the form of {@link
 * TrainingStateCodec} (the one a {@link Checkpoint} holds too). A run continued from a snapshot
 * takes the same steps with the same batches as a run never interrupted, which is how a trial of a
 * search pauses at a rung and continues elsewhere. Unlike a checkpoint it is no model file: it
 * lives only between two parts of one run.
 */
public final class Snapshot {
  private Snapshot() {}

  /**
   * The bytes of a snapshot.
   *
   * @param early the run's early stopping, or null when it has none
   */
  public static byte[] capture(
      Network network, Optimizer optimizer, TrainState state, EarlyStop early) {
    TrainingStateCodec.Encoded encoded =
        TrainingStateCodec.encode(network, optimizer, state, early);
    return SafeTensors.toBytes(encoded.tensors(), encoded.metadata());
  }

  /**
   * Restores {@code network}, {@code optimizer} and {@code early} (built as for the run that took
   * the snapshot) and returns where training stands, for {@link Trainer#fit(Network, Optimizer,
   * dev.gakushu.data.Dataset, dev.gakushu.data.Dataset, TrainState)} to continue from.
   *
   * @param source names the bytes in messages
   * @param early the run's early stopping, or null when it has none
   * @throws ModelFormatException if the bytes are no snapshot of this network and optimizer
   */
  public static TrainState restore(
      String source, byte[] bytes, Network network, Optimizer optimizer, EarlyStop early) {
    return TrainingStateCodec.decode(
        Path.of(source), SafeTensors.fromBytes(source, bytes), network, optimizer, early);
  }
}

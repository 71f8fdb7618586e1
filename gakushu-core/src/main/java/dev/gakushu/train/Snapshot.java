package dev.gakushu.train;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gakushu.io.ModelFile;
import dev.gakushu.io.ModelFormatException;
import dev.gakushu.io.SafeTensors;
import dev.gakushu.nn.Network;
import dev.gakushu.optim.Optimizer;
import dev.gakushu.optim.OptimizerState;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A training run's whole state in memory, as the bytes of a safetensors file: the weights, the
 * optimizer's buffers and step count, the {@link TrainState} and, when the run stops early, what
 * {@link EarlyStop} has seen. A run continued from a snapshot taken after an epoch takes the same
 * steps with the same batches as a run never interrupted, which is how a trial of a search pauses
 * at a rung and continues elsewhere. Unlike a {@link Checkpoint} it is no model file: it lives only
 * between two parts of one run.
 */
public final class Snapshot {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String WEIGHTS = "weights/";
  private static final String OPTIMIZER = "optimizer/";
  private static final String EARLY = "early/";

  private Snapshot() {}

  /**
   * The bytes of a snapshot.
   *
   * @param early the run's early stopping, or null when it has none
   */
  public static byte[] capture(
      Network network, Optimizer optimizer, TrainState state, EarlyStop early) {
    Map<String, SafeTensors.Tensor> tensors = new LinkedHashMap<>();
    ModelFile.weights(network)
        .forEach(
            (name, m) ->
                tensors.put(
                    WEIGHTS + name, new SafeTensors.Tensor(m.rows(), m.cols(), m.data().clone())));
    OptimizerState os = optimizer.exportState();
    os.buffers()
        .forEach((key, v) -> tensors.put(OPTIMIZER + key, new SafeTensors.Tensor(1, v.length, v)));
    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put("optimizer_steps", Long.toString(os.steps()));
    try {
      metadata.put("train_state", JSON.writeValueAsString(state));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    if (early != null) {
      EarlyStop.State s = early.exportState();
      metadata.put("early_best_loss", Double.toString(s.bestLoss()));
      metadata.put("early_best_epoch", Integer.toString(s.bestEpoch()));
      metadata.put("early_waited", Integer.toString(s.waited()));
      for (int i = 0; i < s.best().size(); i++) {
        float[] v = s.best().get(i);
        tensors.put(EARLY + i, new SafeTensors.Tensor(1, v.length, v));
      }
    }
    return SafeTensors.toBytes(tensors, metadata);
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
    SafeTensors.Contents contents = SafeTensors.fromBytes(source, bytes);
    Path name = Path.of(source);
    Map<String, SafeTensors.Tensor> weights = new LinkedHashMap<>();
    Map<String, float[]> buffers = new LinkedHashMap<>();
    Map<Integer, float[]> remembered = new TreeMap<>();
    contents
        .tensors()
        .forEach(
            (key, t) -> {
              if (key.startsWith(WEIGHTS)) {
                weights.put(key.substring(WEIGHTS.length()), t);
              } else if (key.startsWith(OPTIMIZER)) {
                buffers.put(key.substring(OPTIMIZER.length()), t.values());
              } else if (key.startsWith(EARLY)) {
                remembered.put(Integer.parseInt(key.substring(EARLY.length())), t.values());
              }
            });
    ModelFile.restoreWeights(name, weights, network);
    Map<String, String> meta = contents.metadata();
    try {
      long steps = Long.parseLong(meta.getOrDefault("optimizer_steps", ""));
      Checkpoint.requireOptimizerState(name, network, optimizer, steps, buffers);
      optimizer.importState(new OptimizerState(steps, buffers));
      if (early != null) {
        early.importState(
            new EarlyStop.State(
                Double.parseDouble(meta.getOrDefault("early_best_loss", "")),
                Integer.parseInt(meta.getOrDefault("early_best_epoch", "")),
                Integer.parseInt(meta.getOrDefault("early_waited", "")),
                new ArrayList<>(remembered.values())));
      }
      TrainState state = JSON.readValue(meta.getOrDefault("train_state", ""), TrainState.class);
      if (state.dropoutPasses().size() != network.dropouts().size()) {
        throw new ModelFormatException(
            source
                + ": state for "
                + state.dropoutPasses().size()
                + " dropout layers, the network has "
                + network.dropouts().size());
      }
      return state;
    } catch (ModelFormatException e) {
      throw e;
    } catch (JsonProcessingException | RuntimeException e) {
      throw new ModelFormatException(
          source + ": unusable optimizer, early-stopping or training state (" + e + ")", e);
    }
  }
}

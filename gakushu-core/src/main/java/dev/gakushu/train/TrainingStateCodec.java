package dev.gakushu.train;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gakushu.io.ModelFile;
import dev.gakushu.io.ModelFormatException;
import dev.gakushu.io.SafeTensors;
import dev.gakushu.nn.Network;
import dev.gakushu.nn.Param;
import dev.gakushu.optim.Optimizer;
import dev.gakushu.optim.OptimizerState;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one codec of a training run's whole state, for {@link Checkpoint} files and in-memory {@link
 * Snapshot}s alike: everything that decides the next step. As safetensors tensors: the weights and
 * BatchNorm statistics under their model-file names ({@link ModelFile#weights}), the optimizer's
 * buffers ({@code optimizer/<param>.<buffer>}) and early stopping's remembered best weights ({@code
 * early/<i>}); as metadata: {@code training_state_version}, {@code optimizer_steps}, {@code
 * train_state} (the {@link TrainState}: loop position, dropout mask counts, a decided stop) and,
 * when the run stops early, {@code early_best_loss}, {@code early_best_epoch} and {@code
 * early_waited}. Doubles are written with {@link Double#toString} and read back bit for bit.
 *
 * <p>Version 2 added the early-stopping state and the decided stop. A version-1 state (no {@code
 * training_state_version}) continues a run without early stopping exactly and is refused for one
 * with it, which it could not continue exactly.
 */
public final class TrainingStateCodec {
  static final String VERSION_KEY = "training_state_version";
  static final String VERSION = "2";
  private static final String OPTIMIZER = "optimizer/";
  private static final String EARLY = "early/";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A training state as safetensors tensors and metadata. */
  public record Encoded(Map<String, SafeTensors.Tensor> tensors, Map<String, String> metadata) {}

  private TrainingStateCodec() {}

  /**
   * Encodes the state of a run at {@code state}.
   *
   * @param early the run's early stopping, or null when it has none
   */
  public static Encoded encode(
      Network network, Optimizer optimizer, TrainState state, EarlyStop early) {
    Map<String, SafeTensors.Tensor> tensors = new LinkedHashMap<>();
    ModelFile.weights(network)
        .forEach(
            (name, m) ->
                tensors.put(name, new SafeTensors.Tensor(m.rows(), m.cols(), m.data().clone())));
    OptimizerState os = optimizer.exportState();
    os.buffers()
        .forEach((key, v) -> tensors.put(OPTIMIZER + key, new SafeTensors.Tensor(1, v.length, v)));
    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put(VERSION_KEY, VERSION);
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
    return new Encoded(tensors, metadata);
  }

  /**
   * Where the encoded state stands, without restoring anything.
   *
   * @param source names the state in messages (a file, a trial's snapshot)
   * @throws ModelFormatException if the state is unusable
   */
  public static TrainState position(Path source, Map<String, String> metadata) {
    try {
      return JSON.readValue(metadata.getOrDefault("train_state", ""), TrainState.class);
    } catch (JsonProcessingException e) {
      throw new ModelFormatException(
          source + ": unusable training state (" + e.getOriginalMessage() + ")", e);
    }
  }

  /**
   * Restores {@code network}, {@code optimizer} and {@code early} (built as for the run that was
   * encoded) and returns where training stands, for {@link Trainer} to continue from.
   *
   * @param source names the state in messages (a file, a trial's snapshot)
   * @param early the run's early stopping, or null when it has none
   * @throws ModelFormatException if the state is not one of this network, optimizer and early
   *     stopping, or of a version that cannot continue this run exactly
   */
  public static TrainState decode(
      Path source,
      SafeTensors.Contents contents,
      Network network,
      Optimizer optimizer,
      EarlyStop early) {
    Map<String, String> meta = contents.metadata();
    String version = meta.get(VERSION_KEY);
    if (version != null && !VERSION.equals(version)) {
      throw new ModelFormatException(
          source
              + ": training state version "
              + version
              + "; this Gakushu reads version "
              + VERSION);
    }
    if (version == null && early != null) {
      throw new ModelFormatException(
          source
              + ": written by an earlier Gakushu without the early-stopping state, so this run"
              + " cannot continue exactly; train it again");
    }
    Map<String, float[]> buffers = new LinkedHashMap<>();
    Map<Integer, float[]> remembered = new TreeMap<>();
    contents
        .tensors()
        .forEach(
            (key, t) -> {
              if (key.startsWith(OPTIMIZER)) {
                buffers.put(key.substring(OPTIMIZER.length()), t.values());
              } else if (key.startsWith(EARLY)) {
                remembered.put(Integer.parseInt(key.substring(EARLY.length())), t.values());
              }
            });
    ModelFile.restoreWeights(source, contents.tensors(), network);
    try {
      long steps = Long.parseLong(meta.getOrDefault("optimizer_steps", ""));
      requireOptimizerState(source, network, optimizer, steps, buffers);
      optimizer.importState(new OptimizerState(steps, buffers));
      if (early != null) {
        early.importState(
            new EarlyStop.State(
                Double.parseDouble(meta.getOrDefault("early_best_loss", "")),
                Integer.parseInt(meta.getOrDefault("early_best_epoch", "")),
                Integer.parseInt(meta.getOrDefault("early_waited", "")),
                new ArrayList<>(remembered.values())));
      }
      TrainState state = position(source, meta);
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
    } catch (RuntimeException e) {
      throw new ModelFormatException(
          source
              + ": unusable optimizer, early-stopping or training state ("
              + String.valueOf(e.getMessage()).lines().findFirst().orElse("")
              + ")",
          e);
    }
  }

  /**
   * A state must hold exactly what its optimizer needs: after the first step, every buffer of every
   * parameter (e.g. Adam's m and v), each as large as its parameter, and nothing else; otherwise a
   * continued run would silently start from fresh moments.
   */
  static void requireOptimizerState(
      Path path, Network network, Optimizer optimizer, long steps, Map<String, float[]> buffers) {
    if (steps < 0) {
      throw new ModelFormatException(
          path + ": optimizer_steps is " + steps + "; expected a count >= 0");
    }
    Map<String, Integer> expected = new LinkedHashMap<>();
    if (steps > 0) {
      for (Param p : network.params()) {
        for (String b : optimizer.bufferNames()) {
          expected.put(p.name() + "." + b, p.value().size());
        }
      }
    }
    for (var e : expected.entrySet()) {
      float[] held = buffers.get(e.getKey());
      if (held == null || held.length != e.getValue()) {
        throw new ModelFormatException(
            path
                + ": lacks the optimizer state '"
                + OPTIMIZER
                + e.getKey()
                + "' of "
                + e.getValue()
                + " values that "
                + optimizer.id()
                + " needs after "
                + steps
                + " steps"
                + (held == null ? "" : " (it holds " + held.length + ")"));
      }
    }
    for (String key : buffers.keySet()) {
      if (!expected.containsKey(key)) {
        throw new ModelFormatException(
            path
                + ": holds the optimizer state '"
                + OPTIMIZER
                + key
                + "' that "
                + optimizer.id()
                + " does not use here; expected "
                + (expected.isEmpty() ? "none" : String.join(", ", expected.keySet())));
      }
    }
  }
}

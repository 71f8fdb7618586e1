package dev.gakushu.train;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gakushu.data.Standardizer;
import dev.gakushu.io.ModelFile;
import dev.gakushu.io.ModelFormatException;
import dev.gakushu.io.SafeTensors;
import dev.gakushu.nn.Network;
import dev.gakushu.nn.Param;
import dev.gakushu.optim.Optimizer;
import dev.gakushu.optim.OptimizerState;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A checkpoint: a model file ({@link ModelFile}) plus the optimizer's buffers (tensors named {@code
 * optimizer/<param>.<buffer>}) and, in the metadata, the optimizer's step count and the {@link
 * TrainState}. It is written atomically (temporary file, fsync, rename), so the previous checkpoint
 * stays until the new one is complete.
 */
public final class Checkpoint implements TrainListener {
  public static final String FILE = "checkpoint.safetensors";
  private static final String OPTIMIZER_PREFIX = "optimizer/";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path file;
  private final Network network;
  private final Optimizer optimizer;
  private final Standardizer standardizer;
  private final List<String> classNames;
  private final double inputScale;
  private final Map<String, Object> config;
  private final int everySteps;
  private TrainState written;

  /**
   * @param everySteps also write one every this many steps (0: only after each epoch)
   */
  public Checkpoint(
      RunDirectory run,
      Network network,
      Optimizer optimizer,
      Standardizer standardizer,
      List<String> classNames,
      double inputScale,
      Map<String, Object> config,
      int everySteps) {
    this.file = run.path().resolve(FILE);
    this.network = network;
    this.optimizer = optimizer;
    this.standardizer = standardizer;
    this.classNames = classNames;
    this.inputScale = inputScale;
    this.config = config;
    this.everySteps = everySteps;
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
    Map<String, SafeTensors.Tensor> tensors = new LinkedHashMap<>();
    OptimizerState os = optimizer.exportState();
    os.buffers()
        .forEach(
            (key, values) ->
                tensors.put(
                    OPTIMIZER_PREFIX + key, new SafeTensors.Tensor(1, values.length, values)));
    try {
      Map<String, String> extra = new LinkedHashMap<>();
      extra.put("optimizer_steps", Long.toString(os.steps()));
      extra.put("train_state", JSON.writeValueAsString(state));
      ModelFile.writeWith(
          file, network, standardizer, classNames, inputScale, config, tensors, extra);
      written = state;
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A checkpoint must hold exactly the state its optimizer needs: after the first step, every
   * buffer of every parameter (e.g. Adam's m and v), each as large as its parameter, and nothing
   * else; otherwise a resumed run would silently continue from fresh moments.
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
                + OPTIMIZER_PREFIX
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
                + OPTIMIZER_PREFIX
                + key
                + "' that "
                + optimizer.id()
                + " does not use here; expected "
                + (expected.isEmpty() ? "none" : String.join(", ", expected.keySet())));
      }
    }
  }

  /**
   * Where the checkpoint of {@code runDirectory} stands, without restoring anything.
   *
   * @throws ModelFormatException if the checkpoint is missing or damaged
   */
  public static TrainState peek(Path runDirectory) {
    Path path = runDirectory.resolve(FILE);
    try {
      return JSON.readValue(
          SafeTensors.read(path).metadata().getOrDefault("train_state", ""), TrainState.class);
    } catch (JsonProcessingException e) {
      throw new ModelFormatException(
          path + ": unusable training state (" + e.getOriginalMessage() + ")", e);
    }
  }

  /**
   * Restores {@code network} and {@code optimizer} from {@code runDirectory}'s checkpoint and
   * returns where training stands.
   *
   * @throws ModelFormatException if the checkpoint is missing, damaged or of another network
   */
  public static TrainState restore(Path runDirectory, Network network, Optimizer optimizer) {
    Path path = runDirectory.resolve(FILE);
    SafeTensors.Contents contents = SafeTensors.read(path);
    ModelFile.Model saved = ModelFile.fromContents(path, contents, 1);
    ModelFile.copyWeights(saved, network, path);
    Map<String, float[]> buffers = new LinkedHashMap<>();
    contents
        .tensors()
        .forEach(
            (name, t) -> {
              if (name.startsWith(OPTIMIZER_PREFIX)) {
                buffers.put(name.substring(OPTIMIZER_PREFIX.length()), t.values());
              }
            });
    try {
      long steps = Long.parseLong(contents.metadata().getOrDefault("optimizer_steps", ""));
      requireOptimizerState(path, network, optimizer, steps, buffers);
      optimizer.importState(new OptimizerState(steps, buffers));
      TrainState state =
          JSON.readValue(contents.metadata().getOrDefault("train_state", ""), TrainState.class);
      if (state.dropoutPasses().size() != network.dropouts().size()) {
        throw new ModelFormatException(
            path
                + ": state for "
                + state.dropoutPasses().size()
                + " dropout layers, the "
                + "network has "
                + network.dropouts().size());
      }
      return state;
    } catch (ModelFormatException e) {
      throw e;
    } catch (Exception e) {
      throw new ModelFormatException(
          path
              + ": unusable optimizer or training state ("
              + String.valueOf(e.getMessage()).lines().findFirst().orElse("")
              + ")",
          e);
    }
  }
}

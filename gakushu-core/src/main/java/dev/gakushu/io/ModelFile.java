package dev.gakushu.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gakushu.Version;
import dev.gakushu.data.Standardizer;
import dev.gakushu.nn.BatchNorm;
import dev.gakushu.nn.Mode;
import dev.gakushu.nn.Network;
import dev.gakushu.nn.NetworkSpec;
import dev.gakushu.nn.Param;
import dev.gakushu.spec.NetworkSettings;
import dev.gakushu.spec.RunSpec;
import dev.gakushu.spec.RunSpecJson;
import dev.gakushu.tensor.ElementWise;
import dev.gakushu.tensor.Matrix;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The codec of a trained model ({@link Model}) as a safetensors file that is enough on its own to
 * predict: the weights ({@code dense1.W}, {@code bn1.gamma}, {@code bn1.running_mean}, …), the
 * standardisation ({@code preprocess.mean}, {@code preprocess.std}) and, in {@code __metadata__},
 * the architecture, the class names, the input scale and the run specification as JSON strings.
 *
 * <p>The network is stored once, as its architecture (its layers in order, {@link NetworkSpec}),
 * which any safetensors reader can follow. Format version 2 stores the run specification without
 * the network settings those layers show (see {@link NetworkSettings#shownBy}); version 1, which
 * stored both and which earlier Gakushu wrote, is still read.
 */
public final class ModelFile {
  static final String FORMAT = "gakushu-model";
  static final String FORMAT_VERSION = "2";

  /** The version earlier Gakushu wrote: the whole run specification (or another configuration). */
  static final String FORMAT_VERSION_1 = "1";

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * A trained model, as a model file holds it whole.
   *
   * @param standardizer the standardisation fitted on the training data, or null for none
   * @param classNames the class of each output, in order
   * @param inputScale the factor the data's reader applied to raw values (1/16 for digits, 1/255
   *     for IDX pixels, 1 for CSV), which prediction from raw rows applies too
   * @param spec the run specification the network was trained with, or null (a network built
   *     without one, or a file of an earlier Gakushu that stored another configuration)
   */
  public record Model(
      Network network,
      Standardizer standardizer,
      List<String> classNames,
      double inputScale,
      RunSpec spec) {
    public Model {
      if (network.spec() == null) {
        throw new IllegalArgumentException("only networks made by Network.builder can be saved");
      }
      classNames = List.copyOf(classNames);
    }

    /** Standardises a copy of {@code x}, rows as a data source delivers them, as in training. */
    public Matrix prepare(Matrix x) {
      Matrix copy = x.copy();
      if (standardizer != null) {
        standardizer.applyInPlace(copy);
      }
      return copy;
    }

    /**
     * Prepares rows of raw values as they stand in the data's files (e.g. pixel counts): scaled as
     * the data source scaled them ({@link #inputScale}), then standardised.
     */
    public Matrix prepareRaw(Matrix x) {
      Matrix copy = x.copy();
      if (inputScale != 1) {
        ElementWise.scale(copy, (float) inputScale, copy);
      }
      if (standardizer != null) {
        standardizer.applyInPlace(copy);
      }
      return copy;
    }

    /**
     * The class probabilities (softmax of the logits, evaluation mode) and the most probable class
     * of each row of {@code prepared}, rows as a data source delivers them (see {@link #prepare}).
     */
    public Prediction predict(Matrix prepared) {
      if (prepared.cols() != network.inputs()) {
        throw new IllegalArgumentException(
            "the model expects " + network.inputs() + " features per row, got " + prepared.cols());
      }
      Matrix x = prepare(prepared);
      return classify(x);
    }

    /** As {@link #predict}, for rows of raw values as the data's files hold them. */
    public Prediction predictRaw(Matrix raw) {
      if (raw.cols() != network.inputs()) {
        throw new IllegalArgumentException(
            "the model expects " + network.inputs() + " features per row, got " + raw.cols());
      }
      return classify(prepareRaw(raw));
    }

    private Prediction classify(Matrix x) {
      Matrix probabilities = new Matrix(x.rows(), network.outputs());
      ElementWise.softmaxRows(network.forward(x, Mode.EVAL), probabilities);
      int[] predicted = new int[x.rows()];
      ElementWise.argmaxRows(probabilities, predicted);
      return new Prediction(probabilities, predicted, classNames);
    }
  }

  /**
   * Predictions for a batch of rows.
   *
   * @param probabilities one row per input row, one column per class, each row summing to 1
   * @param classes the index of the most probable class of each row
   */
  public record Prediction(Matrix probabilities, int[] classes, List<String> classNames) {
    /** The name of row {@code r}'s predicted class. */
    public String className(int r) {
      return classNames.get(classes[r]);
    }
  }

  private ModelFile() {}

  /** The tensors of a network: its parameters and BatchNorm running statistics. */
  static Map<String, SafeTensors.Tensor> tensors(Network network) {
    Map<String, SafeTensors.Tensor> tensors = new LinkedHashMap<>();
    weights(network).forEach((name, m) -> tensors.put(name, tensor(m)));
    return tensors;
  }

  /**
   * A network's weights by the names files give them: its parameters and BatchNorm running
   * statistics (the matrices themselves, not copies).
   */
  public static Map<String, Matrix> weights(Network network) {
    Map<String, Matrix> weights = new LinkedHashMap<>();
    for (Param p : network.params()) {
      weights.put(p.name(), p.value());
    }
    for (BatchNorm bn : network.batchNorms()) {
      weights.put(bn.name() + ".running_mean", bn.runningMean());
      weights.put(bn.name() + ".running_var", bn.runningVariance());
    }
    return weights;
  }

  /**
   * Copies {@code tensors} into the weights of {@code network} (see {@link #weights}), each of
   * which must be there with its shape.
   *
   * @param file names the tensors' source in messages
   * @throws ModelFormatException if a tensor is missing or of another shape
   */
  public static void restoreWeights(
      Path file, Map<String, SafeTensors.Tensor> tensors, Network network) {
    weights(network).forEach((name, m) -> load(file, tensors, name, m));
  }

  static SafeTensors.Tensor tensor(Matrix m) {
    return new SafeTensors.Tensor(m.rows(), m.cols(), m.data().clone());
  }

  /** The metadata every model and checkpoint file carries. */
  static Map<String, String> metadata(Model model) {
    try {
      Map<String, String> m = new LinkedHashMap<>();
      m.put("format", FORMAT);
      m.put("format_version", FORMAT_VERSION);
      m.put("gakushu_version", Version.get());
      m.put("architecture", JSON.writeValueAsString(model.network().spec()));
      m.put("classes", JSON.writeValueAsString(model.classNames()));
      m.put("standardize", Boolean.toString(model.standardizer() != null));
      m.put("input_scale", Double.toString(model.inputScale()));
      if (model.spec() != null) {
        m.put("config", JSON.writeValueAsString(specWithoutLayers(model)));
      }
      return m;
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The run specification as JSON without the network settings the architecture shows: {@code
   * network} keeps the initialisation and, for a network without hidden layers (whose layers show
   * nothing else), its other settings.
   *
   * @throws IllegalArgumentException if the specification does not describe the network
   */
  private static Map<String, Object> specWithoutLayers(Model model) {
    RunSpec spec = model.spec();
    NetworkSettings network = spec.network();
    if (!NetworkSettings.shownBy(model.network().spec(), network).equals(network)) {
      throw new IllegalArgumentException(
          "the run specification's network " + network + " is not the model's network");
    }
    Map<String, Object> json = new LinkedHashMap<>(RunSpecJson.toMap(spec));
    if (!network.hidden().isEmpty()) {
      @SuppressWarnings("unchecked")
      Map<String, Object> settings = new LinkedHashMap<>((Map<String, Object>) json.get("network"));
      settings.keySet().retainAll(List.of("init", "init_std"));
      json.put("network", settings);
    }
    return json;
  }

  /** Writes the model to {@code file} atomically. */
  public static void write(Path file, Model model) {
    write(file, model, Map.of(), Map.of());
  }

  /**
   * Writes the model with further tensors and metadata (a checkpoint's training state), atomically.
   */
  public static void write(
      Path file,
      Model model,
      Map<String, SafeTensors.Tensor> moreTensors,
      Map<String, String> moreMetadata) {
    Map<String, SafeTensors.Tensor> tensors = tensors(model.network());
    Standardizer standardizer = model.standardizer();
    if (standardizer != null) {
      float[] mean = standardizer.mean();
      tensors.put("preprocess.mean", new SafeTensors.Tensor(1, mean.length, mean));
      tensors.put("preprocess.std", new SafeTensors.Tensor(1, mean.length, standardizer.std()));
    }
    tensors.putAll(moreTensors);
    Map<String, String> metadata = metadata(model);
    metadata.putAll(moreMetadata);
    try {
      SafeTensors.write(file, tensors, metadata);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /**
   * Reads a model file (or the model inside a checkpoint).
   *
   * @throws ModelFormatException naming the file and the problem
   */
  public static Model read(Path file, int threads) {
    return fromContents(file, SafeTensors.read(file), threads);
  }

  public static Model fromContents(Path file, SafeTensors.Contents contents, int threads) {
    Map<String, String> meta = contents.metadata();
    if (!FORMAT.equals(meta.get("format"))) {
      throw new ModelFormatException(
          file + ": not a Gakushu model (its metadata lacks format=" + FORMAT + ")");
    }
    boolean version1 = FORMAT_VERSION_1.equals(meta.get("format_version"));
    if (!version1 && !FORMAT_VERSION.equals(meta.get("format_version"))) {
      throw new ModelFormatException(
          file
              + ": model format version "
              + meta.get("format_version")
              + "; this Gakushu reads versions "
              + FORMAT_VERSION_1
              + " and "
              + FORMAT_VERSION);
    }
    Network network;
    List<String> classes;
    Map<String, Object> config;
    NetworkSpec architecture;
    try {
      architecture = JSON.readValue(meta.getOrDefault("architecture", ""), NetworkSpec.class);
      requireTensorsFor(file, architecture, contents);
      network = architecture.toBuilder().threads(threads).build(0);
      classes =
          JSON.readValue(meta.getOrDefault("classes", ""), new TypeReference<List<String>>() {});
      config =
          JSON.readValue(
              meta.getOrDefault("config", "{}"), new TypeReference<Map<String, Object>>() {});
    } catch (ModelFormatException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw new ModelFormatException(
          file
              + ": unusable architecture or classes in the metadata ("
              + String.valueOf(e.getMessage()).lines().findFirst().orElse("")
              + ")",
          e);
    }
    if (classes == null || classes.size() != network.outputs()) {
      throw new ModelFormatException(
          file
              + ": "
              + (classes == null ? 0 : classes.size())
              + " class names for "
              + network.outputs()
              + " outputs");
    }
    Map<String, SafeTensors.Tensor> tensors = contents.tensors();
    restoreWeights(file, tensors, network);
    requireVariances(file, network);
    Standardizer standardizer = null;
    if (Boolean.parseBoolean(meta.get("standardize"))) {
      Matrix mean = new Matrix(1, network.inputs());
      Matrix std = new Matrix(1, network.inputs());
      load(file, tensors, "preprocess.mean", mean);
      load(file, tensors, "preprocess.std", std);
      for (float s : std.data()) {
        if (!(s > 0)) {
          throw new ModelFormatException(
              file + ": preprocess.std holds " + s + "; expected deviations > 0");
        }
      }
      standardizer = Standardizer.of(mean.data(), std.data());
    }
    RunSpec spec =
        version1
            ? version1Spec(file, config)
            : meta.containsKey("config") ? spec(file, config, architecture) : null;
    return new Model(network, standardizer, classes, inputScale(file, meta, config), spec);
  }

  /**
   * The run specification of a version 2 file: the stored one, with the network settings its
   * architecture shows.
   */
  private static RunSpec spec(Path file, Map<String, Object> config, NetworkSpec architecture) {
    RunSpec stored = RunSpecJson.fromMap(config, file + ": the model's run specification");
    try {
      return stored.withNetwork(NetworkSettings.shownBy(architecture, stored.network()));
    } catch (IllegalArgumentException e) {
      throw new ModelFormatException(
          file + ": the architecture is not a network a run specification describes", e);
    }
  }

  /**
   * The configuration of a version 1 file as a run specification, or null when it is none: a
   * specification has its data, network, optimizer and loop sections (files written before models
   * held one stored other settings, and a network saved without one an empty map).
   */
  private static RunSpec version1Spec(Path file, Map<String, Object> config) {
    return config.keySet().containsAll(List.of("data", "network", "optimizer", "loop"))
        ? RunSpecJson.fromMap(config, file + ": the model's run specification")
        : null;
  }

  /**
   * The input scale: the metadata's {@code input_scale}, or for files written before that key
   * existed, the number the training configuration held under the same name (else 1).
   */
  private static double inputScale(
      Path file, Map<String, String> meta, Map<String, Object> config) {
    String text = meta.get("input_scale");
    if (text == null) {
      return config.get("input_scale") instanceof Number n ? n.doubleValue() : 1;
    }
    try {
      double scale = Double.parseDouble(text);
      if (scale > 0 && Double.isFinite(scale)) {
        return scale;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new ModelFormatException(
        file + ": input_scale '" + text + "' in the metadata; expected a finite number > 0");
  }

  /**
   * Refuses an architecture that needs more values than the file holds, before any memory is set
   * aside for it (a hostile header could otherwise ask for gigabytes): each dense layer needs
   * in·units + units values, each BatchNorm layer 4·width (γ, β, running mean and variance). The
   * running total is compared after every layer, in overflow-safe arithmetic, and the network must
   * end in a dense layer (its outputs are the classes).
   */
  private static void requireTensorsFor(
      Path file, NetworkSpec spec, SafeTensors.Contents contents) {
    long held = contents.tensors().values().stream().mapToLong(t -> t.values().length).sum();
    long needed = 0;
    long width = spec.inputs();
    if (width < 1) {
      throw new ModelFormatException(
          file + ": architecture has " + width + " inputs; expected at least 1");
    }
    String last = null;
    for (NetworkSpec.LayerSpec l : spec.layers()) {
      last = l.type();
      if ("dense".equals(l.type()) && l.units() != null) {
        if (l.units() < 1) {
          throw new ModelFormatException(
              file + ": a dense layer of " + l.units() + " units; expected at least 1");
        }
        needed = Math.addExact(needed, Math.multiplyExact(width + 1, (long) l.units()));
        width = l.units();
      } else if ("batchnorm".equals(l.type())) {
        needed = Math.addExact(needed, 4 * width);
      }
      if (needed > held) {
        throw new ModelFormatException(
            file
                + ": the architecture needs more than the "
                + held
                + " values the file holds (at least "
                + needed
                + " by layer "
                + l.type()
                + ")");
      }
    }
    if (!"dense".equals(last)) {
      throw new ModelFormatException(
          file
              + ": the architecture ends in "
              + (last == null ? "no layer" : "a " + last + " layer")
              + "; expected a dense layer whose outputs are the classes");
    }
  }

  /** BatchNorm's running variance is a variance: ≥ 0 everywhere, or every prediction is NaN. */
  private static void requireVariances(Path file, Network network) {
    for (BatchNorm bn : network.batchNorms()) {
      float[] variance = bn.runningVariance().data();
      for (int i = 0; i < variance.length; i++) {
        if (!(variance[i] >= 0)) {
          throw new ModelFormatException(
              file
                  + ": tensor '"
                  + bn.name()
                  + ".running_var' holds "
                  + variance[i]
                  + " at index "
                  + i
                  + "; expected variances >= 0");
        }
      }
    }
  }

  /** Copies tensor {@code name} into {@code target}, whose shape it must have. */
  static void load(Path file, Map<String, SafeTensors.Tensor> tensors, String name, Matrix target) {
    SafeTensors.Tensor t = tensors.get(name);
    if (t == null) {
      throw new ModelFormatException(
          file + ": lacks tensor '" + name + "' that the architecture needs");
    }
    if (!target.hasShape(t.rows(), t.cols())) {
      throw new ModelFormatException(
          file
              + ": tensor '"
              + name
              + "' is "
              + t.rows()
              + "x"
              + t.cols()
              + " but the architecture needs "
              + target.shape());
    }
    System.arraycopy(t.values(), 0, target.data(), 0, t.values().length);
  }

  /**
   * Copies a saved model's weights into {@code network}, whose architecture must match (warm
   * start).
   */
  public static void copyWeights(Model from, Network network, Path file) {
    requireSameArchitecture(from, network, file);
    for (int i = 0; i < network.params().size(); i++) {
      network.params().get(i).value().copyFrom(from.network().params().get(i).value());
    }
    for (int i = 0; i < network.batchNorms().size(); i++) {
      network
          .batchNorms()
          .get(i)
          .runningMean()
          .copyFrom(from.network().batchNorms().get(i).runningMean());
      network
          .batchNorms()
          .get(i)
          .runningVariance()
          .copyFrom(from.network().batchNorms().get(i).runningVariance());
    }
  }

  /**
   * @throws ModelFormatException naming {@code file} if {@code from}'s architecture is not {@code
   *     network}'s
   */
  public static void requireSameArchitecture(Model from, Network network, Path file) {
    NetworkSpec a = from.network().spec();
    NetworkSpec b = network.spec();
    if (!a.equals(b)) {
      throw new ModelFormatException(
          file + ": its architecture " + describe(a) + " differs from this run's " + describe(b));
    }
  }

  private static String describe(NetworkSpec spec) {
    try {
      return JSON.writeValueAsString(spec);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a network specification is always JSON", e);
    }
  }
}

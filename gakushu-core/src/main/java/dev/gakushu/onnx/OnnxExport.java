package dev.gakushu.onnx;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gakushu.BadInputException;
import dev.gakushu.Version;
import dev.gakushu.data.Standardizer;
import dev.gakushu.files.AtomicFile;
import dev.gakushu.io.ModelFile;
import dev.gakushu.io.ProtoWriter;
import dev.gakushu.nn.BatchNorm;
import dev.gakushu.nn.Dense;
import dev.gakushu.nn.Dropout;
import dev.gakushu.nn.Layer;
import dev.gakushu.nn.Network;
import dev.gakushu.nn.Relu;
import dev.gakushu.nn.Sigmoid;
import dev.gakushu.nn.Tanh;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A trained model as a standard ONNX model that computes what {@code predict} computes, from the
 * same raw rows:
 *
 * <pre>
 * input [batch, d]        raw values as the data's files hold them
 * Mul  x·s                the input scale s (digits 1/16, IDX 1/255), when s ≠ 1
 * Sub, Div  (x − μ)/σ     the standardisation, when the model has one
 * Gemm  x·W + b           each dense layer
 * BatchNormalization      γ·(x − running_mean)/√(running_var + ε) + β, the evaluation form
 * Relu, Sigmoid, Tanh     each activation
 * Mul  x·(1 − ratio)      the book's dropout in evaluation; inverted dropout is the identity and
 *                         leaves no node
 * Softmax (axis 1)        probabilities [batch, classes]
 * </pre>
 *
 * The preprocessing is written as nodes rather than folded into the first Gemm, so the ONNX model
 * rounds exactly as {@code predict} does. The class names, the input scale and the versions go in
 * the model's metadata properties.
 */
public final class OnnxExport {
  /** The name of the graph's input. */
  public static final String INPUT = "input";

  /** The name of the graph's output. */
  public static final String OUTPUT = "probabilities";

  /** Above this a protobuf message cannot be read (its length is a signed 32-bit number). */
  private static final long MAX_BYTES = Integer.MAX_VALUE - (1L << 20);

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The bytes gathered before each write to the file. */
  private static final int STREAM_BUFFER = 1 << 16;

  private OnnxExport() {}

  /**
   * The ONNX model, to be streamed; it holds the network's weight arrays, not copies.
   *
   * @param source what the model was read from, for the metadata (a file name)
   */
  static ProtoWriter encode(ModelFile.Model model, String source) {
    OnnxGraph graph = graph(model);
    if (graph.constantBytes() > MAX_BYTES) {
      throw new BadInputException(
          source
              + ": "
              + graph.constantBytes()
              + " bytes of weights, more than one ONNX file holds (2 GiB)");
    }
    String doc =
        "Gakushu model "
            + model.network().describe()
            + ": raw rows in ("
            + INPUT
            + "), class probabilities out ("
            + OUTPUT
            + ")";
    return OnnxEncoder.encode(graph, "gakushu", doc, Version.get(), metadata(model, source));
  }

  /**
   * Writes the ONNX model to {@code out} atomically.
   *
   * @return the number of bytes written
   * @throws BadInputException when {@code out} cannot be written
   */
  public static long write(ModelFile.Model model, String source, Path out) {
    ProtoWriter onnx = encode(model, source);
    try {
      AtomicFile.write(
          out,
          channel -> {
            OutputStream stream =
                new BufferedOutputStream(Channels.newOutputStream(channel), STREAM_BUFFER);
            onnx.writeTo(stream);
            stream.flush();
          });
    } catch (IOException e) {
      throw new BadInputException(
          "cannot write " + out + " (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")",
          e);
    }
    return onnx.size();
  }

  static OnnxGraph graph(ModelFile.Model model) {
    Network network = model.network();
    OnnxGraph g = new OnnxGraph(INPUT, network.inputs());
    String x = g.input();
    float scale = (float) model.inputScale();
    if (scale != 1) {
      x = g.node("Mul", "scaled", List.of(), x, g.scalar("preprocess.scale", scale));
    }
    Standardizer standardizer = model.standardizer();
    if (standardizer != null) {
      long[] row = {network.inputs()};
      x =
          g.node(
              "Sub",
              "centred",
              List.of(),
              x,
              g.constant("preprocess.mean", row, standardizer.mean()));
      x =
          g.node(
              "Div",
              "standardized",
              List.of(),
              x,
              g.constant("preprocess.std", row, standardizer.std()));
    }
    int activations = 0;
    int dropouts = 0;
    for (Layer layer : network.layers()) {
      if (layer instanceof Dense dense) {
        x = dense(g, dense, x);
      } else if (layer instanceof BatchNorm bn) {
        x = batchNorm(g, bn, x);
      } else if (layer instanceof Relu) {
        x = g.node("Relu", "relu" + ++activations, List.of(), x);
      } else if (layer instanceof Sigmoid) {
        x = g.node("Sigmoid", "sigmoid" + ++activations, List.of(), x);
      } else if (layer instanceof Tanh) {
        x = g.node("Tanh", "tanh" + ++activations, List.of(), x);
      } else if (layer instanceof Dropout dropout) {
        String name = "dropout" + ++dropouts;
        if (dropout.evaluationScale() != 1) {
          x =
              g.node(
                  "Mul", name, List.of(), x, g.scalar(name + ".scale", dropout.evaluationScale()));
        }
      } else {
        throw new IllegalArgumentException("no ONNX form for layer " + layer.describe());
      }
    }
    g.node("Softmax", OUTPUT, List.of(new OnnxGraph.IntAttribute("axis", 1)), x);
    g.output(OUTPUT, network.outputs());
    return g;
  }

  /** Gemm: A·B + C with A = x [batch, in], B = W [in, out], C = b [out] broadcast over rows. */
  private static String dense(OnnxGraph g, Dense dense, String x) {
    String w = dense.weights().name();
    String b = dense.bias().name();
    long in = dense.inputs();
    long out = dense.units();
    g.constant(w, new long[] {in, out}, dense.weights().value().data());
    g.constant(b, new long[] {out}, dense.bias().value().data());
    return g.node("Gemm", w.substring(0, w.lastIndexOf('.')), List.of(), x, w, b);
  }

  /** BatchNormalization in inference form: inputs X, scale γ, bias β, mean, variance. */
  private static String batchNorm(OnnxGraph g, BatchNorm bn, String x) {
    long[] features = {bn.gamma().value().cols()};
    String name = bn.name();
    return g.node(
        "BatchNormalization",
        name,
        List.of(new OnnxGraph.FloatAttribute("epsilon", (float) bn.epsilon())),
        x,
        g.constant(bn.gamma().name(), features, bn.gamma().value().data()),
        g.constant(bn.beta().name(), features, bn.beta().value().data()),
        g.constant(name + ".running_mean", features, bn.runningMean().data()),
        g.constant(name + ".running_var", features, bn.runningVariance().data()));
  }

  private static Map<String, String> metadata(ModelFile.Model model, String source) {
    Map<String, String> m = new LinkedHashMap<>();
    try {
      m.put("classes", JSON.writeValueAsString(model.classNames()));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    m.put("input_scale", Float.toString((float) model.inputScale()));
    m.put("standardize", Boolean.toString(model.standardizer() != null));
    m.put("source", source);
    m.put("gakushu_version", Version.get());
    return m;
  }
}

package dev.gakushu.onnx;

import java.util.ArrayList;
import java.util.List;

/**
 * An inference graph of float32 tensors, built node by node: one input of shape [batch, inputs],
 * named constants (ONNX initializers), operators from the default domain in order, and one output
 * of shape [batch, outputs]. {@code batch} is a symbolic dimension, so any number of rows runs.
 */
final class OnnxGraph {
  /** The symbolic name of the batch dimension. */
  static final String BATCH = "batch";

  /** A node attribute: a float or an integer. */
  sealed interface Attribute {
    String name();
  }

  record FloatAttribute(String name, float value) implements Attribute {}

  record IntAttribute(String name, long value) implements Attribute {}

  /** One operator: {@code output = opType(inputs…)}. */
  record Node(String opType, List<String> inputs, String output, List<Attribute> attributes) {}

  /** A named constant tensor; {@code dims} empty for a scalar. */
  record Constant(String name, long[] dims, float[] values) {}

  private final String input;
  private final int inputWidth;
  private final List<Constant> constants = new ArrayList<>();
  private final List<Node> nodes = new ArrayList<>();
  private String output;
  private int outputWidth;

  /** A graph whose input is called {@code input} and has {@code inputWidth} columns. */
  OnnxGraph(String input, int inputWidth) {
    this.input = input;
    this.inputWidth = inputWidth;
  }

  String input() {
    return input;
  }

  int inputWidth() {
    return inputWidth;
  }

  /** Adds a constant and returns its name. */
  String constant(String name, long[] dims, float[] values) {
    long count = 1;
    for (long d : dims) {
      count *= d;
    }
    if (count != values.length) {
      throw new IllegalArgumentException(
          name + ": " + values.length + " values for a tensor of " + count);
    }
    constants.add(new Constant(name, dims.clone(), values.clone()));
    return name;
  }

  /** A scalar constant. */
  String scalar(String name, float value) {
    return constant(name, new long[0], new float[] {value});
  }

  /** Adds the node {@code output = opType(inputs…)} and returns the output's name. */
  String node(String opType, String output, List<Attribute> attributes, String... inputs) {
    nodes.add(new Node(opType, List.of(inputs), output, List.copyOf(attributes)));
    return output;
  }

  /** Declares {@code name}, a value of {@code width} columns, the graph's output. */
  void output(String name, int width) {
    this.output = name;
    this.outputWidth = width;
  }

  String output() {
    return output;
  }

  int outputWidth() {
    return outputWidth;
  }

  List<Constant> constants() {
    return List.copyOf(constants);
  }

  List<Node> nodes() {
    return List.copyOf(nodes);
  }

  /** The bytes the constants take, which bounds the size of the file. */
  long constantBytes() {
    return constants.stream().mapToLong(c -> 4L * c.values().length).sum();
  }
}

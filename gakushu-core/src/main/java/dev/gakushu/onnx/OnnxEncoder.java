package dev.gakushu.onnx;

import dev.gakushu.io.ProtoWriter;
import java.util.Map;

/**
 * Encodes a graph as an ONNX {@code ModelProto} (IR version 7, default-domain operator set 13),
 * with the field numbers of {@code onnx.proto}:
 *
 * <pre>
 * ModelProto      ir_version 1, producer_name 2, producer_version 3, doc_string 6, graph 7,
 *                 opset_import 8, metadata_props 14
 * GraphProto      node 1, name 2, initializer 5, doc_string 10, input 11, output 12
 * NodeProto       input 1, output 2, name 3, op_type 4, attribute 5
 * AttributeProto  name 1, f 2, i 3, type 20 (FLOAT = 1, INT = 2)
 * TensorProto     dims 1, data_type 2 (FLOAT = 1), name 8, raw_data 9 (little-endian)
 * ValueInfoProto  name 1, type 2 → TypeProto.tensor_type 1 → elem_type 1, shape 2
 *                 → TensorShapeProto.dim 1 → dim_value 1 or dim_param 2
 * OperatorSetIdProto      domain 1, version 2
 * StringStringEntryProto  key 1, value 2
 * </pre>
 */
final class OnnxEncoder {
  static final long IR_VERSION = 7;
  static final long OPSET = 13;
  private static final int FLOAT = 1;
  private static final int ATTRIBUTE_FLOAT = 1;
  private static final int ATTRIBUTE_INT = 2;

  private OnnxEncoder() {}

  /**
   * The model, ready to be streamed ({@link ProtoWriter#writeTo}); the constants' arrays are held,
   * not copied.
   *
   * @param metadata the model's {@code metadata_props}, in the map's order
   */
  static ProtoWriter encode(
      OnnxGraph graph,
      String graphName,
      String docString,
      String producerVersion,
      Map<String, String> metadata) {
    ProtoWriter model =
        new ProtoWriter()
            .varint(1, IR_VERSION)
            .string(2, "gakushu")
            .string(3, producerVersion)
            .string(6, docString)
            .message(7, graph(graph, graphName, docString))
            .message(8, new ProtoWriter().string(1, "").varint(2, OPSET));
    metadata.forEach(
        (key, value) -> model.message(14, new ProtoWriter().string(1, key).string(2, value)));
    return model;
  }

  private static ProtoWriter graph(OnnxGraph graph, String name, String docString) {
    ProtoWriter g = new ProtoWriter();
    for (OnnxGraph.Node node : graph.nodes()) {
      g.message(1, node(node));
    }
    g.string(2, name);
    for (OnnxGraph.Constant constant : graph.constants()) {
      g.message(5, tensor(constant));
    }
    g.string(10, docString);
    g.message(11, valueInfo(graph.input(), graph.inputWidth()));
    g.message(12, valueInfo(graph.output(), graph.outputWidth()));
    return g;
  }

  private static ProtoWriter node(OnnxGraph.Node node) {
    ProtoWriter n = new ProtoWriter();
    node.inputs().forEach(input -> n.string(1, input));
    n.string(2, node.output());
    n.string(3, node.output());
    n.string(4, node.opType());
    for (OnnxGraph.Attribute attribute : node.attributes()) {
      ProtoWriter a = new ProtoWriter().string(1, attribute.name());
      if (attribute instanceof OnnxGraph.FloatAttribute f) {
        a.float32(2, f.value()).varint(20, ATTRIBUTE_FLOAT);
      } else if (attribute instanceof OnnxGraph.IntAttribute i) {
        a.varint(3, i.value()).varint(20, ATTRIBUTE_INT);
      }
      n.message(5, a);
    }
    return n;
  }

  private static ProtoWriter tensor(OnnxGraph.Constant constant) {
    ProtoWriter t = new ProtoWriter();
    for (long d : constant.dims()) {
      t.varint(1, d);
    }
    return t.varint(2, FLOAT).string(8, constant.name()).floats(9, constant.values());
  }

  /** A float32 tensor of shape [batch, width]. */
  private static ProtoWriter valueInfo(String name, int width) {
    ProtoWriter shape =
        new ProtoWriter()
            .message(1, new ProtoWriter().string(2, OnnxGraph.BATCH))
            .message(1, new ProtoWriter().varint(1, width));
    ProtoWriter tensorType = new ProtoWriter().varint(1, FLOAT).message(2, shape);
    return new ProtoWriter().string(1, name).message(2, new ProtoWriter().message(1, tensorType));
  }
}

package dev.gakushu.cli;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Map;

/** Runs an exported model in ONNX Runtime (Microsoft's, through its Java binding). */
record OnnxRuntime(
    float[][] probabilities,
    Map<String, String> metadata,
    Map<String, long[]> inputs,
    Map<String, long[]> outputs) {

  /** Runs {@code model} on {@code rows} and keeps its output, metadata and declared shapes. */
  static OnnxRuntime run(Path model, float[][] rows) throws OrtException {
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    int cols = rows[0].length;
    FloatBuffer values = FloatBuffer.allocate(rows.length * cols);
    for (float[] row : rows) {
      values.put(row);
    }
    values.flip();
    try (OrtSession session = env.createSession(model.toString(), new OrtSession.SessionOptions());
        OnnxTensor input = OnnxTensor.createTensor(env, values, new long[] {rows.length, cols});
        OrtSession.Result result = session.run(Map.of("input", input))) {
      return new OnnxRuntime(
          (float[][]) result.get(0).getValue(),
          session.getMetadata().getCustomMetadata(),
          shapes(session.getInputInfo()),
          shapes(session.getOutputInfo()));
    }
  }

  private static Map<String, long[]> shapes(Map<String, NodeInfo> info) {
    return info.entrySet().stream()
        .collect(
            java.util.stream.Collectors.toMap(
                Map.Entry::getKey, e -> ((TensorInfo) e.getValue().getInfo()).getShape()));
  }
}

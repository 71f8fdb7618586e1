package dev.gakushu.onnx;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Recognises ONNX files, so that commands reading Gakushu's own models can refuse them by name. */
public final class OnnxFiles {
  /**
   * The keys (field number × 8 + wire type) that may follow {@code ir_version} in a ModelProto:
   * producer_name 2, producer_version 3, domain 4, doc_string 6, graph 7, opset_import 8,
   * metadata_props 14 (length-delimited) and model_version 5 (varint).
   */
  private static final int[] MODEL_KEYS = {0x12, 0x1a, 0x22, 0x32, 0x3a, 0x42, 0x72, 0x28};

  private OnnxFiles() {}

  /**
   * Whether {@code file} is an ONNX model: its name ends in {@code .onnx}, or it starts as ONNX
   * writers start a ModelProto — the key of {@code ir_version} (0x08), a one-byte version, then the
   * key of another ModelProto field and a non-zero byte. A safetensors file cannot start so: its
   * first eight bytes are a header length of at most 16 MiB, whose fourth byte is 0 or 1.
   */
  public static boolean isOnnx(Path file) {
    Path name = file.getFileName();
    if (name != null && name.toString().toLowerCase(Locale.ROOT).endsWith(".onnx")) {
      return true;
    }
    byte[] head = new byte[4];
    try (InputStream in = Files.newInputStream(file)) {
      if (in.readNBytes(head, 0, 4) < 4) {
        return false;
      }
    } catch (IOException e) {
      return false;
    }
    if (head[0] != 0x08 || head[1] < 1 || (head[3] & 0xff) < 2) {
      return false;
    }
    for (int key : MODEL_KEYS) {
      if ((head[2] & 0xff) == key) {
        return true;
      }
    }
    return false;
  }
}

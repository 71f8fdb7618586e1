package dev.gakushu.io;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The SHA-256 of what a safetensors file computes: its tensors, each as its name (UTF-8), a 0 byte,
 * its rows and columns (4-byte big-endian integers) and its values' IEEE 754 bits (4 bytes each,
 * big-endian), in the order of the names. The metadata (versions, thread count, times) is left out,
 * so two runs that computed the same weights have the same fingerprint wherever they ran.
 */
public final class TensorFingerprint {
  private TensorFingerprint() {}

  /**
   * The fingerprint of a file's tensors, in lower-case hexadecimal.
   *
   * @throws ModelFormatException naming the file when it cannot be read as safetensors
   */
  public static String of(Path file) {
    return of(SafeTensors.read(file).tensors());
  }

  /** The fingerprint of the tensors by name. */
  public static String of(Map<String, SafeTensors.Tensor> tensors) {
    MessageDigest sha = sha256();
    for (Map.Entry<String, SafeTensors.Tensor> e : new TreeMap<>(tensors).entrySet()) {
      SafeTensors.Tensor t = e.getValue();
      sha.update(e.getKey().getBytes(StandardCharsets.UTF_8));
      ByteBuffer b = ByteBuffer.allocate(9 + 4 * t.values().length);
      b.put((byte) 0).putInt(t.rows()).putInt(t.cols());
      for (float v : t.values()) {
        b.putInt(Float.floatToRawIntBits(v));
      }
      sha.update(b.array());
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}

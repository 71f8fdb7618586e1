package dev.gakushu.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A file's published checksum: the algorithm ({@code SHA-256}, or {@code MD5} where that is all a
 * data set's authors publish) and the expected hexadecimal value.
 */
public record Digest(String algorithm, String hex) {
  public static Digest sha256(String hex) {
    return new Digest("SHA-256", hex);
  }

  public static Digest md5(String hex) {
    return new Digest("MD5", hex);
  }

  /** A fresh digester for this algorithm. */
  MessageDigest newDigester() {
    try {
      return MessageDigest.getInstance(algorithm);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks " + algorithm, e);
    }
  }

  /** The digest of a file in this algorithm, as lower-case hex. */
  public String of(Path file) throws IOException {
    MessageDigest md = newDigester();
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buffer = new byte[1 << 16];
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        md.update(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(md.digest());
  }

  public boolean matches(String actualHex) {
    return hex.equalsIgnoreCase(actualHex);
  }

  @Override
  public String toString() {
    return algorithm + " " + hex;
  }
}

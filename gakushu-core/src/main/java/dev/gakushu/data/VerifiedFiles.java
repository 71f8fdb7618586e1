package dev.gakushu.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks a cached download against its published checksum on its first use in this process, and
 * again whenever its size or modification time changes: a cache file that was damaged or replaced
 * after its download is noticed before it is read (hashing these files takes well under a second).
 */
final class VerifiedFiles {
  /** What a verified file looked like: its size and modification time. */
  private record Seen(long size, long modified) {}

  private static final Map<Path, Seen> VERIFIED = new ConcurrentHashMap<>();

  private VerifiedFiles() {}

  /** Whether {@code file} exists and has {@code digest}'s checksum. */
  static boolean matches(Path file, Digest digest) {
    try {
      Path key = file.toAbsolutePath().normalize();
      Seen now = seen(key);
      if (now.equals(VERIFIED.get(key))) {
        return true;
      }
      if (!digest.matches(digest.of(key))) {
        return false;
      }
      VERIFIED.put(key, now);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static Seen seen(Path file) throws IOException {
    BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
    return new Seen(a.size(), a.lastModifiedTime().toMillis());
  }
}

package dev.gakushu.dashboard;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Follows a line file that another process appends to: each {@link #newLines} call returns the
 * complete lines written since the last one, from a byte offset; a line still being written waits
 * for its newline.
 */
final class LineFollower {
  private final Path file;
  private long offset;

  LineFollower(Path file, long offset) {
    this.file = file;
    this.offset = offset;
  }

  long offset() {
    return offset;
  }

  /** The complete lines after the offset, which then moves past them. */
  List<String> newLines() throws IOException {
    List<String> lines = new ArrayList<>();
    if (!Files.isRegularFile(file)) {
      return lines;
    }
    long size = Files.size(file);
    if (size < offset) {
      offset = 0; // the file was rewritten (a resumed run drops the lines it will write again)
    }
    if (size == offset) {
      return lines;
    }
    byte[] bytes;
    try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
      in.seek(offset);
      bytes = new byte[Math.toIntExact(Math.min(size - offset, 64L << 20))];
      in.readFully(bytes);
    }
    int start = 0;
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == '\n') {
        String line = new String(bytes, start, i - start, StandardCharsets.UTF_8).strip();
        if (!line.isEmpty()) {
          lines.add(line);
        }
        start = i + 1;
      }
    }
    offset += start;
    return lines;
  }
}

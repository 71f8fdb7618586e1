package dev.gakushu.tune;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A search's {@code journal.jsonl} as a file of lines: each line is appended whole (one write of
 * the line and its newline) and forced to disk. A process killed in the middle of an append leaves
 * a last line without its newline, a torn line: reading sets it aside, and {@link #dropTornLine}
 * cuts it off so that the next append starts a line of its own.
 */
final class Journal {
  private final Path file;

  Journal(Path file) {
    this.file = file;
  }

  Path path() {
    return file;
  }

  boolean exists() {
    return Files.exists(file);
  }

  /** The lines that end with their newline, without it; a torn last line is left out. */
  List<String> completeLines() {
    String text = new String(bytes(), StandardCharsets.UTF_8);
    List<String> lines = new ArrayList<>();
    int start = 0;
    for (int end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', start)) {
      lines.add(text.substring(start, end));
      start = end + 1;
    }
    return lines;
  }

  /** Cuts off a torn last line, if there is one. */
  void dropTornLine() {
    byte[] bytes = bytes();
    int keep = bytes.length;
    while (keep > 0 && bytes[keep - 1] != '\n') {
      keep--;
    }
    if (keep == bytes.length) {
      return;
    }
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      channel.truncate(keep);
      channel.force(false);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot cut the torn last line of " + file, e);
    }
  }

  /** Appends {@code line} and a newline in one write, forced to disk. */
  void append(String line) {
    ByteBuffer b = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
    try (FileChannel channel =
        FileChannel.open(
            file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
      while (b.hasRemaining()) {
        channel.write(b);
      }
      channel.force(false);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append to " + file, e);
    }
  }

  private byte[] bytes() {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}

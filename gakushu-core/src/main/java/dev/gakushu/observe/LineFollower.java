package dev.gakushu.observe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Follows a JSON-lines file that another process appends to: each {@link #newLines} call returns
 * the complete lines written since the last one; a line still being written waits for its newline.
 *
 * <p>Bounded whatever the file holds: a line longer than {@value #MAX_LINE} bytes is skipped
 * without being kept (one log line), bytes already scanned are never read again (a 20 MB line with
 * no newline is read once, then only what is appended to it), at most {@value #MAX_READ_PER_CALL}
 * bytes are read per call, and a line that is not JSON is skipped with one log line. The file is
 * opened without following a symbolic link; a link or anything but a regular file reads as empty.
 */
public final class LineFollower {
  /** The longest line read, in bytes. */
  public static final int MAX_LINE = 1 << 20;

  static final int MAX_READ_PER_CALL = 1 << 20;
  private static final int CHUNK = 64 << 10;
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * One complete line.
   *
   * @param start the byte offset of its first byte
   * @param end the byte offset just past its newline
   */
  public record Line(long start, long end, JsonNode json) {}

  private final Path file;
  private final Consumer<String> log;
  private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
  private long offset;
  private long scanned;
  private long size = -1;
  private boolean overlong;
  private boolean rewound;

  /**
   * Follows {@code file} from byte {@code offset}, which should start a line.
   *
   * @param log receives one line for each line skipped
   */
  public LineFollower(Path file, long offset, Consumer<String> log) {
    this.file = file;
    this.offset = Math.max(0, offset);
    this.scanned = this.offset;
    this.log = log;
  }

  /** The offset of the first line not returned yet. */
  public long offset() {
    return offset;
  }

  /** Whether the last {@link #newLines} call found the file shorter and started again at 0. */
  public boolean rewound() {
    return rewound;
  }

  /** Every complete line of a file, read from its start; none when it is not a regular file. */
  public static List<Line> all(Path file, Consumer<String> log) throws IOException {
    return new LineFollower(file, 0, log).rest();
  }

  /** Every complete line after the offset up to the file's end as it is now. */
  public List<Line> rest() throws IOException {
    List<Line> lines = new ArrayList<>();
    long before;
    do {
      before = scanned;
      lines.addAll(newLines());
    } while (scanned < size && scanned != before);
    return lines;
  }

  /** The complete lines after the offset, which then moves past them. */
  public List<Line> newLines() throws IOException {
    rewound = false;
    List<Line> lines = new ArrayList<>();
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException missing) {
      size = -1;
      return lines;
    }
    if (!attributes.isRegularFile()) {
      size = -1;
      return lines;
    }
    size = attributes.size();
    if (size < scanned) {
      // the file was rewritten (a resumed run drops the lines it will write again)
      offset = 0;
      scanned = 0;
      pending.reset();
      overlong = false;
      rewound = true;
    }
    if (size == scanned) {
      return lines;
    }
    long end = Math.min(size, scanned + MAX_READ_PER_CALL);
    try (SeekableByteChannel in =
        Files.newByteChannel(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
      in.position(scanned);
      ByteBuffer buffer = ByteBuffer.allocate(CHUNK);
      // a line too long to keep is scanned to its end at once: nothing of it is kept
      while (scanned < end || (overlong && scanned < size)) {
        buffer.clear().limit((int) Math.min(CHUNK, Math.max(end, size) - scanned));
        int n = in.read(buffer);
        if (n <= 0) {
          break;
        }
        scan(buffer.array(), n, lines);
      }
    }
    return lines;
  }

  /** Moves {@code scanned} over {@code n} bytes, completing lines at each newline. */
  private void scan(byte[] bytes, int n, List<Line> lines) {
    int from = 0;
    for (int i = 0; i < n; i++) {
      if (bytes[i] == '\n') {
        keep(bytes, from, i - from);
        long lineEnd = scanned + i + 1;
        if (!overlong) {
          line(lines, lineEnd);
        }
        offset = lineEnd;
        pending.reset();
        overlong = false;
        from = i + 1;
      }
    }
    keep(bytes, from, n - from);
    scanned += n;
  }

  private void keep(byte[] bytes, int from, int length) {
    if (overlong) {
      return;
    }
    if (pending.size() + length > MAX_LINE) {
      overlong = true;
      pending.reset();
      log.accept("skipped the line at byte " + offset + " of " + file + ": longer than 1 MiB");
      return;
    }
    pending.write(bytes, from, length);
  }

  private void line(List<Line> lines, long lineEnd) {
    String text = pending.toString(StandardCharsets.UTF_8).strip();
    if (text.isEmpty()) {
      return;
    }
    try {
      lines.add(new Line(offset, lineEnd, JSON.readTree(text)));
    } catch (IOException notJson) {
      log.accept("skipped the line at byte " + offset + " of " + file + ": not JSON");
    }
  }
}

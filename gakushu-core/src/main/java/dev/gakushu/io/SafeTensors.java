package dev.gakushu.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gakushu.files.AtomicFile;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The safetensors format: an 8-byte little-endian header length N, N bytes of JSON (an object
 * mapping each tensor's name to its dtype, shape and byte range in the data that follows, plus an
 * optional {@code __metadata__} object of strings), then the raw little-endian tensors. Gakushu
 * writes float32 ({@code F32}) tensors only and reads nothing else.
 *
 * <p>Reading trusts nothing: the header length must fit the file and a sane limit, the header must
 * be a JSON object, every dtype F32, every shape consistent with its byte range, the ranges inside
 * the data, in bounds, without overlap or holes, and every value finite. Writing goes to a
 * temporary file that is synced and then renamed over the target.
 */
public final class SafeTensors {
  /** The largest header this reader accepts. */
  static final long MAX_HEADER = 16L << 20;

  /** The most tensor data this reader accepts: 1 GiB (a 250-million-weight network). */
  static final long MAX_DATA = 1L << 30;

  private static final ObjectMapper JSON = new ObjectMapper();

  /** A named tensor: a shape (rows, cols) and its row-major values. */
  public record Tensor(int rows, int cols, float[] values) {
    public Tensor {
      if ((long) rows * cols != values.length) {
        throw new IllegalArgumentException(
            rows + "x" + cols + " tensor with " + values.length + " values");
      }
    }
  }

  /** A file's tensors in file order and its metadata. */
  public record Contents(Map<String, Tensor> tensors, Map<String, String> metadata) {}

  private SafeTensors() {}

  /** Writes the tensors (in the map's order) and metadata to {@code file}, atomically. */
  public static void write(Path file, Map<String, Tensor> tensors, Map<String, String> metadata)
      throws IOException {
    ByteBuffer head = header(tensors, metadata);
    AtomicFile.write(
        file,
        out -> {
          writeFully(out, head);
          for (Tensor t : tensors.values()) {
            writeFully(out, data(t));
          }
        });
  }

  /** The tensors (in the map's order) and metadata as the bytes of a safetensors file. */
  public static byte[] toBytes(Map<String, Tensor> tensors, Map<String, String> metadata) {
    ByteBuffer head = header(tensors, metadata);
    long size = head.remaining();
    for (Tensor t : tensors.values()) {
      size += 4L * t.values().length;
    }
    if (size > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(size + " bytes of tensors do not fit in one array");
    }
    ByteBuffer all = ByteBuffer.allocate((int) size);
    all.put(head);
    tensors.values().forEach(t -> all.put(data(t)));
    return all.array();
  }

  /**
   * Reads and checks safetensors bytes as {@link #read(Path)} reads a file.
   *
   * @param source names the bytes in messages (where they come from)
   * @throws ModelFormatException naming {@code source} and what is wrong
   */
  public static Contents fromBytes(String source, byte[] bytes) {
    try (SeekableByteChannel channel = new BytesChannel(bytes)) {
      return read(Path.of(source), channel);
    } catch (IOException e) {
      throw new ModelFormatException(source + ": cannot read (" + e.getMessage() + ")", e);
    }
  }

  /** The 8-byte header length and the padded JSON header, ready to be read. */
  private static ByteBuffer header(Map<String, Tensor> tensors, Map<String, String> metadata) {
    ObjectNode header = JSON.createObjectNode();
    if (!metadata.isEmpty()) {
      ObjectNode meta = header.putObject("__metadata__");
      metadata.forEach(meta::put);
    }
    long offset = 0;
    for (var entry : tensors.entrySet()) {
      Tensor t = entry.getValue();
      ObjectNode info = header.putObject(entry.getKey());
      info.put("dtype", "F32");
      info.putArray("shape").add(t.rows()).add(t.cols());
      long end = offset + 4L * t.values().length;
      info.putArray("data_offsets").add(offset).add(end);
      offset = end;
    }
    byte[] json;
    try {
      json = JSON.writeValueAsBytes(header);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    int padded = (json.length + 7) / 8 * 8;
    ByteBuffer head = ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN);
    head.putLong(padded);
    head.put(json);
    while (head.hasRemaining()) {
      head.put((byte) ' ');
    }
    return head.flip();
  }

  /** A tensor's values, little-endian, ready to be read. */
  private static ByteBuffer data(Tensor t) {
    ByteBuffer data = ByteBuffer.allocate(4 * t.values().length).order(ByteOrder.LITTLE_ENDIAN);
    data.asFloatBuffer().put(t.values());
    return data;
  }

  private static void writeFully(FileChannel out, ByteBuffer buffer) throws IOException {
    while (buffer.hasRemaining()) {
      out.write(buffer);
    }
  }

  /**
   * Reads and checks a file: the 8-byte length and the header first, then each tensor straight from
   * the file into its own array, so a file is never held whole and a header that lies is refused
   * before any tensor memory is set aside.
   *
   * @throws ModelFormatException naming the file and what is wrong
   */
  public static Contents read(Path file) {
    try (SeekableByteChannel channel = Files.newByteChannel(file, StandardOpenOption.READ)) {
      return read(file, channel);
    } catch (NoSuchFileException e) {
      throw new ModelFormatException(file + ": no such file");
    } catch (IOException e) {
      throw new ModelFormatException(file + ": cannot read (" + e.getMessage() + ")", e);
    }
  }

  /** Reads the safetensors file that {@code channel} holds; {@code file} names it in messages. */
  static Contents read(Path file, SeekableByteChannel channel) throws IOException {
    long size = channel.size();
    if (size < 8) {
      throw bad(file, "is " + size + " bytes long, too short for the 8-byte header length");
    }
    long n = readAt(channel, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    if (n < 2 || n > MAX_HEADER || n > size - 8) {
      throw bad(
          file,
          "header length "
              + n
              + " does not fit: expected 2.."
              + Math.min(MAX_HEADER, size - 8)
              + " for a file of "
              + size
              + " bytes");
    }
    long dataStart = 8 + n;
    long dataLength = size - dataStart;
    if (dataLength > MAX_DATA) {
      throw bad(
          file,
          "holds "
              + dataLength
              + " bytes of tensors; expected at most "
              + MAX_DATA
              + " (the reader's budget)");
    }
    byte[] headerBytes = readAt(channel, 8, (int) n).array();
    JsonNode header;
    try {
      header = JSON.readTree(new String(headerBytes, StandardCharsets.UTF_8));
    } catch (JsonProcessingException e) {
      throw bad(file, "header is not valid JSON (" + e.getOriginalMessage() + ")");
    }
    if (header == null || !header.isObject()) {
      throw bad(file, "header is not a JSON object");
    }
    Map<String, String> metadata = new LinkedHashMap<>();
    List<Range> ranges = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : header.properties()) {
      if (e.getKey().equals("__metadata__")) {
        metadata = metadata(file, e.getValue());
      } else {
        ranges.add(range(file, e.getKey(), e.getValue(), dataLength));
      }
    }
    requireTiling(file, ranges, dataLength);
    Map<String, Tensor> tensors = new LinkedHashMap<>();
    for (Range r : ranges) {
      float[] values = new float[(int) ((r.end - r.begin) / 4)];
      readAt(channel, dataStart + r.begin, 4 * values.length)
          .order(ByteOrder.LITTLE_ENDIAN)
          .asFloatBuffer()
          .get(values);
      for (int i = 0; i < values.length; i++) {
        if (!Float.isFinite(values[i])) {
          throw bad(
              file,
              "tensor '"
                  + r.name
                  + "' holds "
                  + values[i]
                  + " at index "
                  + i
                  + "; expected finite values");
        }
      }
      tensors.put(r.name, new Tensor(r.rows, r.cols, values));
    }
    return new Contents(tensors, metadata);
  }

  /** The ranges, in file order, must cover the data exactly: no overlap, no hole. */
  private static void requireTiling(Path file, List<Range> ranges, long dataLength) {
    List<Range> sorted = new ArrayList<>(ranges);
    sorted.sort((a, b) -> Long.compare(a.begin, b.begin));
    long expected = 0;
    for (Range r : sorted) {
      if (r.begin < expected) {
        throw bad(
            file,
            "tensor '"
                + r.name
                + "' overlaps the tensor before it (bytes "
                + r.begin
                + ".."
                + r.end
                + ")");
      }
      if (r.begin > expected) {
        throw bad(file, "bytes " + expected + ".." + r.begin + " of the data belong to no tensor");
      }
      expected = r.end;
    }
    if (expected != dataLength) {
      throw bad(file, "the tensors cover " + expected + " bytes but the data holds " + dataLength);
    }
  }

  /** {@code length} bytes from {@code position}; the caller has checked they lie in the file. */
  private static ByteBuffer readAt(SeekableByteChannel channel, long position, int length)
      throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(length);
    channel.position(position);
    while (buffer.hasRemaining()) {
      if (channel.read(buffer) < 0) {
        throw new EOFException("file shrank while being read");
      }
    }
    return buffer.flip();
  }

  private record Range(String name, int rows, int cols, long begin, long end) {}

  private static Range range(Path file, String name, JsonNode info, long dataLength) {
    if (!info.isObject()) {
      throw bad(file, "entry '" + name + "' is not an object");
    }
    String dtype = info.path("dtype").asText("");
    if (!dtype.equals("F32")) {
      throw bad(file, "tensor '" + name + "' has dtype '" + dtype + "'; expected F32");
    }
    JsonNode shape = info.path("shape");
    JsonNode offsets = info.path("data_offsets");
    if (!shape.isArray()
        || shape.size() < 1
        || shape.size() > 2
        || !offsets.isArray()
        || offsets.size() != 2) {
      throw bad(
          file, "tensor '" + name + "' needs a shape of 1 or 2 dimensions and two data_offsets");
    }
    long[] dims = new long[shape.size()];
    long count = 1;
    for (int d = 0; d < dims.length; d++) {
      if (!shape.get(d).canConvertToLong()
          || shape.get(d).asLong() < 0
          || shape.get(d).asLong() > Integer.MAX_VALUE) {
        throw bad(
            file,
            "tensor '" + name + "' has shape " + shape + "; expected non-negative whole numbers");
      }
      dims[d] = shape.get(d).asLong();
      count *= dims[d];
      if (count > Integer.MAX_VALUE / 4) {
        throw bad(file, "tensor '" + name + "' with shape " + shape + " is too large");
      }
    }
    if (!offsets.get(0).canConvertToLong() || !offsets.get(1).canConvertToLong()) {
      throw bad(
          file,
          "tensor '" + name + "' has data_offsets " + offsets + "; expected two whole numbers");
    }
    long begin = offsets.get(0).asLong();
    long end = offsets.get(1).asLong();
    if (begin < 0 || end < begin || end > dataLength) {
      throw bad(
          file,
          "tensor '"
              + name
              + "' has data_offsets "
              + offsets
              + " outside the "
              + dataLength
              + " bytes of data");
    }
    if (end - begin != 4 * count) {
      throw bad(
          file,
          "tensor '"
              + name
              + "' of shape "
              + shape
              + " needs "
              + 4 * count
              + " bytes but its range holds "
              + (end - begin));
    }
    int rows = dims.length == 2 ? (int) dims[0] : 1;
    int cols = (int) dims[dims.length - 1];
    return new Range(name, rows, cols, begin, end);
  }

  private static Map<String, String> metadata(Path file, JsonNode node) {
    if (!node.isObject()) {
      throw bad(file, "__metadata__ is not an object");
    }
    Map<String, String> metadata = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      if (!e.getValue().isTextual()) {
        throw bad(file, "__metadata__ value '" + e.getKey() + "' is not a string");
      }
      metadata.put(e.getKey(), e.getValue().asText());
    }
    return metadata;
  }

  private static ModelFormatException bad(Path file, String problem) {
    return new ModelFormatException(file + ": " + problem);
  }

  /** A read-only channel over an array (package-private for its tests). */
  static final class BytesChannel implements SeekableByteChannel {
    private final byte[] bytes;
    private int position;
    private boolean open = true;

    BytesChannel(byte[] bytes) {
      this.bytes = bytes;
    }

    @Override
    public int read(ByteBuffer dst) {
      if (position >= bytes.length) {
        return -1;
      }
      int n = Math.min(dst.remaining(), bytes.length - position);
      dst.put(bytes, position, n);
      position += n;
      return n;
    }

    @Override
    public int write(ByteBuffer src) {
      throw new java.nio.channels.NonWritableChannelException();
    }

    @Override
    public long position() {
      return position;
    }

    @Override
    public SeekableByteChannel position(long newPosition) {
      position = (int) Math.min(newPosition, bytes.length);
      return this;
    }

    @Override
    public long size() {
      return bytes.length;
    }

    @Override
    public SeekableByteChannel truncate(long size) {
      throw new java.nio.channels.NonWritableChannelException();
    }

    @Override
    public boolean isOpen() {
      return open;
    }

    @Override
    public void close() {
      open = false;
    }
  }
}

package dev.gakushu.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes one protocol-buffers message in the wire format, field by field: each field is a key
 * (field number × 8 + wire type, as a varint) followed by its value — a varint (wire type 0), four
 * little-endian bytes (wire type 5), eight (wire type 1), or a varint length and that many bytes
 * (wire type 2: strings, bytes, nested messages, packed numbers). Repeated fields are written as
 * repeated keys. The one writer of ONNX models and TensorBoard event files: only what their
 * messages need is here.
 *
 * <p>A nested message and a float array are held by reference, not copied, until {@link #writeTo}
 * streams the whole message: a message's length is known before its bytes are written ({@link
 * #size()}), so a model's weights go from their arrays to the file without a copy.
 */
public final class ProtoWriter {
  private static final int VARINT = 0;
  private static final int FIXED64 = 1;
  private static final int LENGTH_DELIMITED = 2;
  private static final int FIXED32 = 5;

  /** The floats encoded at a time when streaming a float array. */
  private static final int FLOATS_PER_CHUNK = 2048;

  /** The encoded fields in order: byte[] (keys, scalars), ProtoWriter (nested) or float[]. */
  private final List<Object> parts = new ArrayList<>();

  private ByteArrayOutputStream out = new ByteArrayOutputStream();
  private long size;

  /** An int32, int64 or enum field. */
  public ProtoWriter varint(int field, long value) {
    key(field, VARINT);
    rawVarint(value);
    return this;
  }

  /** A float field. */
  public ProtoWriter float32(int field, float value) {
    key(field, FIXED32);
    rawLittleEndian(Float.floatToRawIntBits(value), 4);
    return this;
  }

  /** A double field (NaN as Java's one NaN). */
  public ProtoWriter double64(int field, double value) {
    key(field, FIXED64);
    rawLittleEndian(Double.doubleToLongBits(value), 8);
    return this;
  }

  /** A packed repeated double field: its length, then each value's eight bytes. */
  public ProtoWriter packedDoubles(int field, double[] values) {
    key(field, LENGTH_DELIMITED);
    rawVarint(8L * values.length);
    for (double v : values) {
      rawLittleEndian(Double.doubleToLongBits(v), 8);
    }
    return this;
  }

  /** A string field, in UTF-8. */
  public ProtoWriter string(int field, String value) {
    return bytes(field, value.getBytes(StandardCharsets.UTF_8));
  }

  /** A bytes field. */
  public ProtoWriter bytes(int field, byte[] value) {
    key(field, LENGTH_DELIMITED);
    rawVarint(value.length);
    out.writeBytes(value);
    size += value.length;
    return this;
  }

  /**
   * A bytes field holding {@code values} as little-endian floats, the layout of ONNX's {@code
   * raw_data}; the array is read when the message is written, so it must not change before.
   */
  public ProtoWriter floats(int field, float[] values) {
    key(field, LENGTH_DELIMITED);
    rawVarint(4L * values.length);
    append(values, 4L * values.length);
    return this;
  }

  /** A nested message field; {@code message} must not change after it is nested. */
  public ProtoWriter message(int field, ProtoWriter message) {
    key(field, LENGTH_DELIMITED);
    rawVarint(message.size());
    append(message, message.size());
    return this;
  }

  /** The length of the message in bytes. */
  public long size() {
    return size;
  }

  /** The message written so far. */
  public byte[] toByteArray() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(Math.toIntExact(size));
    try {
      writeTo(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
    }
    return bytes.toByteArray();
  }

  /** Streams the message to {@code stream}, the float arrays a chunk at a time. */
  public void writeTo(OutputStream stream) throws IOException {
    for (Object part : parts) {
      if (part instanceof byte[] b) {
        stream.write(b);
      } else if (part instanceof ProtoWriter nested) {
        nested.writeTo(stream);
      } else {
        writeFloats((float[]) part, stream);
      }
    }
    stream.write(out.toByteArray());
  }

  private static void writeFloats(float[] values, OutputStream stream) throws IOException {
    ByteBuffer chunk =
        ByteBuffer.allocate(4 * Math.min(values.length, FLOATS_PER_CHUNK))
            .order(ByteOrder.LITTLE_ENDIAN);
    for (int from = 0; from < values.length; from += FLOATS_PER_CHUNK) {
      int n = Math.min(FLOATS_PER_CHUNK, values.length - from);
      chunk.clear();
      chunk.asFloatBuffer().put(values, from, n);
      stream.write(chunk.array(), 0, 4 * n);
    }
  }

  /** Ends the bytes written so far as one part and appends {@code part} after them. */
  private void append(Object part, long bytes) {
    parts.add(out.toByteArray());
    parts.add(part);
    out = new ByteArrayOutputStream();
    size += bytes;
  }

  private void key(int field, int wireType) {
    rawVarint(((long) field << 3) | wireType);
  }

  /** Seven bits at a time, least significant first, the high bit set on all but the last byte. */
  private void rawVarint(long value) {
    long v = value;
    while ((v & ~0x7FL) != 0) {
      write((int) ((v & 0x7F) | 0x80));
      v >>>= 7;
    }
    write((int) v);
  }

  /** The low {@code bytes} bytes of {@code bits}, least significant first. */
  private void rawLittleEndian(long bits, int bytes) {
    for (int i = 0; i < bytes; i++) {
      write((int) (bits >>> (8 * i)) & 0xFF);
    }
  }

  private void write(int b) {
    out.write(b);
    size++;
  }
}

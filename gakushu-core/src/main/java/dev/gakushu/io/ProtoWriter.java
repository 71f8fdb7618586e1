package dev.gakushu.io;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Writes one protocol-buffers message in the wire format, field by field: each field is a key
 * (field number × 8 + wire type, as a varint) followed by its value — a varint (wire type 0), four
 * little-endian bytes (wire type 5), eight (wire type 1), or a varint length and that many bytes
 * (wire type 2: strings, bytes, nested messages, packed numbers). Repeated fields are written as
 * repeated keys. The one writer of ONNX models and TensorBoard event files: only what their
 * messages need is here.
 */
public final class ProtoWriter {
  private static final int VARINT = 0;
  private static final int FIXED64 = 1;
  private static final int LENGTH_DELIMITED = 2;
  private static final int FIXED32 = 5;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

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
    return this;
  }

  /** A nested message field. */
  public ProtoWriter message(int field, ProtoWriter message) {
    return bytes(field, message.toByteArray());
  }

  /** Float values as little-endian bytes, the layout of ONNX's {@code raw_data}. */
  public static byte[] littleEndian(float[] values) {
    ByteBuffer buffer = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    buffer.asFloatBuffer().put(values);
    return buffer.array();
  }

  /** The message written so far. */
  public byte[] toByteArray() {
    return out.toByteArray();
  }

  private void key(int field, int wireType) {
    rawVarint(((long) field << 3) | wireType);
  }

  /** Seven bits at a time, least significant first, the high bit set on all but the last byte. */
  private void rawVarint(long value) {
    long v = value;
    while ((v & ~0x7FL) != 0) {
      out.write((int) ((v & 0x7F) | 0x80));
      v >>>= 7;
    }
    out.write((int) v);
  }

  /** The low {@code bytes} bytes of {@code bits}, least significant first. */
  private void rawLittleEndian(long bits, int bytes) {
    for (int i = 0; i < bytes; i++) {
      out.write((int) (bits >>> (8 * i)) & 0xFF);
    }
  }
}

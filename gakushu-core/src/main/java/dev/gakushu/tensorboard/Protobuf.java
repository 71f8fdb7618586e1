package dev.gakushu.tensorboard;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes one protocol-buffer message by hand: each field is a key varint (field number · 8 + wire
 * type) and a value — a varint (type 0), eight little-endian bytes (type 1, double), a length and
 * bytes (type 2: strings, sub-messages, packed repeated doubles) or four little-endian bytes (type
 * 5, float).
 */
final class Protobuf {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  Protobuf varint(int field, long value) {
    key(field, 0);
    rawVarint(value);
    return this;
  }

  Protobuf doubleField(int field, double value) {
    key(field, 1);
    rawLittleEndian(Double.doubleToLongBits(value), 8);
    return this;
  }

  Protobuf floatField(int field, float value) {
    key(field, 5);
    rawLittleEndian(Float.floatToIntBits(value), 4);
    return this;
  }

  Protobuf bytes(int field, byte[] value) {
    key(field, 2);
    rawVarint(value.length);
    out.writeBytes(value);
    return this;
  }

  Protobuf string(int field, String value) {
    return bytes(field, value.getBytes(StandardCharsets.UTF_8));
  }

  Protobuf message(int field, Protobuf message) {
    return bytes(field, message.toByteArray());
  }

  /** A packed repeated double: one length-delimited field holding 8 bytes per value. */
  Protobuf packedDoubles(int field, double[] values) {
    key(field, 2);
    rawVarint(8L * values.length);
    for (double v : values) {
      rawLittleEndian(Double.doubleToLongBits(v), 8);
    }
    return this;
  }

  byte[] toByteArray() {
    return out.toByteArray();
  }

  private void key(int field, int wireType) {
    rawVarint(((long) field << 3) | wireType);
  }

  /** Seven bits per byte, least significant first, the high bit set on all but the last. */
  private void rawVarint(long value) {
    while ((value & ~0x7FL) != 0) {
      out.write((int) ((value & 0x7F) | 0x80));
      value >>>= 7;
    }
    out.write((int) value);
  }

  private void rawLittleEndian(long bits, int bytes) {
    for (int i = 0; i < bytes; i++) {
      out.write((int) (bits >>> (8 * i)) & 0xFF);
    }
  }
}

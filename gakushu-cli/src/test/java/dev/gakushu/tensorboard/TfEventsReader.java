package dev.gakushu.tensorboard;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads TensorBoard event files from the specifications alone (TFRecord framing, protobuf wire
 * format, event.proto and summary.proto), sharing no code with the writer: its own bitwise CRC32C
 * (Castagnoli, reflected polynomial 0x82F63B78) and its own protobuf decoder.
 */
final class TfEventsReader {
  record Histogram(
      double min,
      double max,
      double num,
      double sum,
      double sumSquares,
      List<Double> limits,
      List<Double> buckets) {}

  record Value(String tag, Float simple, Histogram histogram) {}

  record Event(double wallTime, long step, String fileVersion, List<Value> values) {}

  private TfEventsReader() {}

  static List<Event> read(Path file) throws IOException {
    ByteBuffer in = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
    List<Event> events = new ArrayList<>();
    while (in.hasRemaining()) {
      byte[] header = new byte[8];
      in.get(header);
      int headerCrc = in.getInt();
      if (headerCrc != masked(crc32c(header))) {
        throw new IOException("bad length checksum at record " + events.size());
      }
      long length = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN).getLong();
      byte[] data = new byte[Math.toIntExact(length)];
      in.get(data);
      if (in.getInt() != masked(crc32c(data))) {
        throw new IOException("bad data checksum at record " + events.size());
      }
      events.add(event(data));
    }
    return events;
  }

  static int crc32c(byte[] bytes) {
    int crc = 0xFFFFFFFF;
    for (byte b : bytes) {
      crc ^= b & 0xFF;
      for (int k = 0; k < 8; k++) {
        crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0x82F63B78 : crc >>> 1;
      }
    }
    return ~crc;
  }

  private static int masked(int crc) {
    return Integer.rotateRight(crc, 15) + 0xa282ead8;
  }

  private record Field(int number, long varint, byte[] bytes) {
    double asDouble() {
      return Double.longBitsToDouble(varint);
    }

    String asString() {
      return new String(bytes, StandardCharsets.UTF_8);
    }
  }

  /** Every field of a message in order; fixed64 and fixed32 values are kept as raw bits. */
  private static List<Field> fields(byte[] message) {
    List<Field> fields = new ArrayList<>();
    ByteBuffer in = ByteBuffer.wrap(message).order(ByteOrder.LITTLE_ENDIAN);
    while (in.hasRemaining()) {
      long key = varint(in);
      int number = (int) (key >>> 3);
      switch ((int) (key & 7)) {
        case 0 -> fields.add(new Field(number, varint(in), null));
        case 1 -> fields.add(new Field(number, in.getLong(), null));
        case 2 -> {
          byte[] b = new byte[Math.toIntExact(varint(in))];
          in.get(b);
          fields.add(new Field(number, 0, b));
        }
        case 5 -> fields.add(new Field(number, in.getInt() & 0xFFFFFFFFL, null));
        default -> throw new IllegalArgumentException("wire type " + (key & 7));
      }
    }
    return fields;
  }

  private static long varint(ByteBuffer in) {
    long value = 0;
    for (int shift = 0; ; shift += 7) {
      byte b = in.get();
      value |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        return value;
      }
    }
  }

  private static Event event(byte[] data) {
    double wall = 0;
    long step = 0;
    String version = null;
    List<Value> values = new ArrayList<>();
    for (Field f : fields(data)) {
      switch (f.number()) {
        case 1 -> wall = f.asDouble();
        case 2 -> step = f.varint();
        case 3 -> version = f.asString();
        case 5 -> {
          for (Field v : fields(f.bytes())) {
            values.add(value(v.bytes()));
          }
        }
        default -> throw new IllegalArgumentException("unexpected event field " + f.number());
      }
    }
    return new Event(wall, step, version, values);
  }

  private static Value value(byte[] data) {
    String tag = null;
    Float simple = null;
    Histogram histogram = null;
    for (Field f : fields(data)) {
      switch (f.number()) {
        case 1 -> tag = f.asString();
        case 2 -> simple = Float.intBitsToFloat((int) f.varint());
        case 5 -> histogram = histogram(f.bytes());
        default -> throw new IllegalArgumentException("unexpected value field " + f.number());
      }
    }
    return new Value(tag, simple, histogram);
  }

  private static Histogram histogram(byte[] data) {
    double[] scalars = new double[6];
    List<Double> limits = new ArrayList<>();
    List<Double> buckets = new ArrayList<>();
    for (Field f : fields(data)) {
      if (f.number() >= 1 && f.number() <= 5) {
        scalars[f.number()] = f.asDouble();
      } else {
        if (f.number() != 6 && f.number() != 7) {
          throw new IllegalArgumentException("unexpected histogram field " + f.number());
        }
        ByteBuffer packed = ByteBuffer.wrap(f.bytes()).order(ByteOrder.LITTLE_ENDIAN);
        List<Double> target = f.number() == 6 ? limits : buckets;
        while (packed.hasRemaining()) {
          target.add(packed.getDouble());
        }
      }
    }
    return new Histogram(
        scalars[1], scalars[2], scalars[3], scalars[4], scalars[5], limits, buckets);
  }
}

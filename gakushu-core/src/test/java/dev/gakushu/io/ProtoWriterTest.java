package dev.gakushu.io;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The wire format against the examples of the protocol-buffers encoding guide. */
class ProtoWriterTest {
  private static byte[] bytes(int... values) {
    byte[] b = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      b[i] = (byte) values[i];
    }
    return b;
  }

  @Test
  void varintFieldIsKeyThenSevenBitGroups() {
    // "message Test1 { optional int32 a = 1; }" with a = 150 is 08 96 01
    assertThat(new ProtoWriter().varint(1, 150).toByteArray())
        .containsExactly(bytes(0x08, 0x96, 0x01));
    assertThat(new ProtoWriter().varint(1, 1L << 40).toByteArray())
        .containsExactly(bytes(0x08, 0x80, 0x80, 0x80, 0x80, 0x80, 0x20));
  }

  @Test
  void stringAndNestedMessageAreLengthDelimited() {
    // "message Test2 { optional string b = 2; }" with b = "testing" is 12 07 74 65 73 74 69 6e 67
    ProtoWriter test2 = new ProtoWriter().string(2, "testing");
    assertThat(test2.toByteArray())
        .containsExactly(bytes(0x12, 0x07, 0x74, 0x65, 0x73, 0x74, 0x69, 0x6e, 0x67));
    // "message Test3 { optional Test1 c = 3; }" with c.a = 150 is 1a 03 08 96 01
    assertThat(new ProtoWriter().message(3, new ProtoWriter().varint(1, 150)).toByteArray())
        .containsExactly(bytes(0x1a, 0x03, 0x08, 0x96, 0x01));
  }

  @Test
  void floatIsFourLittleEndianBytes() {
    assertThat(new ProtoWriter().float32(2, 1f).toByteArray())
        .containsExactly(bytes(0x15, 0x00, 0x00, 0x80, 0x3f));
    assertThat(new ProtoWriter().floats(9, new float[] {-2f}).toByteArray())
        .containsExactly(bytes(0x4a, 0x04, 0x00, 0x00, 0x00, 0xc0));
  }

  /**
   * A float array longer than the streaming chunk, nested, and written to a stream: the same bytes
   * as the message's own array, and the length announced before them.
   */
  @Test
  void aStreamedMessageIsTheSameBytesAndKnowsItsLength() throws java.io.IOException {
    float[] values = new float[5000];
    for (int i = 0; i < values.length; i++) {
      values[i] = i * 0.5f - 7;
    }
    ProtoWriter inner = new ProtoWriter().varint(1, 3).floats(9, values).string(8, "w");
    ProtoWriter outer = new ProtoWriter().message(5, inner).varint(2, 1);
    java.io.ByteArrayOutputStream streamed = new java.io.ByteArrayOutputStream();
    outer.writeTo(streamed);
    byte[] bytes = streamed.toByteArray();
    assertThat(bytes).hasSize((int) outer.size()).isEqualTo(outer.toByteArray());
    assertThat(inner.size()).isEqualTo(2 + 1 + 3 + 4 * 5000 + 3);
    // 0x2a: field 5, length-delimited; then the varint 20009 = 0xa9 0x9c 0x01
    assertThat(java.util.Arrays.copyOf(bytes, 4)).containsExactly(bytes(0x2a, 0xa9, 0x9c, 0x01));
    java.nio.ByteBuffer raw =
        java.nio.ByteBuffer.wrap(bytes, 4 + 2 + 1 + 3, 4 * 5000)
            .order(java.nio.ByteOrder.LITTLE_ENDIAN);
    for (float v : values) {
      assertThat(raw.getFloat()).isEqualTo(v);
    }
  }

  /** TensorBoard's fields: a double (wire type 1) and packed doubles (wire type 2). */
  @Test
  void doublesAreEightLittleEndianBytes() {
    assertThat(new ProtoWriter().double64(1, 1.0).toByteArray())
        .containsExactly(bytes(0x09, 0, 0, 0, 0, 0, 0, 0xF0, 0x3F));
    assertThat(new ProtoWriter().packedDoubles(6, new double[] {1.0, -2.0}).toByteArray())
        .containsExactly(bytes(0x32, 16, 0, 0, 0, 0, 0, 0, 0xF0, 0x3F, 0, 0, 0, 0, 0, 0, 0, 0xC0));
  }
}

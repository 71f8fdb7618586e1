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
    assertThat(ProtoWriter.littleEndian(new float[] {-2f}))
        .containsExactly(bytes(0x00, 0x00, 0x00, 0xc0));
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

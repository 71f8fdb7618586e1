package dev.gakushu.tensorboard;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32C;

/**
 * TFRecord framing: each record is its length as a little-endian uint64, the masked CRC32C of those
 * 8 bytes, the data, and the masked CRC32C of the data (uint32, little-endian). The mask is {@code
 * ((crc >>> 15) | (crc << 17)) + 0xa282ead8}.
 */
final class TfRecordWriter implements Closeable {
  private static final int MASK_DELTA = 0xa282ead8;
  private final OutputStream out;

  TfRecordWriter(OutputStream out) {
    this.out = out;
  }

  void write(byte[] data) throws IOException {
    ByteBuffer header = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
    header.putLong(data.length);
    header.putInt(maskedCrc(header.array(), 0, 8));
    ByteBuffer footer = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
    footer.putInt(maskedCrc(data, 0, data.length));
    out.write(header.array());
    out.write(data);
    out.write(footer.array());
  }

  void flush() throws IOException {
    out.flush();
  }

  static int maskedCrc(byte[] bytes, int offset, int length) {
    CRC32C crc = new CRC32C();
    crc.update(bytes, offset, length);
    int c = (int) crc.getValue();
    return ((c >>> 15) | (c << 17)) + MASK_DELTA;
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}

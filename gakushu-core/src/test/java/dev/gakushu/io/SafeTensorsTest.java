package dev.gakushu.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gakushu.BadInputException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeTensorsTest {
  @TempDir Path tmp;

  private Path valid() throws IOException {
    Map<String, SafeTensors.Tensor> tensors = new LinkedHashMap<>();
    tensors.put("dense1.W", new SafeTensors.Tensor(2, 3, new float[] {1, 2, 3, 4, 5, 6}));
    tensors.put("dense1.b", new SafeTensors.Tensor(1, 3, new float[] {-1, 0, 1}));
    Path file = tmp.resolve("valid.safetensors");
    SafeTensors.write(file, tensors, Map.of("format", "test"));
    return file;
  }

  /** A file with the given header JSON and data bytes. */
  private Path withHeader(String json, int dataBytes) throws IOException {
    byte[] header = json.getBytes(StandardCharsets.UTF_8);
    ByteBuffer b =
        ByteBuffer.allocate(8 + header.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
    b.putLong(header.length).put(header);
    return Files.write(tmp.resolve("crafted.safetensors"), b.array());
  }

  @Test
  void roundTripsTensorsAndMetadataInTheStandardLayout() throws IOException {
    Path file = valid();
    byte[] bytes = Files.readAllBytes(file);
    long n = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    assertThat(n % 8).isZero();
    String header = new String(bytes, 8, (int) n, StandardCharsets.UTF_8);
    assertThat(header)
        .contains("\"dense1.W\":{\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[0,24]}");
    assertThat(ByteBuffer.wrap(bytes, 8 + (int) n, 4).order(ByteOrder.LITTLE_ENDIAN).getFloat())
        .isEqualTo(1f);
    SafeTensors.Contents read = SafeTensors.read(file);
    assertThat(read.tensors().keySet()).containsExactly("dense1.W", "dense1.b");
    assertThat(read.tensors().get("dense1.b").values()).containsExactly(-1, 0, 1);
    assertThat(read.metadata()).containsEntry("format", "test");
  }

  @Test
  void everyDamageIsNamed() throws IOException {
    Path valid = valid();
    byte[] bytes = Files.readAllBytes(valid);
    Path truncated = Files.write(tmp.resolve("truncated"), Arrays.copyOf(bytes, bytes.length - 3));
    assertThatThrownBy(() -> SafeTensors.read(truncated))
        .isInstanceOf(ModelFormatException.class)
        .hasMessage(
            truncated
                + ": tensor 'dense1.b' has data_offsets [24,36] outside the 33 bytes of data");
    Path tiny = Files.write(tmp.resolve("tiny"), new byte[5]);
    assertThatThrownBy(() -> SafeTensors.read(tiny)).hasMessageContaining("too short");
    byte[] huge = bytes.clone();
    ByteBuffer.wrap(huge).order(ByteOrder.LITTLE_ENDIAN).putLong(0, 1L << 40);
    Path bigHeader = Files.write(tmp.resolve("big"), huge);
    assertThatThrownBy(() -> SafeTensors.read(bigHeader))
        .hasMessageContaining("header length 1099511627776 does not fit");

    assertThatThrownBy(() -> SafeTensors.read(withHeader("[1, 2]", 0)))
        .hasMessageContaining("is not a JSON object");
    assertThatThrownBy(() -> SafeTensors.read(withHeader("{not json", 0)))
        .hasMessageContaining("not valid JSON");
    assertThatThrownBy(
            () ->
                SafeTensors.read(
                    withHeader(
                        "{\"w\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[0,8]}}", 8)))
        .hasMessageContaining("tensor 'w' has dtype 'F64'; expected F32");
    assertThatThrownBy(
            () ->
                SafeTensors.read(
                    withHeader(
                        "{\"w\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", 8)))
        .hasMessageContaining("tensor 'w' of shape [3] needs 12 bytes but its range holds 8");
    assertThatThrownBy(
            () ->
                SafeTensors.read(
                    withHeader(
                        "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                            + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}",
                        12)))
        .hasMessageContaining("overlaps");
    assertThatThrownBy(
            () ->
                SafeTensors.read(
                    withHeader(
                        "{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", 8)))
        .hasMessageContaining("bytes 0..4 of the data belong to no tensor");
    assertThatThrownBy(
            () ->
                SafeTensors.read(
                    withHeader(
                        "{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,400]}}", 4)))
        .hasMessageContaining("outside the 4 bytes of data");
    assertThatThrownBy(() -> SafeTensors.read(tmp.resolve("absent")))
        .hasMessageContaining("no such file");
  }

  @Test
  void nanWeightsAreRefused() throws IOException {
    Path file = tmp.resolve("nan.safetensors");
    SafeTensors.write(
        file, Map.of("w", new SafeTensors.Tensor(1, 2, new float[] {1, Float.NaN})), Map.of());
    assertThatThrownBy(() -> SafeTensors.read(file))
        .hasMessageContaining("tensor 'w' holds NaN at index 1");
  }

  /** Mutated valid files: the loader either reads them or throws its own error, nothing else. */
  @Property(tries = 400)
  void mutatedFilesFailOnlyWithTheLoadersError(
      @ForAll long seed, @ForAll @IntRange(min = 1, max = 6) int mutations) throws IOException {
    byte[] bytes = Files.readAllBytes(ModelFileTest.goldenModel());
    SplittableRandom r = new SplittableRandom(seed);
    for (int m = 0; m < mutations; m++) {
      switch (r.nextInt(4)) {
        case 0 -> bytes[r.nextInt(bytes.length)] = (byte) r.nextInt(256);
        case 1 -> bytes = Arrays.copyOf(bytes, r.nextInt(bytes.length));
        case 2 -> bytes[r.nextInt(Math.min(bytes.length, 8))] ^= (byte) (1 << r.nextInt(8));
        default -> {
          int at = 8 + r.nextInt(Math.max(1, Math.min(bytes.length - 8, 4000)));
          if (at < bytes.length) {
            bytes[at] = (byte) "{}[]\",:0123456789eE-".charAt(r.nextInt(20));
          }
        }
      }
      if (bytes.length == 0) {
        break;
      }
    }
    Path file =
        Files.write(
            Files.createTempFile("mutated-", ".safetensors"), bytes); // jqwik has no @TempDir
    try {
      ModelFile.read(file, 1);
    } catch (BadInputException expected) {
      assertThat(expected.getMessage()).startsWith(file.toString());
    } finally {
      Files.delete(file);
    }
  }

  /** The header is padded with spaces to a multiple of 8 bytes, and by fewer than 8. */
  @Test
  void theHeaderIsPaddedToTheNextMultipleOfEight() throws IOException {
    byte[] bytes = Files.readAllBytes(valid());
    long n = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong();
    String header = new String(bytes, 8, (int) n, StandardCharsets.UTF_8);
    int json = header.stripTrailing().length();
    assertThat(n % 8).isZero();
    assertThat(n - json).isBetween(0L, 7L);
    assertThat(bytes).hasSize((int) (8 + n + 4 * (6 + 3)));
  }

  @Test
  void theSmallestFilesAreReadOrRefusedExactly() throws IOException {
    Path eight = Files.write(tmp.resolve("eight"), new byte[8]);
    assertThatThrownBy(() -> SafeTensors.read(eight))
        .hasMessage(eight + ": header length 0 does not fit: expected 2..0 for a file of 8 bytes");
    SafeTensors.Contents empty = SafeTensors.read(withHeader("{}", 0));
    assertThat(empty.tensors()).isEmpty();
    assertThat(empty.metadata()).isEmpty();
    byte[] longer = Files.readAllBytes(withHeader("{}", 0));
    ByteBuffer.wrap(longer).order(ByteOrder.LITTLE_ENDIAN).putLong(0, 3);
    Path overlong = Files.write(tmp.resolve("overlong"), longer);
    assertThatThrownBy(() -> SafeTensors.read(overlong))
        .hasMessage(
            overlong + ": header length 3 does not fit: expected 2..2 for a file of 10 bytes");
  }

  /**
   * Tensors may be listed in any order in the header; they come back in that order, whatever their
   * place in the data. An empty tensor has an empty range.
   */
  @Test
  void tensorsListedOutOfDataOrderAndEmptyTensorsAreRead() throws IOException {
    Path file =
        withHeader(
            "{\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]},"
                + "\"e\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[12,12]},"
                + "\"a\":{\"dtype\":\"F32\",\"shape\":[1,1],\"data_offsets\":[0,4]}}",
            12);
    SafeTensors.Contents c = SafeTensors.read(file);
    assertThat(c.tensors().keySet()).containsExactly("b", "e", "a");
    assertThat(c.tensors().get("e").values()).isEmpty();
    assertThat(c.tensors().get("b").values()).hasSize(2);
    assertThat(c.tensors().get("a").rows()).isEqualTo(1);
    Path shifted =
        withHeader(
            "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,12]}}",
            12);
    assertThatThrownBy(() -> SafeTensors.read(shifted))
        .hasMessage(shifted + ": tensor 'b' of shape [1] needs 4 bytes but its range holds 8");
  }

  @Test
  void shapesOutsideTheLimitsAreRefused() throws IOException {
    assertThatThrownBy(
            () ->
                SafeTensors.read(
                    withHeader(
                        "{\"w\":{\"dtype\":\"F32\",\"shape\":[],\"data_offsets\":[0,0]}}", 0)))
        .hasMessageContaining("needs a shape of 1 or 2 dimensions");
    assertThatThrownBy(
            () ->
                SafeTensors.read(
                    withHeader(
                        "{\"w\":{\"dtype\":\"F32\",\"shape\":[1,1,1],\"data_offsets\":[0,4]}}", 4)))
        .hasMessageContaining("needs a shape of 1 or 2 dimensions");
    assertThatThrownBy(
            () ->
                SafeTensors.read(
                    withHeader(
                        "{\"w\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,4]}}", 4)))
        .hasMessageContaining("expected non-negative whole numbers");
    int most = Integer.MAX_VALUE / 4;
    for (long dim : new long[] {Integer.MAX_VALUE, most + 1L}) {
      assertThatThrownBy(
              () ->
                  SafeTensors.read(
                      withHeader(
                          "{\"w\":{\"dtype\":\"F32\",\"shape\":["
                              + dim
                              + "],\"data_offsets\":[0,4]}}",
                          4)))
          .hasMessageContaining("with shape [" + dim + "] is too large");
    }
    assertThatThrownBy(
            () ->
                SafeTensors.read(
                    withHeader(
                        "{\"w\":{\"dtype\":\"F32\",\"shape\":["
                            + most
                            + "],\"data_offsets\":[0,4]}}",
                        4)))
        .hasMessageContaining("needs " + 4L * most + " bytes but its range holds 4");
  }

  /** In memory the bytes are those of the file {@link SafeTensors#write} writes. */
  @Test
  void bytesInMemoryAreTheFilesBytesAndReadBackTheSame() throws IOException {
    Path file = valid();
    SafeTensors.Contents written = SafeTensors.read(file);
    byte[] bytes = SafeTensors.toBytes(written.tensors(), written.metadata());
    assertThat(bytes).isEqualTo(Files.readAllBytes(file));
    SafeTensors.Contents read = SafeTensors.fromBytes("the search's data", bytes);
    assertThat(read.tensors().keySet()).containsExactly("dense1.W", "dense1.b");
    assertThat(read.tensors().get("dense1.W").values()).containsExactly(1, 2, 3, 4, 5, 6);
    assertThat(read.tensors().get("dense1.W").rows()).isEqualTo(2);
    assertThat(read.tensors().get("dense1.b").values()).containsExactly(-1, 0, 1);
    assertThat(read.metadata()).containsExactly(Map.entry("format", "test"));
    assertThatThrownBy(() -> SafeTensors.fromBytes("the search's data", Arrays.copyOf(bytes, 40)))
        .isInstanceOf(ModelFormatException.class)
        .hasMessageStartingWith("the search's data: ");
  }

  /** A header of exactly the limit is read; one byte more is refused. */
  @Test
  void aHeaderOfExactlyTheLimitIsRead() {
    byte[] bytes = new byte[8 + (int) SafeTensors.MAX_HEADER];
    Arrays.fill(bytes, (byte) ' ');
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    b.putLong(SafeTensors.MAX_HEADER).put((byte) '{').put((byte) '}');
    assertThat(SafeTensors.fromBytes("limit", bytes).tensors()).isEmpty();
    byte[] over = Arrays.copyOf(bytes, bytes.length + 1);
    over[over.length - 1] = ' ';
    ByteBuffer.wrap(over).order(ByteOrder.LITTLE_ENDIAN).putLong(0, SafeTensors.MAX_HEADER + 1);
    assertThatThrownBy(() -> SafeTensors.fromBytes("over", over))
        .hasMessage(
            "over: header length "
                + (SafeTensors.MAX_HEADER + 1)
                + " does not fit: expected 2.."
                + SafeTensors.MAX_HEADER
                + " for a file of "
                + over.length
                + " bytes");
  }

  /** The in-memory channel reads, seeks (clamped to its end) and closes. */
  @Test
  void theBytesChannelReadsSeeksAndCloses() throws IOException {
    SafeTensors.BytesChannel channel = new SafeTensors.BytesChannel(new byte[] {1, 2, 3, 4, 5});
    assertThat(channel.size()).isEqualTo(5);
    assertThat(channel.isOpen()).isTrue();
    ByteBuffer three = ByteBuffer.allocate(3);
    assertThat(channel.read(three)).isEqualTo(3);
    assertThat(three.array()).containsExactly(1, 2, 3);
    assertThat(channel.position()).isEqualTo(3);
    ByteBuffer more = ByteBuffer.allocate(4);
    assertThat(channel.read(more)).as("what is left").isEqualTo(2);
    assertThat(more.flip()).isEqualTo(ByteBuffer.wrap(new byte[] {4, 5}));
    assertThat(channel.position()).isEqualTo(5);
    assertThat(channel.read(ByteBuffer.allocate(1))).as("at the end").isEqualTo(-1);
    assertThat(channel.position(1)).isSameAs(channel);
    ByteBuffer one = ByteBuffer.allocate(1);
    assertThat(channel.read(one)).isEqualTo(1);
    assertThat(one.get(0)).isEqualTo((byte) 2);
    assertThat(channel.position(9).position()).as("beyond the end").isEqualTo(5);
    assertThat(channel.read(ByteBuffer.allocate(1))).isEqualTo(-1);
    assertThatThrownBy(() -> channel.write(ByteBuffer.allocate(1)))
        .isInstanceOf(java.nio.channels.NonWritableChannelException.class);
    assertThatThrownBy(() -> channel.truncate(0))
        .isInstanceOf(java.nio.channels.NonWritableChannelException.class);
    channel.close();
    assertThat(channel.isOpen()).isFalse();
  }

  /** The data budget, checked on a channel that reports a size without holding the bytes. */
  @Test
  void dataBeyondTheBudgetIsRefusedBeforeAnythingIsRead() throws IOException {
    byte[] header = "{}".getBytes(StandardCharsets.UTF_8);
    Path name = tmp.resolve("budget");
    assertThatThrownBy(() -> SafeTensors.read(name, channel(header, SafeTensors.MAX_DATA + 1)))
        .hasMessage(
            name
                + ": holds "
                + (SafeTensors.MAX_DATA + 1)
                + " bytes of tensors; expected at most "
                + SafeTensors.MAX_DATA
                + " (the reader's budget)");
    assertThatThrownBy(() -> SafeTensors.read(name, channel(header, SafeTensors.MAX_DATA)))
        .hasMessage(
            name + ": the tensors cover 0 bytes but the data holds " + SafeTensors.MAX_DATA);
  }

  /** A read-only channel over a header whose reported size adds {@code dataBytes}. */
  private static java.nio.channels.SeekableByteChannel channel(byte[] header, long dataBytes) {
    ByteBuffer bytes = ByteBuffer.allocate(8 + header.length).order(ByteOrder.LITTLE_ENDIAN);
    bytes.putLong(header.length).put(header).flip();
    return new java.nio.channels.SeekableByteChannel() {
      private long position;

      @Override
      public int read(ByteBuffer dst) {
        if (position >= bytes.limit()) {
          return -1;
        }
        int n = Math.min(dst.remaining(), bytes.limit() - (int) position);
        dst.put(bytes.duplicate().position((int) position).limit((int) position + n));
        position += n;
        return n;
      }

      @Override
      public int write(ByteBuffer src) {
        throw new UnsupportedOperationException();
      }

      @Override
      public long position() {
        return position;
      }

      @Override
      public java.nio.channels.SeekableByteChannel position(long p) {
        position = p;
        return this;
      }

      @Override
      public long size() {
        return bytes.limit() + dataBytes;
      }

      @Override
      public java.nio.channels.SeekableByteChannel truncate(long size) {
        throw new UnsupportedOperationException();
      }

      @Override
      public boolean isOpen() {
        return true;
      }

      @Override
      public void close() {}
    };
  }
}

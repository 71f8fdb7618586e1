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
}

package dev.gakushu.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tuner's cache file: its key, its lines, and what it refuses. */
class GemmTuningCacheTest {
  @TempDir Path dir;

  private static final String CPU_INFO =
      """
      processor\t: 0
      vendor_id\t: AuthenticAMD
      model name\t: AMD EPYC 7B13
      flags\t\t: fpu avx2 fma

      processor\t: 1
      model name\t: other
      flags\t\t: sse
      """;

  private static final GemmChoice T4X24 =
      new GemmChoice(new GemmTile(4, 3), new GemmBlocking(336, 192, 4080));

  @Test
  void theKeyNamesTheCpuModelADigestOfItsFlagsTheJvmTheVectorSizeAndTheKernels() {
    assertThat(GemmTuningCache.key(CPU_INFO, "Eclipse Adoptium", "25.0.1+8-LTS", 256))
        .isEqualTo(
            "cpu=AMD EPYC 7B13; flags="
                + GemmTuningCache.digest("fpu avx2 fma")
                + "; java=Eclipse Adoptium 25.0.1+8-LTS; bits=256; kernels=2");
    // SHA-256("abc") begins ba7816bf8f01
    assertThat(GemmTuningCache.digest("abc")).isEqualTo("ba7816bf8f01");
    assertThat(GemmTuningCache.key("", "V\tendor", "17\n", 512))
        .isEqualTo("cpu=unknown; flags=unknown; java=V endor 17 ; bits=512; kernels=2");
  }

  @Test
  void theProbesKeyNamesTheMachineTheJvmADigestOfItsOptionsAndTheKernels() {
    String key =
        GemmTuningCache.probeKey(
            CPU_INFO, "Eclipse Adoptium", "25.0.1+8-LTS", List.of("--add-modules=x", "-Xmx1g"));
    assertThat(key)
        .isEqualTo(
            "probe; cpu=AMD EPYC 7B13; flags="
                + GemmTuningCache.digest("fpu avx2 fma")
                + "; java=Eclipse Adoptium 25.0.1+8-LTS; options="
                + GemmTuningCache.digest("--add-modules=x\n-Xmx1g")
                + "; kernels=2");
    // one more option (e.g. -XX:UseAVX=2) is another JVM as far as the probe goes
    assertThat(
            GemmTuningCache.probeKey(
                CPU_INFO,
                "Eclipse Adoptium",
                "25.0.1+8-LTS",
                List.of("--add-modules=x", "-Xmx1g", "-XX:UseAVX=2")))
        .isNotEqualTo(key);
    assertThat(GemmTuningCache.probeKey("", "V", "17", List.of()))
        .isEqualTo("probe; cpu=unknown; flags=unknown; java=V 17; options=e3b0c44298fc; kernels=2");
  }

  @Test
  void aProbesVerdictIsReadBackBesideTheChoices() throws Exception {
    GemmTuningCache cache = new GemmTuningCache(dir.resolve("gemm-tuning.txt"));
    assertThat(cache.lookupProbe("p")).isNull(); // no file yet
    cache.write("k", T4X24, 256);
    cache.writeProbe("p", 2294.46);
    cache.writeProbe("q", 0);
    assertThat(Files.readAllLines(cache.file()))
        .containsExactly(
            GemmTuningCache.HEADER,
            "k\t4x24 kc=336 mc=192 nc=4080",
            "p\tallocated=2294.5 B per call",
            "q\tallocated=0.0 B per call");
    assertThat(cache.lookupProbe("p")).isEqualTo(2294.5);
    assertThat(cache.lookupProbe("q")).isZero();
    assertThat(cache.lookupProbe("other")).isNull();
    assertThat(cache.lookup("k", 256)).isEqualTo(T4X24);
    // a choice is not a verdict, nor the other way round
    assertThatThrownBy(() -> cache.lookupProbe("k"))
        .isInstanceOf(GemmTuningCache.Corrupt.class)
        .hasMessage(
            "its line for this JVM's probe, \"4x24 kc=336 mc=192 nc=4080\", is not a verdict");
    assertThatThrownBy(() -> cache.lookup("p", 256)).isInstanceOf(GemmTuningCache.Corrupt.class);
    Files.writeString(cache.file(), GemmTuningCache.HEADER + "\np\tallocated=-1 B per call\n");
    assertThatThrownBy(() -> cache.lookupProbe("p")).isInstanceOf(GemmTuningCache.Corrupt.class);
  }

  @Test
  void theFileLiesInTheUsersCacheFolder() {
    Path home = Path.of("/home/u");
    assertThat(GemmTuningCache.inCacheFolder(Map.of(), home).file())
        .isEqualTo(Path.of("/home/u/.cache/gakushu/gemm-tuning.txt"));
    assertThat(GemmTuningCache.inCacheFolder(Map.of("XDG_CACHE_HOME", "/x"), home).file())
        .isEqualTo(Path.of("/x/gakushu/gemm-tuning.txt"));
    assertThat(GemmTuningCache.inCacheFolder(Map.of("XDG_CACHE_HOME", " "), home).file())
        .isEqualTo(Path.of("/home/u/.cache/gakushu/gemm-tuning.txt"));
  }

  @Test
  void aChoiceWrittenIsReadBackUnderItsKeyOnly() throws Exception {
    GemmTuningCache cache = new GemmTuningCache(dir.resolve("sub/gemm-tuning.txt"));
    assertThat(cache.lookup("k", 256)).isNull(); // no file yet
    cache.write("k", T4X24, 256);
    assertThat(Files.readAllLines(cache.file()))
        .containsExactly(GemmTuningCache.HEADER, "k\t4x24 kc=336 mc=192 nc=4080");
    assertThat(cache.lookup("k", 256)).isEqualTo(T4X24);
    assertThat(cache.lookup("other", 256)).isNull();
    // another key is added beside it, and a key written again is replaced in place
    GemmChoice rule = new GemmChoice(new GemmTile(6, 2), new GemmBlocking(512, 126, 4096));
    cache.write("other", rule, 256);
    cache.write("k", rule, 256);
    assertThat(Files.readAllLines(cache.file()))
        .containsExactly(
            GemmTuningCache.HEADER,
            "k\t6x16 kc=512 mc=126 nc=4096",
            "other\t6x16 kc=512 mc=126 nc=4096");
    assertThat(cache.lookup("k", 256)).isEqualTo(rule);
    // nothing left aside
    try (var files = Files.list(cache.file().getParent())) {
      assertThat(files).containsExactly(cache.file());
    }
  }

  @Test
  void theSameLineReadsAsTheSameTileAtAnotherVectorSize() throws Exception {
    GemmTuningCache cache = new GemmTuningCache(dir.resolve("gemm-tuning.txt"));
    write(cache, GemmTuningCache.HEADER, "k\t4x12 kc=64 mc=4 nc=12");
    assertThat(cache.lookup("k", 128))
        .isEqualTo(new GemmChoice(new GemmTile(4, 3), new GemmBlocking(64, 4, 12)));
  }

  private void write(GemmTuningCache cache, String... lines) throws IOException {
    Files.write(cache.file(), List.of(lines), StandardCharsets.UTF_8);
  }

  private void assertCorrupt(String message, String... lines) throws IOException {
    GemmTuningCache cache = new GemmTuningCache(dir.resolve("gemm-tuning.txt"));
    write(cache, lines);
    assertThatThrownBy(() -> cache.lookup("k", 256))
        .isInstanceOf(GemmTuningCache.Corrupt.class)
        .hasMessage(message);
  }

  @Test
  void aFileOfAnotherFormatOrALineNoKernelCanRunIsCorrupt() throws Exception {
    String header = GemmTuningCache.HEADER;
    assertCorrupt("its first line is not \"" + header + "\"", "{\"kc\": 256}");
    assertCorrupt("its first line is not \"" + header + "\"");
    assertCorrupt("a line has no tab between key and choice: \"k 6x16\"", header, "k 6x16");
    String line = "its line for this machine, ";
    assertCorrupt(line + "\"6x16 kc=512\", is not a choice", header, "k\t6x16 kc=512");
    assertCorrupt(
        line + "\"8x32 kc=512 mc=128 nc=4096\", is no kernel's at 256 bits",
        header,
        "k\t8x32 kc=512 mc=128 nc=4096");
    // MC not a multiple of MR; NR not a multiple of the lanes; KC 0; a block of 2²⁶ floats
    assertCorrupt(
        line + "\"6x16 kc=512 mc=125 nc=4096\", is no kernel's at 256 bits",
        header,
        "k\t6x16 kc=512 mc=125 nc=4096");
    assertCorrupt(
        line + "\"6x20 kc=512 mc=126 nc=4096\", is no kernel's at 256 bits",
        header,
        "k\t6x20 kc=512 mc=126 nc=4096");
    assertCorrupt(
        line + "\"6x16 kc=0 mc=126 nc=4096\", is no kernel's at 256 bits",
        header,
        "k\t6x16 kc=0 mc=126 nc=4096");
    assertCorrupt(
        line + "\"6x16 kc=16384 mc=6 nc=4096\", is no kernel's at 256 bits",
        header,
        "k\t6x16 kc=16384 mc=6 nc=4096");
    Files.write(dir.resolve("gemm-tuning.txt"), new byte[] {(byte) 0xff, (byte) 0xfe, 0});
    assertThatThrownBy(() -> new GemmTuningCache(dir.resolve("gemm-tuning.txt")).lookup("k", 256))
        .isInstanceOf(GemmTuningCache.Corrupt.class)
        .hasMessage("it is not UTF-8 text");
  }

  @Test
  void writingOverACorruptFileReplacesIt() throws Exception {
    GemmTuningCache cache = new GemmTuningCache(dir.resolve("gemm-tuning.txt"));
    write(cache, "not a cache", "k\tx");
    cache.write("k", T4X24, 256);
    assertThat(Files.readAllLines(cache.file()))
        .containsExactly(GemmTuningCache.HEADER, "k\t4x24 kc=336 mc=192 nc=4080");
  }

  @Test
  void aFileThatCannotBeReadIsAnIoErrorNotCorrupt() throws Exception {
    Files.createDirectories(dir.resolve("gemm-tuning.txt"));
    GemmTuningCache cache = new GemmTuningCache(dir.resolve("gemm-tuning.txt"));
    assertThatThrownBy(() -> cache.lookup("k", 256)).isInstanceOf(IOException.class);
    // nor written: the directory stays
    assertThatThrownBy(() -> cache.write("k", T4X24, 256)).isInstanceOf(IOException.class);
    assertThat(dir.resolve("gemm-tuning.txt")).isDirectory();
    try (var files = Files.list(dir)) {
      assertThat(files).as("nothing left aside").containsExactly(dir.resolve("gemm-tuning.txt"));
    }
  }
}

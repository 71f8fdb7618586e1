package dev.gakushu.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link CacheSizes} against fake sysfs cache directories, laid out as Linux writes them. */
class CacheSizesTest {
  @TempDir Path sysfs;

  private void entry(int index, String level, String type, String size) throws IOException {
    Path dir = Files.createDirectories(sysfs.resolve("index" + index));
    if (level != null) {
      Files.writeString(dir.resolve("level"), level + "\n");
    }
    if (type != null) {
      Files.writeString(dir.resolve("type"), type + "\n");
    }
    if (size != null) {
      Files.writeString(dir.resolve("size"), size + "\n");
    }
  }

  @Test
  void readsTheDataCacheOfEachLevelAndSkipsInstructionCaches() throws IOException {
    // a Zen 5 core: the instruction cache comes after the data cache of level 1
    entry(0, "1", "Data", "48K");
    entry(1, "1", "Instruction", "32K");
    entry(2, "2", "Unified", "1024K");
    entry(3, "3", "Unified", "32M");
    assertThat(CacheSizes.detect(sysfs)).isEqualTo(new CacheSizes(48 << 10, 1 << 20, 32 << 20));
  }

  @Test
  void readsEveryNumberedEntryAndStopsAtTheFirstGap() throws IOException {
    entry(0, "1", "Instruction", "64K");
    entry(1, "1", "Data", "32K");
    entry(2, "2", "Unified", "2048K");
    entry(3, "3", "Unified", "16M");
    entry(4, "4", "Unified", "128M"); // a level GEMM does not block for
    entry(6, "3", "Unified", "1M"); // after a gap: not a cache of this CPU's numbering
    assertThat(CacheSizes.detect(sysfs)).isEqualTo(new CacheSizes(32 << 10, 2 << 20, 16 << 20));
  }

  @Test
  void aLevelThatCannotBeReadKeepsItsTypicalSize() throws IOException {
    entry(0, "1", "Data", "forty-eight"); // malformed size
    entry(1, "2", "Unified", null); // missing size
    entry(2, "3", "Unified", "0K"); // impossible size
    entry(3, "x", "Unified", "4M"); // malformed level
    entry(4, "2", null, "4M"); // missing type
    assertThat(CacheSizes.detect(sysfs)).isEqualTo(CacheSizes.TYPICAL);
    assertThat(CacheSizes.detect(sysfs.resolve("absent"))).isEqualTo(CacheSizes.TYPICAL);
  }

  @Test
  void sizesAreBytesKibibytesOrMebibytes() {
    assertThat(CacheSizes.parseSize("48K")).isEqualTo(49_152);
    assertThat(CacheSizes.parseSize("1024k")).isEqualTo(1_048_576);
    assertThat(CacheSizes.parseSize("32M")).isEqualTo(33_554_432);
    assertThat(CacheSizes.parseSize("65536")).isEqualTo(65_536);
    assertThat(CacheSizes.parseSize("1")).isEqualTo(1);
    assertThat(CacheSizes.parseSize("2147483647")).isEqualTo(Integer.MAX_VALUE);
  }

  @Test
  void aSizeThatIsNotAPositiveIntOfBytesIsRefused() {
    for (String bad : new String[] {"0", "0K", "-48K", "2048M", "2147483648", "K", "", "48 K"}) {
      assertThatThrownBy(() -> CacheSizes.parseSize(bad))
          .as("\"%s\"", bad)
          .isInstanceOf(NumberFormatException.class);
    }
  }
}

package dev.gakushu.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gakushu.BadInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the kernel's tile and blocks come from: the property, the cache, the tuner, the rule. */
class GemmTuningTest {
  private static final CacheSizes ZEN3 = new CacheSizes(32 << 10, 512 << 10, 32 << 20);
  private static final GemmChoice RULE = GemmChoice.fallback(256, ZEN3);
  private static final GemmChoice FOUND =
      new GemmChoice(new GemmTile(4, 3), new GemmBlocking(168, 388, 2040));

  @TempDir Path dir;

  private final List<String> notes = new ArrayList<>();
  private int searches;

  private GemmChoice search() {
    searches++;
    return FOUND;
  }

  private GemmTuning resolve(boolean off, boolean force, GemmTuningCache cache) {
    return GemmTuning.resolve(off, force, 256, ZEN3, cache, "k", this::search, notes::add);
  }

  private GemmTuningCache cache() {
    return new GemmTuningCache(dir.resolve("gakushu/gemm-tuning.txt"));
  }

  @Test
  void withTheTuningOffTheRuleIsUsedAndNothingReadOrWritten() throws Exception {
    GemmTuningCache cache = cache();
    Files.createDirectories(cache.file().getParent());
    Files.writeString(cache.file(), "garbage"); // not even read: no warning
    GemmTuning t = resolve(true, false, cache);
    assertThat(t.source()).isEqualTo(GemmTuning.Source.FALLBACK);
    assertThat(t.choice()).isEqualTo(RULE);
    assertThat(t.description())
        .isEqualTo(
            "vector-256bit-6x16, KC 512, MC 126, NC 4096 (the cache-size rule:"
                + " -Dgakushu.gemmTuning=off)");
    assertThat(searches).isZero();
    assertThat(notes).isEmpty();
    assertThat(Files.readString(cache.file())).isEqualTo("garbage");
  }

  @Test
  void aForcedSearchWithTheTuningOffIsUsedButNotSaved() {
    GemmTuning t = resolve(true, true, cache());
    assertThat(t.source()).isEqualTo(GemmTuning.Source.TUNER);
    assertThat(t.choice()).isEqualTo(FOUND);
    assertThat(t.description())
        .startsWith("vector-256bit-4x24, KC 168, MC 388, NC 2040 (tuned now in ")
        .endsWith(" s; not saved: -Dgakushu.gemmTuning=off)");
    assertThat(searches).isEqualTo(1);
    assertThat(cache().file()).doesNotExist();
  }

  @Test
  void theFirstUseSearchesAndSavesWithANoteThenTheCacheAnswers() throws Exception {
    GemmTuning first = resolve(false, false, cache());
    assertThat(first.source()).isEqualTo(GemmTuning.Source.TUNER);
    assertThat(first.choice()).isEqualTo(FOUND);
    assertThat(first.description()).endsWith(" s; saved in " + cache().file() + ")");
    assertThat(notes)
        .containsExactly(
            "gakushu: measuring the matrix kernel's best tile and blocks on this machine, once"
                + " (about 3 s; saved in "
                + cache().file()
                + ")");
    assertThat(cache().lookup("k", 256)).isEqualTo(FOUND);
    notes.clear();
    GemmTuning second = resolve(false, false, cache());
    assertThat(second.source()).isEqualTo(GemmTuning.Source.CACHE);
    assertThat(second.choice()).isEqualTo(FOUND);
    assertThat(second.description())
        .isEqualTo(
            "vector-256bit-4x24, KC 168, MC 388, NC 2040 (from the cache " + cache().file() + ")");
    assertThat(searches).isEqualTo(1);
    assertThat(notes).isEmpty();
  }

  @Test
  void aForcedSearchIgnoresWhatIsSavedAndSavesAgain() throws Exception {
    cache().write("k", RULE, 256);
    GemmTuning t = resolve(false, true, cache());
    assertThat(t.source()).isEqualTo(GemmTuning.Source.TUNER);
    assertThat(searches).isEqualTo(1);
    assertThat(notes).isEmpty(); // bench --tune says it itself
    assertThat(cache().lookup("k", 256)).isEqualTo(FOUND);
  }

  @Test
  void aCorruptCacheIsIgnoredWithOneWarningAndReplaced() throws Exception {
    Files.createDirectories(cache().file().getParent());
    Files.writeString(cache().file(), "{\"not\": \"ours\"}\n");
    GemmTuning t = resolve(false, false, cache());
    assertThat(t.source()).isEqualTo(GemmTuning.Source.TUNER);
    assertThat(notes).hasSize(2);
    assertThat(notes.get(0))
        .isEqualTo(
            "gakushu: warning: ignoring the matrix kernel's cache "
                + cache().file()
                + ": its first line is not \""
                + GemmTuningCache.HEADER
                + "\"");
    assertThat(cache().lookup("k", 256)).isEqualTo(FOUND);
  }

  @Test
  void aCacheThatCannotBeReadGivesTheRuleWithoutASearch() throws Exception {
    Files.createDirectories(cache().file()); // a folder where the file should be
    GemmTuning t = resolve(false, false, cache());
    assertThat(t.source()).isEqualTo(GemmTuning.Source.FALLBACK);
    assertThat(t.choice()).isEqualTo(RULE);
    assertThat(t.description()).contains("(the cache-size rule: cannot read " + cache().file());
    assertThat(searches).isZero();
  }

  @Test
  void aCacheFolderThatCannotBeMadeGivesTheRuleWithoutASearch() throws Exception {
    // the folder a link to nowhere: the file is not there, and the folder cannot be made
    Files.createSymbolicLink(dir.resolve("gakushu"), dir.resolve("nowhere/gakushu"));
    GemmTuning t = resolve(false, false, cache());
    assertThat(t.source()).isEqualTo(GemmTuning.Source.FALLBACK);
    assertThat(t.choice()).isEqualTo(RULE);
    assertThat(t.description()).contains("(the cache-size rule: cannot write " + cache().file());
    assertThat(searches).isZero();
    assertThat(notes).isEmpty();
  }

  @Test
  void aForcedSearchThatCannotBeSavedIsUsedAndSaysWhy() throws Exception {
    Files.createSymbolicLink(dir.resolve("gakushu"), dir.resolve("nowhere/gakushu"));
    GemmTuning t = resolve(false, true, cache());
    assertThat(t.source()).isEqualTo(GemmTuning.Source.TUNER);
    assertThat(t.choice()).isEqualTo(FOUND);
    assertThat(t.description()).contains("; not saved: cannot write " + cache().file());
  }

  @Test
  void thePropertyIsAutoOrOff() {
    assertThat(GemmTuning.off(null)).isFalse();
    assertThat(GemmTuning.off("")).isFalse();
    assertThat(GemmTuning.off("auto")).isFalse();
    assertThat(GemmTuning.off("OFF")).isTrue();
    assertThatThrownBy(() -> GemmTuning.off("fast"))
        .isInstanceOf(BadInputException.class)
        .hasMessage(
            "the system property gakushu.gemmTuning is \"fast\"; expected auto or off, or leave it"
                + " unset (auto)");
  }

  @Test
  void theBuildsTestsRunWithTheTuningOff() {
    // the pom's argLine: no test depends on, or writes, the user's cache
    assertThat(System.getProperty(GemmTuning.PROPERTY)).isEqualTo("off");
    GemmTuning.checkProperty();
    GemmTuning current = GemmTuning.current();
    if (KernelChoice.current().vector()) {
      assertThat(current.source()).isEqualTo(GemmTuning.Source.FALLBACK);
      assertThat(current.choice())
          .isEqualTo(GemmChoice.fallback(VectorGemmKernel.preferredBits(), CacheSizes.DETECTED));
      assertThat(new Gemm(1).kernelName()).isEqualTo(GemmKernels.create(1, "vector").name());
    } else {
      assertThat(current.source()).isEqualTo(GemmTuning.Source.NONE);
      assertThat(current.description()).startsWith("plain-java");
    }
  }
}

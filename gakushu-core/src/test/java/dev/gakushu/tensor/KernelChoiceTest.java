package dev.gakushu.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gakushu.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which kernels are chosen, and the reason given. */
class KernelChoiceTest {
  @TempDir Path dir;

  private static final String VECTOR = "vector " + VectorGemmKernel.preferredBits() + "-bit";

  @Test
  void thePropertyForcesEitherKernelAndAnythingElseIsBadInput() {
    assertThat(KernelChoice.choose("plain", true, 0))
        .isEqualTo(new KernelChoice(false, "plain (asked for: -Dgakushu.kernel=plain)"));
    assertThat(KernelChoice.choose("vector", true, 500))
        .isEqualTo(new KernelChoice(true, VECTOR + " (asked for: -Dgakushu.kernel=vector)"));
    assertThat(KernelChoice.requested(null)).isEmpty();
    assertThat(KernelChoice.requested("")).isEmpty();
    assertThat(KernelChoice.requested("Plain")).isEqualTo("plain");
    assertThat(KernelChoice.requested("VECTOR")).isEqualTo("vector");
    assertThatThrownBy(() -> KernelChoice.requested("fast"))
        .isInstanceOf(BadInputException.class)
        .hasMessage(
            "the system property gakushu.kernel is \"fast\"; expected plain or vector, or leave it"
                + " unset (chosen by a probe)");
  }

  @Test
  void withoutTheModuleThePlainKernelsAreUsedWhateverIsAsked() {
    String reason =
        "plain (the JVM lacks jdk.incubator.vector: start it with --add-modules"
            + " jdk.incubator.vector, as ./gakushu does)";
    assertThat(KernelChoice.choose("", false, Double.NaN))
        .isEqualTo(KernelChoice.choose("vector", false, Double.NaN))
        .isEqualTo(new KernelChoice(false, reason));
  }

  @Test
  void theProbeDecides() {
    assertThat(KernelChoice.choose("", true, 0))
        .isEqualTo(new KernelChoice(true, VECTOR + " (compiled: the probe allocated nothing)"));
    assertThat(KernelChoice.choose("", true, 48.4))
        .isEqualTo(
            new KernelChoice(
                false,
                "plain (the Vector API is present but its kernels allocate 48 B per call on this"
                    + " JVM, Java "
                    + System.getProperty("java.version")
                    + ", so they run far slower than the plain loops)"));
    assertThat(KernelChoice.choose("", true, Double.NaN))
        .isEqualTo(
            new KernelChoice(true, VECTOR + " (not probed: the JVM does not count allocations)"));
  }

  @Test
  void theProbeRunsRoundsUntilOneAllocatesNothing() {
    int[] calls = {0};
    // 900 bytes in each of the first three rounds, then nothing: four rounds, 0 bytes
    VectorProbe.Result compiled =
        new VectorProbe()
            .run(() -> 900L * Math.min((calls[0]++ + 1) / 2, 3), () -> false, 0, 5, Long.MAX_VALUE);
    assertThat(compiled.bytesPerCall()).isZero();
    assertThat(compiled.settled()).isTrue();
    assertThat(calls[0]).isEqualTo(8);
    assertThat(VectorProbe.CALLS_PER_ROUND).isEqualTo(10);
  }

  @Test
  void theProbeEndsAfterRoundsThatAllocateWhileTheJitHasNoKernelToCompileOrAtItsBudget() {
    int[] calls = {0};
    // 1000 bytes every round, 1000 / 10 kernel calls
    LongSupplier allocating = () -> 1000L * ((calls[0]++ + 1) / 2);
    // the JIT busy with a kernel in the first 2 rounds, then idle: 2 + 3 rounds
    int[] rounds = {0};
    assertThat(new VectorProbe().run(allocating, () -> rounds[0]++ < 2, 0, 3, Long.MAX_VALUE))
        .isEqualTo(new VectorProbe.Result(100, true));
    assertThat(rounds[0]).isEqualTo(5);
    // the JIT idle from the start, but no round counts as quiet before the 4th: 4 + 3 rounds
    rounds[0] = 0;
    assertThat(new VectorProbe().run(allocating, () -> rounds[0]++ < 0, 4, 3, Long.MAX_VALUE))
        .isEqualTo(new VectorProbe.Result(100, true));
    assertThat(rounds[0]).isEqualTo(7);
    // the JIT always busy, but no budget: one round, and a verdict not settled
    rounds[0] = 0;
    assertThat(new VectorProbe().run(allocating, () -> ++rounds[0] > 0, 0, 3, 0))
        .isEqualTo(new VectorProbe.Result(100, false));
    assertThat(rounds[0]).isEqualTo(1);
  }

  /** A new empty folder, whichever tests ran before in this JVM. */
  private Path fresh() throws IOException {
    return Files.createTempDirectory(dir, "cache");
  }

  /** A probe that counts its runs and finds {@code result}. */
  private static Supplier<VectorProbe.Result> probe(int[] runs, VectorProbe.Result result) {
    return () -> {
      runs[0]++;
      return result;
    };
  }

  @Test
  void aSettledVerdictIsRememberedAndALaterStartUsesItWithoutProbing() throws Exception {
    GemmTuningCache cache = new GemmTuningCache(fresh().resolve("sub/gemm-tuning.txt"));
    List<String> notes = new ArrayList<>();
    int[] runs = {0};
    VectorProbe.Result compiled = new VectorProbe.Result(0, true);
    assertThat(KernelChoice.probed(false, cache, "p", probe(runs, compiled), notes::add))
        .isEqualTo(KernelChoice.choose("", true, 0));
    assertThat(runs[0]).isEqualTo(1);
    assertThat(cache.lookupProbe("p")).isZero();
    assertThat(KernelChoice.probed(false, cache, "p", probe(runs, compiled), notes::add))
        .isEqualTo(
            new KernelChoice(
                true,
                VECTOR
                    + " (compiled: the probe allocated nothing; probed before, remembered in "
                    + cache.file()
                    + ")"));
    assertThat(runs[0]).isEqualTo(1);
    // another JVM's key probes again; a plain verdict is remembered as well
    VectorProbe.Result allocating = new VectorProbe.Result(2294.4, true);
    assertThat(KernelChoice.probed(false, cache, "q", probe(runs, allocating), notes::add).vector())
        .isFalse();
    KernelChoice again = KernelChoice.probed(false, cache, "q", probe(runs, compiled), notes::add);
    assertThat(runs[0]).isEqualTo(2);
    assertThat(again.vector()).isFalse();
    assertThat(again.description())
        .startsWith("plain (the Vector API is present but its kernels allocate 2294 B per call")
        .endsWith("; probed before, remembered in " + cache.file() + ")");
    assertThat(notes).isEmpty();
  }

  @Test
  void aVerdictTheBudgetCutShortOrFoundWithTheCacheOffIsNotRemembered() throws Exception {
    GemmTuningCache cache = new GemmTuningCache(fresh().resolve("gemm-tuning.txt"));
    int[] runs = {0};
    VectorProbe.Result cut = new VectorProbe.Result(500, false);
    assertThat(KernelChoice.probed(false, cache, "p", probe(runs, cut), s -> {}).vector())
        .isFalse();
    assertThat(cache.file()).doesNotExist();
    // off: the cache neither read nor written
    cache.writeProbe("p", 500);
    byte[] before = Files.readAllBytes(cache.file());
    VectorProbe.Result compiled = new VectorProbe.Result(0, true);
    assertThat(KernelChoice.probed(true, cache, "p", probe(runs, compiled), s -> {}))
        .isEqualTo(KernelChoice.choose("", true, 0));
    assertThat(runs[0]).isEqualTo(2);
    assertThat(Files.readAllBytes(cache.file())).isEqualTo(before);
  }

  @Test
  void aCorruptCacheIsReplacedWithAWarningAndAnUnreadableOneLeftAlone() throws Exception {
    GemmTuningCache cache = new GemmTuningCache(fresh().resolve("gemm-tuning.txt"));
    Files.writeString(cache.file(), "not a cache\n");
    List<String> notes = new ArrayList<>();
    int[] runs = {0};
    VectorProbe.Result compiled = new VectorProbe.Result(0, true);
    assertThat(KernelChoice.probed(false, cache, "p", probe(runs, compiled), notes::add).vector())
        .isTrue();
    assertThat(notes)
        .containsExactly(
            "gakushu: warning: ignoring the matrix kernel's cache "
                + cache.file()
                + ": its first line is not \""
                + GemmTuningCache.HEADER
                + "\"");
    assertThat(cache.lookupProbe("p")).isZero();
    // a folder where the file should be: read fails, the probe decides, nothing is written
    GemmTuningCache folder = new GemmTuningCache(fresh());
    assertThat(KernelChoice.probed(false, folder, "p", probe(runs, compiled), notes::add))
        .isEqualTo(KernelChoice.choose("", true, 0));
    assertThat(runs[0]).isEqualTo(2);
    assertThat(notes).hasSize(1);
    try (var files = Files.list(folder.file())) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void theKernelsArePendingWhileTheJitNamesThemOrItsOptimisingCompilerWorks() {
    String c1 = "Current compiles: \nC1 CompilerThread0  457  3  java.lang.String::hashCode\n\n";
    String idle =
        c1 + "C1 compile queue:\n 450  3  java.util.List::of\n\nC2 compile queue:\nEmpty\n";
    assertThat(KernelChoice.kernelsPending(idle)).isFalse();
    assertThat(KernelChoice.kernelsPending("")).isFalse();
    assertThat(KernelChoice.kernelsPending("C2 compile queue:\n 610  4  java.lang.Math::max\n"))
        .isTrue();
    assertThat(
            KernelChoice.kernelsPending(
                idle.replace(
                    "java.util.List::of", "dev.gakushu.tensor.Vector512Kernel::packedTile")))
        .isTrue();
    assertThat(
            KernelChoice.kernelsPending(
                idle.replace("java.util.List::of", "jdk.incubator.vector.FloatVector::fma")))
        .isTrue();
    assertThat(KernelChoice.kernelsPending(idle.replace("Empty", " 610  4  java.lang.Math::max")))
        .isTrue();
    assertThat(
            KernelChoice.kernelsPending(
                idle.replace("C1 CompilerThread0  457  3", "C2 CompilerThread0  457  4")))
        .isTrue();
  }

  @Test
  void theAllocationsOfTheThreadAreCounted() {
    long before = ThreadAllocation.bytes();
    byte[] block = new byte[1 << 20];
    assertThat(ThreadAllocation.bytes() - before).isGreaterThanOrEqualTo(block.length);
  }
}

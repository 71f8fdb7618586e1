package dev.gakushu.tensor;

import dev.gakushu.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The tile and blocks the vector matrix kernel of this JVM runs with ({@link GemmChoice}), and
 * where they came from. Every choice gives the same bits; this is a choice of speed only. At the
 * first product ({@link #current()}), when the vector kernels are used:
 *
 * <ol>
 *   <li>the system property {@value #PROPERTY} set to {@code off}: the cache-size rule ({@link
 *       GemmChoice#fallback}), nothing read or written (the build's tests run so: they must not
 *       depend on a user's cache, nor spend seconds on a search);
 *   <li>the choice saved in the cache ({@link GemmTuningCache}) for this machine and JVM;
 *   <li>otherwise the tuner ({@link GemmTuner}, about {@value #BUDGET_SECONDS} s, once per machine,
 *       JVM and vector size) measures, and its choice is saved; a note on standard error says so.
 *       Where the cache cannot be written, the rule instead: a search on every start would cost
 *       seconds each time.
 * </ol>
 *
 * A cache that cannot be read is the rule too; one that is not a cache of this format, or whose
 * line for this machine no kernel can run with, is ignored with one warning line, and replaced.
 * {@link #tune()} ({@code gakushu bench --workload gemm --tune}) searches again whatever is saved.
 */
public final class GemmTuning {
  /** The property's name. */
  public static final String PROPERTY = "gakushu.gemmTuning";

  /** The search's budget. */
  static final int BUDGET_SECONDS = 3;

  /** Where a choice came from. */
  public enum Source {
    /** The cache file. */
    CACHE,
    /** A search in this process. */
    TUNER,
    /** The cache-size rule. */
    FALLBACK,
    /** Nothing to choose: the plain kernels run. */
    NONE
  }

  private static GemmTuning current;

  private final GemmChoice choice;
  private final Source source;
  private final String description;

  private GemmTuning(GemmChoice choice, Source source, String description) {
    this.choice = choice;
    this.source = source;
    this.description = description;
  }

  /** This JVM's choice, made (and, the first time on a machine, measured) at the first call. */
  public static synchronized GemmTuning current() {
    if (current == null) {
      current = make(false);
    }
    return current;
  }

  /**
   * Searches again (unless the plain kernels run), saves the result unless the property is {@code
   * off}, and makes it this JVM's choice for the products set up from now on.
   */
  public static synchronized GemmTuning tune() {
    current = make(true);
    return current;
  }

  /**
   * Checks the property without making the choice.
   *
   * @throws BadInputException when it is set to anything but auto or off
   */
  public static void checkProperty() {
    off(System.getProperty(PROPERTY));
  }

  /**
   * Whether a value of the property turns the tuning off: "off" (in any case) yes; "auto", "" or
   * null no.
   *
   * @throws BadInputException for anything else
   */
  static boolean off(String value) {
    String v = value == null ? "" : value.toLowerCase(Locale.ROOT);
    if (!v.isEmpty() && !v.equals("auto") && !v.equals("off")) {
      throw new BadInputException(
          "the system property "
              + PROPERTY
              + " is \""
              + value
              + "\"; expected auto or off, or leave it unset (auto)");
    }
    return v.equals("off");
  }

  /** Where the choice came from. */
  public Source source() {
    return source;
  }

  /**
   * The kernel, its blocks and where they came from, e.g. {@code vector-256bit-4x24, KC 384, MC
   * 168, NC 4096 (from the cache /home/u/.cache/gakushu/gemm-tuning.txt)}.
   */
  public String description() {
    return description;
  }

  /** The choice, null when the plain kernels run. */
  GemmChoice choice() {
    return choice;
  }

  private static GemmTuning make(boolean force) {
    if (!KernelChoice.current().vector()) {
      return new GemmTuning(
          null, Source.NONE, "plain-java (fixed blocks: the tuner is for the vector kernels)");
    }
    boolean off = off(System.getProperty(PROPERTY));
    int bits = VectorGemmKernel.preferredBits();
    CacheSizes caches = CacheSizes.DETECTED;
    GemmTuningCache cache =
        GemmTuningCache.inCacheFolder(System.getenv(), Path.of(System.getProperty("user.home")));
    String key =
        GemmTuningCache.key(
            cpuInfo(),
            System.getProperty("java.vm.vendor"),
            System.getProperty("java.vm.version"),
            bits);
    Supplier<GemmChoice> search =
        () ->
            new GemmTuner(bits, caches, new GemmTimer(bits), System::nanoTime)
                .search(BUDGET_SECONDS * 1_000_000_000L);
    return resolve(off, force, bits, caches, cache, key, search, System.err::println);
  }

  /** The text of {@code /proc/cpuinfo}, or "" where there is none. */
  static String cpuInfo() {
    try {
      return Files.readString(Path.of("/proc/cpuinfo"));
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }

  /**
   * The choice by the rules of this class's documentation.
   *
   * @param off whether the property turns the tuning off
   * @param force whether to search whatever is saved ({@link #tune()})
   * @param search the tuner's search
   * @param notes where the note of a search at first use and the warning of a corrupt cache go, a
   *     line each
   */
  static GemmTuning resolve(
      boolean off,
      boolean force,
      int bits,
      CacheSizes caches,
      GemmTuningCache cache,
      String key,
      Supplier<GemmChoice> search,
      Consumer<String> notes) {
    Path file = cache.file();
    if (off) {
      return force
          ? searched(search, bits, found -> "not saved: -D" + PROPERTY + "=off")
          : fallback(bits, caches, "-D" + PROPERTY + "=off");
    }
    if (!force) {
      try {
        GemmChoice saved = cache.lookup(key, bits);
        if (saved != null) {
          return new GemmTuning(
              saved, Source.CACHE, saved.describe(bits) + " (from the cache " + file + ")");
        }
      } catch (GemmTuningCache.Corrupt e) {
        notes.accept(
            "gakushu: warning: ignoring the matrix kernel's cache " + file + ": " + e.getMessage());
      } catch (IOException e) {
        return fallback(bits, caches, "cannot read " + file + ": " + e);
      }
      try {
        Path folder = file.toAbsolutePath().getParent();
        Files.createDirectories(folder);
        if (!Files.isWritable(folder)) {
          return fallback(bits, caches, "cannot write in " + folder);
        }
      } catch (IOException e) {
        return fallback(bits, caches, "cannot write " + file + ": " + e);
      }
      notes.accept(
          "gakushu: measuring the matrix kernel's best tile and blocks on this machine, once"
              + " (about "
              + BUDGET_SECONDS
              + " s; saved in "
              + file
              + ")");
    }
    return searched(
        search,
        bits,
        found -> {
          try {
            cache.write(key, found, bits);
            return "saved in " + file;
          } catch (IOException e) {
            return "not saved: cannot write " + file + ": " + e;
          }
        });
  }

  /** A search's choice; {@code save} saves it and says whether it did. */
  private static GemmTuning searched(
      Supplier<GemmChoice> search, int bits, Function<GemmChoice, String> save) {
    long start = System.nanoTime();
    GemmChoice found = search.get();
    double seconds = (System.nanoTime() - start) / 1e9;
    return new GemmTuning(
        found,
        Source.TUNER,
        String.format(
            Locale.ROOT,
            "%s (tuned now in %.1f s; %s)",
            found.describe(bits),
            seconds,
            save.apply(found)));
  }

  private static GemmTuning fallback(int bits, CacheSizes caches, String why) {
    GemmChoice rule = GemmChoice.fallback(bits, caches);
    return new GemmTuning(
        rule, Source.FALLBACK, rule.describe(bits) + " (the cache-size rule: " + why + ")");
  }
}

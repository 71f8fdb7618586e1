package dev.gakushu.tensor;

import dev.gakushu.BadInputException;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * Which kernels this JVM runs, the Vector API ones or the plain-Java ones, and why. Both give the
 * same bits; the choice is one of speed only. {@link #current()} makes it once, at first use:
 *
 * <ol>
 *   <li>the system property {@value #PROPERTY} set to {@code plain} or {@code vector} forces it;
 *   <li>without the module {@code jdk.incubator.vector}: plain;
 *   <li>otherwise {@link VectorProbe} runs the vector kernels on small inputs until the JIT has
 *       compiled them, as the JVM's compile queue shows (at most {@value #PROBE_BUDGET_MILLIS} ms),
 *       and the vector kernels are used only if they then allocate nothing: a vector operation the
 *       JIT has not compiled to instructions allocates an object per vector and runs many times
 *       slower than the plain loop (JDK 17). Where the JVM does not count allocations, vector.
 * </ol>
 *
 * The probe costs 1–1.6 s of every start (0.25 s for {@code --version} without it), so its verdict
 * is remembered in the kernels' cache ({@link GemmTuningCache#probeKey}: the machine, the JVM and
 * its options), and a later start with the same key uses it instead of probing. Only a settled
 * verdict is saved, not one the budget cut short; with the tuner's property {@value
 * GemmTuning#PROPERTY} set to {@code off} the cache is neither read nor written, as for the tuner.
 *
 * @param vector whether the Vector API kernels are used
 * @param description what is used and why, for {@code --version} and {@code bench}: e.g. {@code
 *     vector 512-bit (compiled: the probe allocated nothing)}
 */
public record KernelChoice(boolean vector, String description) {
  /** The property's name. */
  public static final String PROPERTY = "gakushu.kernel";

  /**
   * How many rounds of the probe in a row must find the JIT with no kernel method to compile, and
   * its optimising compiler (C2) idle, for it to conclude that the JIT compiles the kernels as they
   * are: the first such rounds run the kernels as C1 compiled them, and the C2 compile they then
   * earn comes within about 100 rounds.
   */
  static final int PROBE_QUIET_ROUNDS = 300;

  /**
   * Rounds before any can count as quiet: the optimising compiler takes a method once it has been
   * called 600 times (HotSpot's {@code Tier4MinInvocationThreshold}) with 15,000 calls and loop
   * iterations in all, and a round calls each kernel once with 49 of them. Without this floor, on a
   * loaded machine whose JIT was idle between its compiles, the probe ended before the kernels'
   * turn, found them allocating, and chose the plain kernels on JDK 25 (three times in one day on
   * the Sapphire Rapids 2-vCPU at load 5–7).
   */
  static final int PROBE_LEAST_ROUNDS = 700;

  /**
   * The longest the probe may run: a JIT starved of CPU by other processes may take this long (at
   * load 28 on 2 cores, JDK 25 once ran out of a budget of 10 s in the command line, whose start-up
   * gives C2 much else to compile first, and got the plain kernels). If it runs out, the kernels
   * are judged by what they allocate then: the plain ones, unless compiled already.
   */
  static final long PROBE_BUDGET_MILLIS = 20_000;

  private static final String MODULE = "jdk.incubator.vector";

  /** The choice made at first use. */
  private static final class Made {
    static final KernelChoice CHOICE = make();
  }

  /** This JVM's choice, made (and the probe run) at the first call. */
  public static KernelChoice current() {
    return Made.CHOICE;
  }

  /**
   * Checks the property without making the choice.
   *
   * @throws BadInputException when it is set to anything but plain or vector
   */
  public static void checkProperty() {
    requested(System.getProperty(PROPERTY));
  }

  /**
   * A value of the property: "plain", "vector" (in any case), or "" for null or "" (not set).
   *
   * @throws BadInputException for anything else
   */
  static String requested(String value) {
    String v = value == null ? "" : value.toLowerCase(Locale.ROOT);
    if (!v.isEmpty() && !v.equals("plain") && !v.equals("vector")) {
      throw new BadInputException(
          "the system property "
              + PROPERTY
              + " is \""
              + value
              + "\"; expected plain or vector, or leave it unset (chosen by a probe)");
    }
    return v;
  }

  private static KernelChoice make() {
    String asked = requested(System.getProperty(PROPERTY));
    boolean module = GemmKernels.vectorAvailable();
    if (asked.equals("plain") || !module) {
      return choose(asked, module, Double.NaN);
    }
    if (asked.equals("vector") || ThreadAllocation.bytes() < 0) {
      return choose(asked, true, Double.NaN);
    }
    boolean off = GemmTuning.off(System.getProperty(GemmTuning.PROPERTY));
    GemmTuningCache cache =
        GemmTuningCache.inCacheFolder(System.getenv(), Path.of(System.getProperty("user.home")));
    String key =
        GemmTuningCache.probeKey(
            GemmTuning.cpuInfo(),
            System.getProperty("java.vm.vendor"),
            System.getProperty("java.vm.version"),
            ManagementFactory.getRuntimeMXBean().getInputArguments());
    return probed(
        off,
        cache,
        key,
        () ->
            new VectorProbe()
                .run(
                    ThreadAllocation::bytes,
                    KernelChoice::compilingKernels,
                    PROBE_LEAST_ROUNDS,
                    PROBE_QUIET_ROUNDS,
                    PROBE_BUDGET_MILLIS * 1_000_000),
        System.err::println);
  }

  /**
   * The probe's choice: the verdict remembered in the cache for the key, unless {@code off}; else
   * the probe's, saved there when settled (and not {@code off}).
   *
   * @param notes where the warning of a corrupt cache goes, a line
   */
  static KernelChoice probed(
      boolean off,
      GemmTuningCache cache,
      String key,
      Supplier<VectorProbe.Result> probe,
      Consumer<String> notes) {
    boolean save = !off;
    if (!off) {
      try {
        Double remembered = cache.lookupProbe(key);
        if (remembered != null) {
          KernelChoice made = choose("", true, remembered);
          String text = made.description();
          return new KernelChoice(
              made.vector(),
              text.substring(0, text.length() - 1)
                  + "; probed before, remembered in "
                  + cache.file()
                  + ")");
        }
      } catch (GemmTuningCache.Corrupt e) {
        notes.accept(
            "gakushu: warning: ignoring the matrix kernel's cache "
                + cache.file()
                + ": "
                + e.getMessage());
      } catch (IOException e) {
        save = false; // unreadable: probe, and leave the file alone
      }
    }
    VectorProbe.Result result = probe.get();
    if (save && result.settled()) {
      try {
        cache.writeProbe(key, result.bytesPerCall());
      } catch (IOException e) {
        // not remembered: the next start probes again
      }
    }
    return choose("", true, result.bytesPerCall());
  }

  /**
   * Whether the JIT may still compile the kernels better, from the JVM's {@code Compiler.queue}
   * diagnostic command (what {@code jcmd PID Compiler.queue} prints); false where the JVM has no
   * such command.
   */
  private static boolean compilingKernels() {
    try {
      Object queue =
          ManagementFactory.getPlatformMBeanServer()
              .invoke(
                  new ObjectName("com.sun.management:type=DiagnosticCommand"),
                  "compilerQueue",
                  new Object[] {new String[0]},
                  new String[] {String[].class.getName()});
      return kernelsPending(String.valueOf(queue));
    } catch (JMException | RuntimeException e) {
      return false;
    }
  }

  /**
   * Whether a listing of the JIT's work (current compiles, then each compiler's queue) names a
   * method of this package or of the Vector API, or shows the optimising compiler (C2) at work at
   * all: while its queue is long the JIT raises the counts at which it queues a method, so a hot
   * kernel may wait, run by C1's code, without being listed.
   */
  static boolean kernelsPending(String compilerQueue) {
    int c2Queue = compilerQueue.indexOf("C2 compile queue:");
    boolean c2Queued =
        c2Queue >= 0
            && !compilerQueue
                .substring(c2Queue + "C2 compile queue:".length())
                .strip()
                .startsWith("Empty");
    boolean c2Busy = c2Queued || compilerQueue.contains("C2 CompilerThread");
    return c2Busy
        || compilerQueue.contains(KernelChoice.class.getPackageName() + ".")
        || compilerQueue.contains(MODULE + ".");
  }

  /**
   * The choice for the property's value ("" when unset), whether the module is present, and the
   * bytes the probe measured per vector kernel call (NaN when it did not run).
   */
  static KernelChoice choose(String asked, boolean module, double probedBytesPerCall) {
    if (asked.equals("plain")) {
      return new KernelChoice(false, "plain (asked for: -D" + PROPERTY + "=plain)");
    }
    if (!module) {
      return new KernelChoice(
          false,
          "plain (the JVM lacks "
              + MODULE
              + ": start it with --add-modules "
              + MODULE
              + ", as ./gakushu does)");
    }
    // only here may the Vector API be loaded
    String vector = "vector " + VectorGemmKernel.preferredBits() + "-bit";
    if (asked.equals("vector")) {
      return new KernelChoice(true, vector + " (asked for: -D" + PROPERTY + "=vector)");
    }
    if (Double.isNaN(probedBytesPerCall)) {
      return new KernelChoice(true, vector + " (not probed: the JVM does not count allocations)");
    }
    if (probedBytesPerCall > 0) {
      return new KernelChoice(
          false,
          String.format(
              Locale.ROOT,
              "plain (the Vector API is present but its kernels allocate %.0f B per call on this"
                  + " JVM, Java %s, so they run far slower than the plain loops)",
              probedBytesPerCall,
              System.getProperty("java.version")));
    }
    return new KernelChoice(true, vector + " (compiled: the probe allocated nothing)");
  }
}

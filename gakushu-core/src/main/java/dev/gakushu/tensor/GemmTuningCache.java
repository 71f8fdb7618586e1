package dev.gakushu.tensor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The kernels' cache: a small text file, {@code gemm-tuning.txt} in the user's cache folder ({@code
 * $XDG_CACHE_HOME/gakushu}, else {@code ~/.cache/gakushu}, where the data sets are kept too), one
 * line per machine and JVM after a header line, for the tuner's choice ({@link GemmTuning}) and for
 * the probe's verdict ({@link KernelChoice}):
 *
 * <pre>
 * # gakushu gemm-tuning 1
 * cpu=…; flags=…; java=…; bits=256; kernels=2&lt;TAB&gt;4x24 kc=384 mc=168 nc=4096
 * probe; cpu=…; flags=…; java=…; options=…; kernels=2&lt;TAB&gt;allocated=0.0 B per call
 * </pre>
 *
 * The keys ({@link #key}, {@link #probeKey}) name the CPU model, a digest of its flags, the JVM,
 * the vector size or the JVM's options, and the revision of the kernels' code ({@link #KERNELS}):
 * what was measured on one of these says nothing of another. Lines are written only by {@link
 * #write} and {@link #writeProbe}, which keep the other keys' lines and replace the file whole
 * (written aside, then moved), so a reader never sees half a file.
 */
final class GemmTuningCache {
  static final String HEADER = "# gakushu gemm-tuning 1";
  static final String FILE_NAME = "gemm-tuning.txt";

  /**
   * The revision of the register tiles' code, raised with every change to it that can change which
   * tile or blocks run fastest, or whether the JIT compiles them, so that what was measured with
   * older code is measured again rather than kept: 2 since the 256-bit 6 × 16 tile's loops take p's
   * step as a constant (1.14–1.25× the speed), which a choice of 4 × 24 cached before would have
   * hidden.
   */
  static final int KERNELS = 2;

  private static final Pattern VERDICT =
      Pattern.compile("allocated=(\\d{1,9}(\\.\\d{1,9})?) B per call");

  private static final Pattern CHOICE =
      Pattern.compile("(\\d{1,4})x(\\d{1,4}) kc=(\\d{1,9}) mc=(\\d{1,9}) nc=(\\d{1,9})");

  /** A file that is not a cache of this format, or a line of it that does not parse. */
  static final class Corrupt extends Exception {
    private static final long serialVersionUID = 1L;

    Corrupt(String message) {
      super(message);
    }
  }

  private final Path file;

  GemmTuningCache(Path file) {
    this.file = file;
  }

  /** The file in the cache folder of an environment and home folder. */
  static GemmTuningCache inCacheFolder(Map<String, String> env, Path home) {
    String xdg = env.get("XDG_CACHE_HOME");
    Path root = xdg != null && !xdg.isBlank() ? Path.of(xdg) : home.resolve(".cache");
    return new GemmTuningCache(root.resolve("gakushu").resolve(FILE_NAME));
  }

  Path file() {
    return file;
  }

  /**
   * The key of a machine and JVM: {@code cpu=MODEL; flags=DIGEST; java=VENDOR VERSION; bits=BITS;
   * kernels=}{@value #KERNELS}, from the text of {@code /proc/cpuinfo} (its first "model name" and
   * "flags" lines; "unknown" where there are none) and the JVM's properties.
   */
  static String key(String cpuInfo, String javaVendor, String javaVersion, int bits) {
    return clean(
        machine(cpuInfo)
            + "; java="
            + javaVendor
            + " "
            + javaVersion
            + "; bits="
            + bits
            + "; kernels="
            + KERNELS);
  }

  /**
   * The key of the probe's verdict for a machine and JVM: {@code probe; cpu=MODEL; flags=DIGEST;
   * java=VENDOR VERSION; options=DIGEST; kernels=}{@value #KERNELS}, the options being the JVM's
   * own ({@code RuntimeMXBean.getInputArguments()}, a digest), since a flag such as {@code
   * -XX:UseAVX=2} or {@code -XX:TieredStopAtLevel=1} changes what the JIT compiles.
   */
  static String probeKey(
      String cpuInfo, String javaVendor, String javaVersion, List<String> jvmOptions) {
    return clean(
        "probe; "
            + machine(cpuInfo)
            + "; java="
            + javaVendor
            + " "
            + javaVersion
            + "; options="
            + digest(String.join("\n", jvmOptions))
            + "; kernels="
            + KERNELS);
  }

  /** {@code cpu=MODEL; flags=DIGEST} from the text of {@code /proc/cpuinfo}. */
  private static String machine(String cpuInfo) {
    String model = "unknown";
    String flags = "";
    for (String line : cpuInfo.lines().toList()) {
      int colon = line.indexOf(':');
      if (colon < 0) {
        continue;
      }
      String name = line.substring(0, colon).strip();
      String value = line.substring(colon + 1).strip();
      if (name.equals("model name") && model.equals("unknown")) {
        model = value;
      } else if (name.equals("flags") && flags.isEmpty()) {
        flags = value;
      }
    }
    return "cpu=" + model + "; flags=" + (flags.isEmpty() ? "unknown" : digest(flags));
  }

  /** The first 12 hex digits of the SHA-256 of the text. */
  static String digest(String text) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /** Tabs and line breaks, which the file's format uses, as spaces. */
  private static String clean(String text) {
    return text.replaceAll("[\\t\\r\\n]", " ");
  }

  /**
   * The choice saved for the key, or null when the file or the key is not there.
   *
   * @throws Corrupt when the file is not a cache of this format, or the key's line is not a choice
   *     a kernel of this size can run with
   * @throws IOException when the file cannot be read
   */
  GemmChoice lookup(String key, int bits) throws IOException, Corrupt {
    Matcher m = line(key, CHOICE, "this machine", "a choice");
    if (m == null) {
      return null;
    }
    String value = m.group();
    int lanes = GemmChoice.lanes(bits);
    int nr = Integer.parseInt(m.group(2));
    GemmChoice choice =
        new GemmChoice(
            new GemmTile(Integer.parseInt(m.group(1)), nr / lanes),
            new GemmBlocking(
                Integer.parseInt(m.group(3)),
                Integer.parseInt(m.group(4)),
                Integer.parseInt(m.group(5))));
    if (nr % lanes != 0 || !choice.runsAt(bits)) {
      throw new Corrupt(
          "its line for this machine, \"" + value + "\", is no kernel's at " + bits + " bits");
    }
    return choice;
  }

  /**
   * The bytes per kernel call the probe measured, as saved for the key, or null when the file or
   * the key is not there.
   *
   * @throws Corrupt when the file is not a cache of this format, or the key's line is not a verdict
   * @throws IOException when the file cannot be read
   */
  Double lookupProbe(String key) throws IOException, Corrupt {
    Matcher m = line(key, VERDICT, "this JVM's probe", "a verdict");
    return m == null ? null : Double.parseDouble(m.group(1));
  }

  /**
   * The key's line matched whole by the pattern, or null when the file or the key is not there.
   *
   * @throws Corrupt when the file is not a cache of this format, or the line does not match: "its
   *     line for WHOSE, "…", is not WHAT"
   */
  private Matcher line(String key, Pattern pattern, String whose, String what)
      throws IOException, Corrupt {
    String value = lines().get(key);
    if (value == null) {
      return null;
    }
    Matcher m = pattern.matcher(value);
    if (!m.matches()) {
      throw new Corrupt("its line for " + whose + ", \"" + value + "\", is not " + what);
    }
    return m;
  }

  /** Saves the choice for the key, as {@link #writeLine} does. */
  void write(String key, GemmChoice choice, int bits) throws IOException {
    GemmBlocking b = choice.blocking();
    writeLine(
        key,
        choice.tile().name(GemmChoice.lanes(bits))
            + " kc="
            + b.kc()
            + " mc="
            + b.mc()
            + " nc="
            + b.nc());
  }

  /** Saves the bytes per kernel call the probe measured for the key, as {@link #writeLine} does. */
  void writeProbe(String key, double bytesPerCall) throws IOException {
    writeLine(key, String.format(Locale.ROOT, "allocated=%.1f B per call", bytesPerCall));
  }

  /**
   * Saves the line for the key, keeping the other keys' lines (all of them dropped when the file is
   * corrupt): the file is written next to itself and moved into place.
   */
  private void writeLine(String key, String value) throws IOException {
    Map<String, String> lines;
    try {
      lines = lines();
    } catch (Corrupt | IOException e) {
      lines = new LinkedHashMap<>();
    }
    lines.put(key, value);
    List<String> text = new ArrayList<>();
    text.add(HEADER);
    lines.forEach((k, v) -> text.add(k + "\t" + v));
    Files.createDirectories(file.toAbsolutePath().getParent());
    Path aside = Files.createTempFile(file.toAbsolutePath().getParent(), FILE_NAME, ".tmp");
    try {
      Files.write(aside, text, StandardCharsets.UTF_8);
      Files.move(aside, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(aside);
    }
  }

  /** Key → value of every line; empty when there is no file. */
  private Map<String, String> lines() throws IOException, Corrupt {
    List<String> text;
    try {
      text = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return new LinkedHashMap<>();
    } catch (java.nio.charset.CharacterCodingException e) {
      throw new Corrupt("it is not UTF-8 text");
    }
    if (text.isEmpty() || !text.get(0).equals(HEADER)) {
      throw new Corrupt("its first line is not \"" + HEADER + "\"");
    }
    Map<String, String> lines = new LinkedHashMap<>();
    for (String line : text.subList(1, text.size())) {
      int tab = line.indexOf('\t');
      if (tab < 0) {
        throw new Corrupt("a line has no tab between key and choice: \"" + line + "\"");
      }
      lines.put(line.substring(0, tab), line.substring(tab + 1));
    }
    return lines;
  }
}

package dev.gakushu;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The build check that keeps the JDK out of the results' bits: no main source of any module calls a
 * {@code java.lang.Math} function that its specification lets vary by an ulp (and that the JIT
 * replaces by CPU-specific intrinsics), nor {@code nextGaussian}, whose algorithm each JDK chooses.
 * Such code calls {@code StrictMath} (fdlibm's bits, fixed), {@code dev.gakushu.tensor.FixedMath}
 * (the kernels of our own) or {@code dev.gakushu.tensor.GaussianSampler}. {@code Math.sqrt}, {@code
 * Math.fma}, {@code abs}, {@code min} and {@code max} are exact and allowed. Comments are not code
 * and are left out.
 */
class FixedArithmeticTest {
  private static final List<Path> SOURCES =
      List.of(
          Path.of("../gakushu-core/src/main/java"),
          Path.of("src/main/java"),
          Path.of("../gakushu-spark/src/main/java"));

  private static final Pattern FORBIDDEN =
      Pattern.compile(
          "(?<![A-Za-z_$])Math\\s*\\.\\s*(exp|expm1|log|log10|log1p|pow|tanh|sinh|cosh|sin|cos|tan"
              + "|asin|acos|atan|atan2|hypot|cbrt)\\s*\\("
              + "|import\\s+static\\s+java\\.lang\\.Math\\.(\\*|exp|log|pow|tanh|sin|cos)"
              + "|\\bnextGaussian\\s*\\(");

  private static final Pattern COMMENT = Pattern.compile("/\\*.*?\\*/|//[^\\n]*", Pattern.DOTALL);

  /**
   * Files allowed to call them anyway, each with its reason: none. (Printing a figure with {@code
   * Math.log10} would be one; the code uses {@code StrictMath} there too.)
   */
  private static final Set<String> ALLOWED = Set.of();

  /** Every call that the pattern finds in the files under the roots, as "file: call". */
  static List<String> calls(List<Path> roots) throws IOException {
    List<String> found = new ArrayList<>();
    for (Path root : roots) {
      if (!Files.isDirectory(root)) {
        continue;
      }
      try (Stream<Path> files = Files.walk(root)) {
        for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
          String name = root.relativize(f).toString();
          if (ALLOWED.contains(name)) {
            continue;
          }
          String code = COMMENT.matcher(Files.readString(f)).replaceAll(" ");
          Matcher m = FORBIDDEN.matcher(code);
          while (m.find()) {
            found.add(name + ": " + m.group());
          }
        }
      }
    }
    return found;
  }

  @Test
  void noResultDependsOnTheJdksMathOrGaussian() throws IOException {
    assertThat(Files.isDirectory(SOURCES.get(0))).isTrue();
    assertThat(calls(SOURCES)).isEmpty();
  }

  @Test
  void theCheckFindsWhatItForbids(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
    Files.writeString(
        dir.resolve("A.java"),
        """
        class A {
          // Math.exp(1) in a comment is fine, StrictMath.exp(1) and FixedMath.exp(1) are fine
          double a = StrictMath.log(2) + Math.sqrt(2) + Math.fma(1, 2, 3);
          double b = Math.exp(1) + java.lang.Math.tanh(2) + Math . pow(2, 3);
          double c = random.nextGaussian();
        }
        """);
    assertThat(calls(List.of(dir)))
        .containsExactly(
            "A.java: Math.exp(",
            "A.java: Math.tanh(",
            "A.java: Math . pow(",
            "A.java: nextGaussian(");
  }
}

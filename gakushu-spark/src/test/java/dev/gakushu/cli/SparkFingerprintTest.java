package dev.gakushu.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The search among the reference runs of {@code fingerprints.txt} ({@link ReferenceRuns}), run on
 * Spark ({@code local[2]}), reports the numbers recorded there: the trials' bits do not depend on
 * the executor. In the command line's package for {@link ReferenceRuns} (from its test jar).
 */
class SparkFingerprintTest {
  private static final String SEARCH = "tune-asha";
  private static final Pattern FIELDS = Pattern.compile(" \\| ");

  @TempDir Path tmp;

  @Test
  void theReferenceSearchOnSparkReportsTheRecordedNumbers() throws Exception {
    ReferenceRuns.Run run =
        ReferenceRuns.runs().stream()
            .filter(r -> r.name().equals(SEARCH))
            .findFirst()
            .orElseThrow();
    String recorded =
        ReferenceRuns.expected().stream()
            .filter(l -> l.startsWith(SEARCH + " | "))
            .findFirst()
            .orElseThrow();
    String numbers = FIELDS.splitAsStream(recorded).toList().get(2);
    List<String> args = new ArrayList<>(run.args());
    args.addAll(
        List.of(
            "--executor",
            "spark",
            "--spark-master",
            "local[2]",
            "--no-progress",
            "--out",
            tmp.toString()));
    CliRunner r = CliRunner.run(args.toArray(String[]::new));

    assertThat(r.status()).as(r.err()).isZero();
    assertThat(r.out()).contains("on spark local[2]");
    assertThat(ReferenceRuns.numbers(tmp.resolve(run.output()))).isEqualTo(numbers);
  }
}

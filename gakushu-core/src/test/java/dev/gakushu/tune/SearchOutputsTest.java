package dev.gakushu.tune;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gakushu.data.EmbeddedDigits;
import dev.gakushu.data.Split;
import dev.gakushu.report.FigureException;
import dev.gakushu.report.Numbers;
import dev.gakushu.run.TrialResult;
import dev.gakushu.spec.RunSpec;
import dev.gakushu.train.FigureFiles;
import dev.gakushu.train.RunDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A search run through the library, as a program runs one: its journal read back by a watcher
 * ({@link SearchJournal}) gives the same trials and importance, and {@link SearchOutputs} writes a
 * report.html that holds every figure (the very bytes of the PNG files), the best trial and every
 * trial with whole numbers as such.
 */
class SearchOutputsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int TRIALS = 8;
  private static final RunSpec BASE =
      RunSpec.builder().optimizer("sgd").batchSize(100).epochs(2).threads(1).build();
  private static final SearchSpace SPACE =
      SearchSpace.parse(
          List.of("lr=log(1e-3,1e-1)", "hidden=choice(20,50)", "batch-size=int(32,128)"), BASE);
  private static final Search.Settings SETTINGS =
      new Search.Settings("digits", SPACE, BASE, "random", 5);

  @TempDir static Path tmp;
  private static List<TrialResult> results;

  @BeforeAll
  static void search() throws Exception {
    Split split = Split.stratified(EmbeddedDigits.load(), 0.2, 0.2, 1);
    split.standardizeInPlace();
    results =
        new Search(
                SETTINGS,
                split.train(),
                split.validation(),
                Files.createDirectories(tmp.resolve("search")))
            .run(TRIALS, 2, Search.LOCAL, r -> {});
  }

  @Test
  void aWatcherReadsTheSameTrialsAndImportanceFromTheJournal() throws Exception {
    List<String> lines = Files.readAllLines(tmp.resolve("search").resolve(Search.JOURNAL));
    SearchJournal journal = SearchJournal.of(JSON.readTree(lines.get(0)));
    List<TrialResult> read = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      TrialResult r = journal.trial(JSON.readTree(line));
      if (r != null) {
        read.add(r);
      }
    }
    assertThat(read).hasSize(TRIALS);
    assertThat(lines).hasSize(1 + 2 * TRIALS); // the start lines are no trials
    assertThat(journal.space()).isEqualTo(SPACE);
    assertThat(journal.seed()).isEqualTo(5);
    List<TrialResult> inJournalOrder = List.copyOf(read);
    read.sort(TrialResult.BEST_FIRST);
    assertThat(read.stream().map(SearchOutputsTest::text).toList())
        .isEqualTo(results.stream().map(SearchOutputsTest::text).toList());
    assertThat(Importance.of(SPACE, inJournalOrder, journal.seed()))
        .isNotEmpty()
        .isEqualTo(Importance.of(SPACE, results, 5));
    assertThat(journal.trial(JSON.readTree("{\"type\":\"trial\",\"trial\":99}"))).isNull();
  }

  /**
   * A trial with its values as text (the journal reads back 64 as an Integer, a search draws a
   * Long).
   */
  private static String text(TrialResult r) {
    return r.trial()
        + " "
        + r.seed()
        + " "
        + r.params()
        + " "
        + r.validationAccuracy()
        + " "
        + r.trainAccuracy()
        + " "
        + r.status();
  }

  @Test
  void theReportLeadsWithTheBestTrialAndEmbedsEveryFigure() throws Exception {
    Map<String, Double> importance = Importance.of(SPACE, results, 5);
    List<String> warnings = new ArrayList<>();
    Path dir = tmp.resolve("report");
    try (RunDirectory run = RunDirectory.createAt(dir)) {
      SearchOutputs.write(
          run, SETTINGS, results, importance, 75, 0.9123, FigureFiles.STANDARD, warnings::add);
    }
    assertThat(warnings).isEmpty();
    String html = Files.readString(dir.resolve("report.html"));
    Matcher m = Pattern.compile("src=\"data:image/png;base64,([^\"]+)\"").matcher(html);
    List<String> figures = List.of("best.png", "scatter.png", "parallel.png", "importance.png");
    for (String figure : figures) {
      assertThat(m.find()).as(figure).isTrue();
      assertThat(Base64.getDecoder().decode(m.group(1)))
          .isEqualTo(Files.readAllBytes(dir.resolve(figure)));
    }
    assertThat(m.find()).isFalse();
    assertThat(html).doesNotContain("src=\"http").doesNotContain("<link");
    TrialResult best = results.get(0);
    assertThat(html)
        .contains("<strong>Best validation accuracy " + Numbers.percent(best.score()) + "</strong>")
        .contains("(trial " + best.trial() + ": lr ")
        .contains(", batch-size " + best.params().get("batch-size") + ";")
        .contains(Numbers.count(TRIALS) + " trials in 1 min 15 s")
        .contains("test accuracy 91.2 %");
    String table = html.substring(html.indexOf("<table id=\"trials\">"));
    table = table.substring(0, table.indexOf("</table>"));
    assertThat(table.split("<tr><td>", -1)).hasSize(TRIALS + 1);
    for (TrialResult r : results) {
      Object batch = r.params().get("batch-size");
      assertThat(batch).isInstanceOf(Long.class);
      assertThat(table).contains("<td>" + batch + "</td>");
    }
    assertThat(table).doesNotContain(".0</td>");
    String shares = html.substring(html.indexOf("<table id=\"importance\">"));
    for (Map.Entry<String, Double> e : importance.entrySet()) {
      assertThat(shares)
          .contains("<tr><th>" + e.getKey() + "</th><td>" + Numbers.percent(e.getValue()));
    }
  }

  @Test
  void aFigureThatCannotBeDrawnLeavesTheRestOfThePage() throws Exception {
    FigureFiles failing =
        new FigureFiles(
            (figure, file) -> {
              throw new FigureException("no font can be drawn", null);
            });
    List<String> warnings = new ArrayList<>();
    Path dir = tmp.resolve("no-figures");
    try (RunDirectory run = RunDirectory.createAt(dir)) {
      SearchOutputs.write(run, SETTINGS, results, Map.of(), 3, Double.NaN, failing, warnings::add);
    }
    assertThat(warnings)
        .containsExactly(
            "best.png not written: no font can be drawn",
            "scatter.png not written: no font can be drawn",
            "parallel.png not written: no font can be drawn");
    String html = Files.readString(dir.resolve("report.html"));
    assertThat(html).doesNotContain("<img").doesNotContain("retrained").contains("None: it needs");
    assertThat(html.split("<tr><td>", -1)).hasSize(TRIALS + 1);
    assertThat(Files.exists(dir.resolve("best.png"))).isFalse();
  }
}

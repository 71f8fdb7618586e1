package dev.gakushu.cli;

import dev.gakushu.report.Numbers;
import dev.gakushu.run.TrialResult;
import dev.gakushu.tune.SearchRun;
import dev.gakushu.tune.SearchSpace;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** What tune prints of a finished search: the best trials, the narrowed ranges, the importance. */
final class TuneTable {
  private TuneTable() {}

  static void print(PrintWriter out, SearchRun.Outcome outcome, SearchSpace space, int top) {
    printTable(out, outcome.results(), space, top);
    out.println("narrowed ranges from the best trials, for the next search:");
    out.println(
        "  "
            + String.join(
                " ", outcome.narrowed().values().stream().map(v -> "--space " + v).toList()));
    printImportance(out, outcome.importance());
    if (outcome.retrained() != null) {
      out.printf(
          Locale.ROOT,
          "best configuration retrained on training + validation data: test accuracy %.4f, "
              + "run directory %s%n",
          outcome.retrained().test().accuracy(),
          outcome.retrained().directory());
    }
  }

  /** The importance line, or why there is none. */
  private static void printImportance(PrintWriter out, Map<String, Double> importance) {
    if (importance.isEmpty()) {
      out.println("importance: needs at least 2 trials that ran to the end with different scores");
      return;
    }
    StringBuilder line =
        new StringBuilder("importance (fANOVA, share of the validation accuracy's variance):");
    importance.forEach(
        (name, share) -> line.append(String.format(Locale.ROOT, " %s %.1f %%", name, 100 * share)));
    out.println(line);
  }

  private static void printTable(
      PrintWriter out, List<TrialResult> results, SearchSpace space, int top) {
    out.printf(
        "best %d of %d trials (validation accuracy):%n",
        Math.min(top, results.size()), results.size());
    List<String> names = space.dimensions().stream().map(SearchSpace.Dimension::name).toList();
    StringBuilder head =
        new StringBuilder(
            String.format(Locale.ROOT, "%-8s %-6s %-9s %-6s", "rank", "trial", "score", "epochs"));
    names.forEach(n -> head.append(String.format(Locale.ROOT, " %-12s", n)));
    out.println(head);
    for (int i = 0; i < Math.min(top, results.size()); i++) {
      TrialResult r = results.get(i);
      StringBuilder row =
          new StringBuilder(
              String.format(
                  Locale.ROOT,
                  "Best-%-3d %-6d %-9.4f %-6d",
                  i + 1,
                  r.trial(),
                  r.score(),
                  r.epochs()));
      names.forEach(
          n -> row.append(String.format(Locale.ROOT, " %-12s", value(r.params().get(n)))));
      out.println(row);
    }
  }

  /** A trial's values, each to 3 significant digits: {@code lr=0.00937 weight-decay=1.23e-6}. */
  static String values(Map<String, Object> params) {
    return params.entrySet().stream()
        .map(e -> e.getKey() + "=" + value(e.getValue()))
        .collect(Collectors.joining(" "));
  }

  /** One value: a number to 3 significant digits. */
  static String value(Object v) {
    return v instanceof Number n ? Numbers.shown(n) : String.valueOf(v);
  }
}

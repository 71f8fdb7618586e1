package dev.gakushu.cli;

import dev.gakushu.BadInputException;
import dev.gakushu.observe.RunComparison;
import dev.gakushu.train.FigureFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "compare",
    footerHeading = "%nExamples:%n",
    footer = {
      "  gakushu runs compare runs/first runs/sgd --chart runs/compare.png",
    },
    mixinStandardHelpOptions = true,
    description = {
      "Compares training runs: the settings that differ, their figures side by side, and a chart",
      "of their validation accuracy and training loss per epoch overlaid."
    })
final class RunsCompareCommand implements Callable<Integer> {
  /** Draws the chart; a test may give one that fails. */
  private final FigureFiles figures;

  RunsCompareCommand() {
    this(FigureFiles.STANDARD);
  }

  RunsCompareCommand(FigureFiles figures) {
    this.figures = figures;
  }

  @Spec CommandSpec spec;

  @Parameters(arity = "2..*", paramLabel = "RUN_DIR", description = "Run directories of train.")
  List<Path> runs;

  @Option(
      names = "--chart",
      defaultValue = "compare.png",
      paramLabel = "FILE",
      description = "Where to write the overlay chart (PNG; default: ${DEFAULT-VALUE}).")
  Path chart;

  @Override
  public Integer call() throws IOException {
    Path folder = chart.toAbsolutePath().getParent();
    if (!Files.isDirectory(folder)) {
      throw Checks.invalid(spec, "--chart", chart, "a file in an existing folder");
    }
    RunComparison comparison = new RunComparison(runs);
    PrintWriter out = spec.commandLine().getOut();
    Map<String, List<String>> differ = comparison.differingSettings();
    out.println(differ.isEmpty() ? "settings: all the same" : "settings that differ:");
    print(out, differ);
    out.println("figures:");
    print(out, comparison.figures());
    Optional<byte[]> drawn =
        figures.draw(
            String.valueOf(chart.getFileName()),
            comparison::chart,
            Gakushu.warnings(spec.commandLine().getErr()));
    if (drawn.isEmpty()) {
      return 0;
    }
    byte[] png = drawn.get();
    Path temp = folder.resolve("." + chart.getFileName() + ".tmp");
    try {
      Files.write(temp, png);
      Files.move(temp, chart, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      Files.deleteIfExists(temp);
      throw new BadInputException("cannot write --chart " + chart + ": " + e.getMessage(), e);
    }
    out.println("chart: " + chart);
    return 0;
  }

  private void print(PrintWriter out, Map<String, List<String>> rows) {
    out.println(row("", runs.stream().map(r -> String.valueOf(r.getFileName())).toList()));
    rows.forEach((name, values) -> out.println(row(name, values)));
  }

  /** A name in 28 columns, then each value in 24. */
  private static String row(String name, List<String> values) {
    StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  %-28s", name));
    values.forEach(v -> line.append(String.format(Locale.ROOT, "  %-24s", cut(v))));
    return line.toString().stripTrailing();
  }

  private static String cut(String text) {
    return text.length() <= 24 ? text : text.substring(0, 23) + "…";
  }
}

package dev.gakushu.cli;

import dev.gakushu.observe.RunInfo;
import dev.gakushu.report.Numbers;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "runs",
    footerHeading = "%nExamples:%n",
    footer = {
      "  gakushu runs runs",
    },
    mixinStandardHelpOptions = true,
    subcommands = RunsCompareCommand.class,
    description = {
      "Lists the training runs and searches in a folder, from the files they wrote.",
      "Status: finished, stopped (killed or interrupted), diverged or running."
    })
final class RunsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      arity = "0..1",
      defaultValue = "runs",
      paramLabel = "DIR",
      description = "The folder of runs (default: ${DEFAULT-VALUE}).")
  Path dir;

  @Override
  public Integer call() {
    List<RunInfo> runs = RunInfo.under(dir);
    PrintWriter out = spec.commandLine().getOut();
    if (runs.isEmpty()) {
      out.println("no runs or searches in " + dir);
      return 0;
    }
    String format = "%-16s  %-8s  %-13s  %-13s  %-24s  %-22s  %-9s  %-8s  %-8s  %s%n";
    out.printf(
        Locale.ROOT,
        format,
        "time",
        "status",
        "command",
        "data",
        "network",
        "optimizer",
        "epochs",
        "best val",
        "test acc",
        "directory");
    for (RunInfo r : runs) {
      out.printf(
          Locale.ROOT,
          format,
          Numbers.time(r.time()),
          r.status().label(),
          cut(r.command(), 13),
          cut(r.data(), 13),
          cut(r.network(), 24),
          cut(r.optimizer(), 22),
          r.epochs(),
          accuracy(r.bestValidation()),
          accuracy(r.testAccuracy()),
          dir.relativize(r.dir()).toString().isEmpty() ? "." : dir.relativize(r.dir()));
    }
    return 0;
  }

  static String accuracy(double value) {
    return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.4f", value);
  }

  private static String cut(String text, int width) {
    return text.length() <= width ? text : text.substring(0, width - 1) + "…";
  }
}

package dev.gakushu.cli;

import dev.gakushu.Range;
import dev.gakushu.data.DataAccess;
import dev.gakushu.data.DataLocations;
import dev.gakushu.experiments.BookData;
import dev.gakushu.experiments.Experiment;
import dev.gakushu.experiments.ExperimentRun;
import dev.gakushu.experiments.Experiments;
import dev.gakushu.report.Numbers;
import dev.gakushu.spec.RunSpec;
import dev.gakushu.train.FigureFiles;
import dev.gakushu.train.RunDirectory;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "experiment",
    footerHeading = "%nExamples:%n",
    footer = {
      "  gakushu experiment optimizer-paths --out runs/paths",
      "  gakushu experiment init-histograms --quick --data digits --out runs/init",
    },
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Runs one of the chapter's experiments, or all of them, as the book does.",
      "Writes each one's figure (PNG and SVG), numbers (JSON), findings.json and config.json, and report.html.",
      "NAME: optimizer-paths, optimizer-compare, init-histograms, init-compare, batch-norm,",
      "overfit-weight-decay, overfit-dropout, regularization-compare, hyperparameter-search, or all.",
      "Data: --data as train takes it; by default Fashion-MNIST when installed, else the digits."
    })
final class ExperimentCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "NAME",
      completionCandidates = Candidates.ExperimentNames.class,
      description = "The experiment, or all.")
  String name;

  @Option(
      names = "--seed",
      defaultValue = "" + RunSpec.DEFAULT_SEED,
      paramLabel = "N",
      description = "The run's seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--data",
      completionCandidates = Candidates.DataSets.class,
      paramLabel = "SOURCE",
      description =
          "digits, mnist, fashion-mnist, a folder of IDX files or a CSV file, as train takes it "
              + "(default: fashion-mnist when on this machine, else digits).")
  String data;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description = "First folder to look in for mnist and fashion-mnist.")
  Path dataDir;

  @Option(
      names = "--offline",
      description = "Never download; fail if the data is not on this machine.")
  boolean offline;

  @Option(
      names = "--quick",
      description = "A reduced size (a few iterations), to see that everything works.")
  boolean quick;

  @Option(
      names = "--threads",
      paramLabel = "N",
      description =
          "Threads: the networks of a comparison train at once, one per thread; the results are "
              + "bit-identical for any count (default: all cores).")
  Integer threads;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Run directory, new or empty (default: runs/<time>-NAME).")
  Path out;

  @Option(names = "--no-progress", description = "Do not draw a progress bar.")
  boolean noProgress;

  @Override
  public Integer call() {
    List<Experiment> chosen = Experiments.chosen(name);
    if (chosen.isEmpty()) {
      throw Checks.invalid(
          spec,
          "NAME",
          "'" + name + "'",
          "one of " + String.join(", ", Experiments.names()) + ", all");
    }
    if (threads != null && (threads < 1 || threads > Range.MAX_THREADS)) {
      throw Checks.invalid(
          spec, "--threads", threads, "a whole number from 1 to " + Range.MAX_THREADS);
    }
    int threadCount = threads != null ? threads : Runtime.getRuntime().availableProcessors();
    if (out != null) {
      RunDirectory.requireUsable(out);
    }
    PrintWriter stdout = spec.commandLine().getOut();
    BookData books =
        data == null
            ? BookData.load()
            : BookData.load(
                data,
                new DataAccess(
                    DataLocations.fromEnvironment(dataDir),
                    offline,
                    ConsoleDownloadProgress.forTerminal()));
    if (!books.note().isEmpty()) {
      stdout.println("note: " + books.note());
    }
    RunDirectory run =
        out != null ? RunDirectory.createAt(out) : RunDirectory.createUnder(Path.of("runs"), name);
    try (run) {
      long start = System.nanoTime();
      new ExperimentRun(chosen, books, quick, seed, threadCount)
          .runIn(
              run,
              new ExperimentConsole(stdout, start, quick, !noProgress && Terminal.interactive()),
              FigureFiles.STANDARD,
              Gakushu.warnings(spec.commandLine().getErr()));
      stdout.printf(
          Locale.ROOT,
          "all done in %s; report: %s%n",
          Numbers.duration((System.nanoTime() - start) / 1e9),
          ExperimentRun.report(run));
      return 0;
    }
  }
}

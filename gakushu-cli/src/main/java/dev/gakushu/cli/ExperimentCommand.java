package dev.gakushu.cli;

import dev.gakushu.Version;
import dev.gakushu.data.DataAccess;
import dev.gakushu.data.DataLocations;
import dev.gakushu.experiments.BookData;
import dev.gakushu.experiments.Experiment;
import dev.gakushu.experiments.Experiments;
import dev.gakushu.report.ExperimentResult;
import dev.gakushu.report.Finding;
import dev.gakushu.report.HtmlReport;
import dev.gakushu.report.Numbers;
import dev.gakushu.run.RunFile;
import dev.gakushu.train.FigureFiles;
import dev.gakushu.train.RunDirectory;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
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

  @Parameters(index = "0", paramLabel = "NAME", description = "The experiment, or all.")
  String name;

  @Option(
      names = "--seed",
      defaultValue = "42",
      paramLabel = "N",
      description = "The run's seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--data",
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
    List<Experiment> chosen =
        name.equals("all")
            ? Experiments.all()
            : Experiments.byName(name) == null ? null : List.of(Experiments.byName(name));
    if (chosen == null) {
      throw Checks.invalid(
          spec,
          "NAME",
          "'" + name + "'",
          "one of "
              + String.join(", ", Experiments.all().stream().map(Experiment::name).toList())
              + ", all");
    }
    if (threads != null && (threads < 1 || threads > 1024)) {
      throw Checks.invalid(spec, "--threads", threads, "a whole number from 1 to 1024");
    }
    int threadCount = threads != null ? threads : Runtime.getRuntime().availableProcessors();
    if (out != null) {
      RunDirectory.requireUsable(out);
    }
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter stderr = spec.commandLine().getErr();
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
      List<ExperimentResult> results = new ArrayList<>();
      List<String> images = new ArrayList<>();
      long start = System.nanoTime();
      boolean showBar = !noProgress && Terminal.interactive();
      for (Experiment e : chosen) {
        int number = results.size() + 1;
        stdout.printf(
            Locale.ROOT,
            "[%d/%d] running %s%s ...%n",
            number,
            chosen.size(),
            e.name(),
            quick ? " (quick)" : "");
        stdout.flush();
        ExperimentResult r;
        ProgressBar bar = showBar ? bar(e, results.size(), chosen.size(), start) : null;
        try {
          r = e.run(books, quick, seed, threadCount);
        } finally {
          if (bar != null) {
            bar.close();
          }
        }
        String prefix = chosen.size() == 1 ? "" : r.name() + "/";
        RunDirectory target =
            chosen.size() == 1 ? run : RunDirectory.createAt(run.path().resolve(r.name()));
        Consumer<String> warnings = Gakushu.warnings(stderr);
        if (FigureFiles.STANDARD.write(target, r.name() + ".png", r::figure, warnings)) {
          FigureFiles.STANDARD.write(target, r.name() + ".svg", r::figure, warnings);
        }
        target.writeJson(r.name() + ".json", r.data());
        target.writeJson(RunFile.FINDINGS, r.findings());
        Map<String, Object> config = new LinkedHashMap<>(r.config());
        config.put("experiment", r.name());
        config.put("seed", seed);
        config.put("quick", quick);
        config.put("gakushu_version", Version.get());
        config.put("seconds", r.seconds());
        target.writeJson(RunFile.CONFIG, config);
        if (target != run) {
          target.close();
        }
        results.add(r);
        images.add(prefix + r.name() + ".png");
        for (Finding f : r.findings()) {
          stdout.printf("  [%s] %s%n      %s%n", f.verdict().words(), f.claim(), f.result());
        }
        stdout.printf(
            Locale.ROOT,
            "  %s (%d/%d done, %s in all)%n",
            Numbers.duration(r.seconds()),
            number,
            chosen.size(),
            Numbers.duration((System.nanoTime() - start) / 1e9));
        stdout.flush();
      }
      String title = "Gakushu — chapter 6 experiments" + (quick ? " (quick size)" : "");
      String note =
          "data: "
              + books.name()
              + (books.note().isEmpty() ? "" : " (" + books.note() + ")")
              + "; seed "
              + seed;
      run.write(
          RunFile.REPORT,
          HtmlReport.render(title, results, images, note).getBytes(StandardCharsets.UTF_8));
      stdout.printf(
          Locale.ROOT,
          "all done in %s; report: %s%n",
          Numbers.duration((System.nanoTime() - start) / 1e9),
          run.path().resolve(RunFile.REPORT));
      return 0;
    }
  }

  /**
   * A bar over the experiments while {@code running} runs: how many are done, the time since the
   * first began, and which one is running (cleared when it ends).
   */
  private static ProgressBar bar(Experiment running, int done, int total, long startNanos) {
    return new ProgressBarBuilder()
        .setTaskName("experiments")
        .setInitialMax(total)
        .startsFrom(done, Duration.ofNanos(System.nanoTime() - startNanos))
        .setStyle(ProgressBarStyle.ASCII)
        .setUpdateIntervalMillis(500)
        .hideEta()
        .setConsumer(new ConsoleProgressBarConsumer(System.out))
        .clearDisplayOnFinish()
        .build()
        .setExtraMessage("running " + running.name());
  }
}

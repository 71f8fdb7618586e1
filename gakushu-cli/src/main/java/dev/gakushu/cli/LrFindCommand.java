package dev.gakushu.cli;

import dev.gakushu.BadInputException;
import dev.gakushu.spec.RunSpec;
import dev.gakushu.spec.RunSpecJson;
import dev.gakushu.train.FigureFiles;
import dev.gakushu.train.RunDirectory;
import dev.gakushu.train.TrainingRun;
import dev.gakushu.tune.LrFinder;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "lr-find",
    footerHeading = "%nExamples:%n",
    footer = {
      "  gakushu lr-find --out runs/lr-find",
      "  gakushu lr-find --optimizer sgd --hidden 50 --steps 60 --out runs/lr-sgd",
    },
    sortOptions = false,
    mixinStandardHelpOptions = true,
    description = {
      "Finds a learning rate with the range test (L. Smith; fastai's lr_find): the rate grown",
      "exponentially from --start-lr to --end-lr over --steps steps, the smoothed training loss",
      "recorded until it diverges, and a suggestion by fastai's valley rule. Takes train's options.",
      "Writes a run directory: config.json, lr-find.json and lr-find.png."
    })
final class LrFindCommand implements Callable<Integer> {
  private final FigureFiles figures;

  LrFindCommand() {
    this(FigureFiles.STANDARD);
  }

  LrFindCommand(FigureFiles figures) {
    this.figures = figures;
  }

  @Spec CommandSpec spec;

  @Mixin TrainingOptions training;

  @Option(
      names = "--start-lr",
      paramLabel = "RATE",
      description = "The first learning rate (default: ${DEFAULT-VALUE}).",
      defaultValue = "1e-7")
  double startLr;

  @Option(
      names = "--end-lr",
      paramLabel = "RATE",
      description = "The last learning rate (default: ${DEFAULT-VALUE}).",
      defaultValue = "10")
  double endLr;

  @Option(
      names = "--steps",
      paramLabel = "N",
      description = "Steps from the first to the last learning rate (default: ${DEFAULT-VALUE}).",
      defaultValue = "100")
  int steps;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description =
          "Run directory to create; it must be new or empty (default: runs/<time>-lr-find).")
  Path out;

  @Override
  public Integer call() {
    Checks.positive(spec, "--start-lr", startLr);
    Checks.positive(spec, "--end-lr", endLr);
    if (!(endLr > startLr)) {
      throw Checks.invalid(spec, "--end-lr", endLr, "a rate above --start-lr " + startLr);
    }
    Checks.atLeast(spec, "--steps", steps, 10);
    if (training.learningRateAuto()) {
      throw new BadInputException("--lr auto: lr-find sets the learning rate of every step itself");
    }
    LrFinder.Settings settings = new LrFinder.Settings(startLr, endLr, steps, 4);
    RunSpec runSpec = training.checkedRunSpec(spec);
    if (out != null) {
      RunDirectory.requireUsable(out);
    }
    TrainingRun prepared = training.prepare(spec, runSpec);
    PrintWriter stdout = spec.commandLine().getOut();
    try (RunDirectory dir =
        out != null
            ? RunDirectory.createAt(out)
            : RunDirectory.createUnder(Path.of("runs"), "lr-find")) {
      dir.write(TrainingRun.CONFIG, RunSpecJson.write(runSpec).getBytes(StandardCharsets.UTF_8));
      LrFind.run(
          prepared, settings, dir, figures, Gakushu.warnings(spec.commandLine().getErr()), stdout);
      stdout.printf("run directory: %s%n", dir.path());
    }
    return 0;
  }
}

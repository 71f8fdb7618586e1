package dev.gakushu.cli;

import dev.gakushu.data.DataAccess;
import dev.gakushu.data.DataLocations;
import dev.gakushu.io.ModelFile;
import dev.gakushu.train.EvaluationFiles;
import dev.gakushu.train.FigureFiles;
import dev.gakushu.train.ModelEvaluation;
import dev.gakushu.train.RunDirectory;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "evaluate",
    footerHeading = "%nExamples:%n",
    footer = {
      "  gakushu evaluate --model runs/first/model.safetensors --out runs/first-test",
    },
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Measures a saved model: loss, accuracy, precision, recall, F1 and support per class, confusion matrix.",
      "By default on the test part of the data it was trained on, split again with its seed; writes",
      "evaluation.json and confusion.png into a run directory."
    })
final class EvaluateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--model",
      required = true,
      paramLabel = "FILE",
      description = "A model.safetensors written by train.")
  Path modelFile;

  @Option(
      names = "--data",
      completionCandidates = Candidates.DataSets.class,
      paramLabel = "SOURCE",
      description =
          "Data to evaluate on (default: the data set the model was trained on, found by its name; "
              + "data from a file must be given here).")
  String data;

  @Option(
      names = "--label",
      paramLabel = "COLUMN",
      description = "CSV label column (default: the last).")
  String label;

  @Option(
      names = "--split",
      defaultValue = "test",
      paramLabel = "PART",
      description =
          "test, validation, train (the model's split of its data) or all rows (default: ${DEFAULT-VALUE}).")
  String part;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Run directory (default: runs/<time>-evaluate).")
  Path out;

  @Override
  public Integer call() {
    if (!List.of("test", "validation", "train", "all").contains(part)) {
      throw Checks.invalid(spec, "--split", "'" + part + "'", "test, validation, train or all");
    }
    Checks.modelFile(spec, modelFile);
    if (out != null) {
      RunDirectory.requireUsable(out);
    }
    ModelFile.Model model = ModelFile.read(modelFile, Runtime.getRuntime().availableProcessors());
    ModelEvaluation.Result result =
        ModelEvaluation.evaluate(
            model,
            data,
            label,
            ModelEvaluation.Part.valueOf(part.toUpperCase(Locale.ROOT)),
            new DataAccess(
                DataLocations.fromEnvironment(null), false, ConsoleDownloadProgress.forTerminal()));
    RunDirectory run =
        out != null
            ? RunDirectory.createAt(out)
            : RunDirectory.createUnder(Path.of("runs"), "evaluate");
    try (run) {
      EvaluationFiles.write(
          run,
          modelFile,
          result,
          FigureFiles.STANDARD,
          Gakushu.warnings(spec.commandLine().getErr()));
      ClassificationTable.print(spec.commandLine().getOut(), modelFile, result, run.path());
    }
    return 0;
  }
}

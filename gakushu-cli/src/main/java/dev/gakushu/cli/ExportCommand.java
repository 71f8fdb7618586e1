package dev.gakushu.cli;

import dev.gakushu.io.ModelFile;
import dev.gakushu.onnx.OnnxExport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "export",
    footerHeading = "%nExamples:%n",
    footer = {
      "  gakushu export --model runs/first/model.safetensors --out runs/first.onnx",
    },
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Writes a saved model in a format other runtimes read.",
      "ONNX (opset 13): takes the same raw rows as predict and gives the class probabilities."
    })
final class ExportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--model",
      required = true,
      paramLabel = "FILE",
      description =
          "A model.safetensors written by train, a checkpoint.safetensors, or the best/model.safetensors of tune --retrain-best.")
  Path modelFile;

  @Option(
      names = "--format",
      defaultValue = "onnx",
      paramLabel = "FORMAT",
      description = "onnx (default: ${DEFAULT-VALUE}).")
  String format;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "FILE",
      description = "The file to write (atomically; replaced if it exists).")
  Path out;

  @Override
  public Integer call() throws IOException {
    if (!format.equals("onnx")) {
      throw Checks.invalid(spec, "--format", "'" + format + "'", "onnx");
    }
    Checks.modelFile(spec, modelFile);
    Path directory = out.toAbsolutePath().getParent();
    if (Files.isDirectory(out) || directory == null || !Files.isDirectory(directory)) {
      throw Checks.invalid(spec, "--out", out, "a file in an existing directory");
    }
    if (Files.exists(out) && Files.isSameFile(out, modelFile)) {
      throw Checks.invalid(spec, "--out", out, "a file other than the --model it would replace");
    }
    ModelFile.Model model = ModelFile.read(modelFile, 1);
    long bytes = OnnxExport.write(model, String.valueOf(modelFile.getFileName()), out);
    spec.commandLine()
        .getOut()
        .printf(
            Locale.ROOT,
            "wrote %s (ONNX, opset 13, %d bytes): %s [batch, %d] raw rows -> %s [batch, %d]%n",
            out,
            bytes,
            OnnxExport.INPUT,
            model.network().inputs(),
            OnnxExport.OUTPUT,
            model.network().outputs());
    return 0;
  }
}

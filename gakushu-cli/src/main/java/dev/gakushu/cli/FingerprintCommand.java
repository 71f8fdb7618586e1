package dev.gakushu.cli;

import dev.gakushu.io.TensorFingerprint;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "fingerprint",
    footerHeading = "%nExamples:%n",
    footer = {
      "  gakushu fingerprint runs/first/model.safetensors",
    },
    mixinStandardHelpOptions = true,
    description = {
      "Prints the SHA-256 of a model's tensors and shapes (not its metadata), one line per file as",
      "sha256sum does: the same on every JDK, vector width and thread count for the same run."
    })
final class FingerprintCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(
      arity = "1..*",
      paramLabel = "MODEL",
      description = "A model.safetensors (or checkpoint.safetensors) written by Gakushu.")
  List<Path> models;

  @Override
  public Integer call() {
    List<String> lines = new ArrayList<>();
    for (Path model : models) { // every file read before anything is printed
      lines.add(TensorFingerprint.of(model) + "  " + model);
    }
    lines.forEach(spec.commandLine().getOut()::println);
    spec.commandLine().getOut().flush();
    return 0;
  }
}

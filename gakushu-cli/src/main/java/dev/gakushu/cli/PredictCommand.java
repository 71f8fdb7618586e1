package dev.gakushu.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gakushu.data.CsvTable;
import dev.gakushu.files.AtomicFile;
import dev.gakushu.io.ModelFile;
import dev.gakushu.tensor.Matrix;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "predict",
    footerHeading = "%nExamples:%n",
    footer = {
      "  gakushu predict --model runs/first/model.safetensors --input rows.csv",
    },
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Classifies the rows of a CSV file (or standard input) with a saved model.",
      "Prints the class and the probability of every class for each row of features (no label column)."
    })
final class PredictCommand implements Callable<Integer> {
  /** --input's name for standard input. */
  static final String STDIN = "-";

  @Spec CommandSpec spec;

  @Option(
      names = "--model",
      required = true,
      paramLabel = "FILE",
      description = "A model.safetensors written by train.")
  Path modelFile;

  @Option(
      names = "--input",
      required = true,
      paramLabel = "FILE.csv",
      description =
          "Rows of raw features as the training data's files hold them (digits: pixel counts 0..16; "
              + "MNIST-style: bytes 0..255), as many columns as the model has inputs; a header row is allowed. "
              + "- reads them from standard input.")
  Path input;

  @Option(
      names = "--format",
      defaultValue = "csv",
      paramLabel = "FORMAT",
      description = "csv or json (default: ${DEFAULT-VALUE}).")
  String format;

  @Option(
      names = "--output",
      paramLabel = "FILE",
      description = "Write here (atomically) instead of standard output.")
  Path output;

  @Override
  public Integer call() throws IOException {
    if (!format.equals("csv") && !format.equals("json")) {
      throw Checks.invalid(spec, "--format", "'" + format + "'", "csv or json");
    }
    Checks.modelFile(spec, modelFile);
    if (output != null) {
      Path folder = output.toAbsolutePath().getParent();
      if (Files.isDirectory(output) || !Files.isDirectory(folder)) {
        throw Checks.invalid(
            spec, "--output", output, "a file in an existing folder (" + folder + " is not one)");
      }
    }
    ModelFile.Model model = ModelFile.read(modelFile, 1);
    int columns = model.network().inputs();
    ModelFile.Prediction prediction =
        model.predictRaw(
            input.toString().equals(STDIN)
                ? CsvTable.readFeatures(System.in, "--input - (standard input)", columns)
                : CsvTable.readFeatures(input, columns));
    Matrix probabilities = prediction.probabilities();
    int[] predicted = prediction.classes();
    String text =
        format.equals("csv")
            ? csv(model.classNames(), probabilities, predicted)
            : json(model.classNames(), probabilities, predicted);
    if (output == null) {
      PrintWriter out = spec.commandLine().getOut();
      out.print(text);
      out.flush();
    } else {
      AtomicFile.write(output, text.getBytes(StandardCharsets.UTF_8));
    }
    return 0;
  }

  private static String csv(List<String> classes, Matrix p, int[] predicted) {
    StringWriter w = new StringWriter();
    w.write("row,class");
    for (String c : classes) {
      w.write(",p_" + c.replace(',', '_'));
    }
    w.write('\n');
    for (int r = 0; r < p.rows(); r++) {
      w.write(r + "," + classes.get(predicted[r]).replace(',', '_'));
      for (int c = 0; c < classes.size(); c++) {
        w.write(String.format(Locale.ROOT, ",%.6g", p.get(r, c)));
      }
      w.write('\n');
    }
    return w.toString();
  }

  private static String json(List<String> classes, Matrix p, int[] predicted) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int r = 0; r < p.rows(); r++) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("row", r);
      row.put("class", classes.get(predicted[r]));
      Map<String, Float> probabilities = new LinkedHashMap<>();
      for (int c = 0; c < classes.size(); c++) {
        probabilities.put(classes.get(c), p.get(r, c));
      }
      row.put("probabilities", probabilities);
      rows.add(row);
    }
    try {
      return new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(rows) + "\n";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

package dev.gakushu.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gakushu.io.TensorFingerprint;
import dev.gakushu.tensor.KernelChoice;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The reference runs of {@code fingerprints.txt} (test resources, next to this class): each line
 * names a run, the SHA-256 of its model's tensors ({@code gakushu fingerprint}, "-" for a run
 * without a model), the SHA-256 of the numbers it reports, its output file, and its arguments. The
 * numbers are every number in the output file (each line of a JSON Lines file) with its JSON
 * pointer, in the file's order, except the ones that measure time; so the metadata, texts and
 * timings may differ and the results may not.
 *
 * <p>{@code main} runs them all in a JVM of its own (the test starts one per leg: without the
 * vector module, and at each forced vector width): {@code ReferenceRuns DIR THREADS} prints the
 * kernels in use (a line starting with "#") and one line per run as the file has it, and with
 * {@code --write FILE} writes the file itself.
 */
final class ReferenceRuns {
  static final String RESOURCE = "fingerprints.txt";
  private static final Set<String> TIMINGS = Set.of("seconds", "trials_per_minute");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern FIELDS = Pattern.compile(" \\| ");
  private static final Pattern SPACE = Pattern.compile(" ");

  private ReferenceRuns() {}

  /** A run: its name, its output file and its arguments (without --threads and --out). */
  record Run(String name, String output, List<String> args) {}

  /** The file's lines that are not comments, as they are. */
  static List<String> expected() {
    try (InputStream in = ReferenceRuns.class.getResourceAsStream(RESOURCE)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .lines()
          .filter(l -> !l.isBlank() && !l.startsWith("#"))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The runs of the file's lines: fields separated by " | ", the arguments by spaces. */
  static List<Run> runs() {
    List<Run> runs = new ArrayList<>();
    for (String line : expected()) {
      List<String> f = FIELDS.splitAsStream(line).toList();
      runs.add(new Run(f.get(0), f.get(3), SPACE.splitAsStream(f.get(4)).toList()));
    }
    return runs;
  }

  /** Runs each run under {@code dir} on {@code threads} threads; its line as the file has it. */
  static List<String> compute(Path dir, int threads) throws IOException {
    List<String> lines = new ArrayList<>();
    for (Run run : runs()) {
      Path out = dir.resolve(run.name() + "-" + threads);
      List<String> args = new ArrayList<>(run.args());
      args.addAll(List.of("--threads", "" + threads, "--no-progress", "--out", out.toString()));
      CliRunner r = CliRunner.run(args.toArray(String[]::new));
      if (r.status() != 0) {
        throw new IllegalStateException(
            run.name() + ": exit status " + r.status() + ": " + r.err());
      }
      Path model = out.resolve("model.safetensors");
      lines.add(
          String.join(
              " | ",
              run.name(),
              Files.exists(model) ? TensorFingerprint.of(model) : "-",
              numbers(out.resolve(run.output())),
              run.output(),
              String.join(" ", run.args())));
    }
    return lines;
  }

  /** The SHA-256 of the numbers of a JSON or JSON Lines file, timings left out. */
  static String numbers(Path file) throws IOException {
    StringBuilder text = new StringBuilder();
    List<String> docs =
        file.toString().endsWith(".jsonl")
            ? Files.readAllLines(file)
            : List.of(Files.readString(file));
    for (int i = 0; i < docs.size(); i++) {
      collect(JSON.readTree(docs.get(i)), "/" + i, text);
    }
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest(text.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void collect(JsonNode node, String at, StringBuilder text) {
    if (node.isNumber()) {
      text.append(at).append('=').append(node.asText()).append('\n');
    } else if (node.isObject()) {
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        if (!TIMINGS.contains(e.getKey())) {
          collect(e.getValue(), at + "/" + e.getKey(), text);
        }
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        collect(node.get(i), at + "/" + i, text);
      }
    }
  }

  public static void main(String[] args) throws IOException {
    System.out.println("# kernels: " + KernelChoice.current().description());
    List<String> lines = compute(Path.of(args[0]), Integer.parseInt(args[1]));
    if (args.length > 3 && args[2].equals("--write")) {
      List<String> file = new ArrayList<>();
      try (InputStream in = ReferenceRuns.class.getResourceAsStream(RESOURCE)) {
        new String(in.readAllBytes(), StandardCharsets.UTF_8)
            .lines()
            .filter(l -> l.startsWith("#"))
            .forEach(file::add);
      }
      file.addAll(lines);
      Files.write(Path.of(args[3]), file);
    }
    lines.forEach(System.out::println);
  }
}

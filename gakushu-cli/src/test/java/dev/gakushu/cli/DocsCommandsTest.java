package dev.gakushu.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gakushu.cli.MarkdownCommands.Command;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The docs are tested: every line of a fenced block in the README and the guide (English and
 * Japanese) that starts with {@code ./gakushu} runs, in-process through the command line's entry
 * point, and exits as its page says; every {@code --option} the English pages name exists; every
 * option of every command's --help is named somewhere in the English pages.
 *
 * <p>How a documented command runs (the rules the pages rely on):
 *
 * <ul>
 *   <li>each page in a temporary folder of its own, its commands in order, so a page's chain (train
 *       into {@code --out runs/x}, then predict with {@code runs/x/model.safetensors}) works;
 *       relative paths given to options and parameters of type {@code Path}, and the relative
 *       defaults of such options ({@code runs}), are resolved in that folder, where {@code
 *       rows.csv} holds five rows of the digits' features;
 *   <li>at quick sizes, through the command's own options: {@code --epochs} at most 2 and {@code
 *       --trials} at most 4 (given or not, where the command has them), {@code --quick} where it
 *       has it; {@code mnist} and {@code fashion-mnist} are replaced by the embedded digits, and a
 *       command with a {@code --data} option and none given gets the digits (experiments otherwise
 *       choose Fashion-MNIST when it is installed); a command with {@code --out} and none given
 *       gets a new folder. A command with {@code --resume} gets nothing added: its options come
 *       from the run it resumes. A command given its folder so runs once: the same words on a later
 *       page (the Japanese quick start repeats the English one) would make the same run again;
 *   <li>it must exit with status 0, or with N when the HTML comment {@code <!-- exit N -->} is on
 *       the line before its block's fence. A block marked {@code <!-- not run: why -->} (serves
 *       until stopped, needs Spark's jars) is not run, but its options are parsed.
 * </ul>
 */
class DocsCommandsTest {
  private static final Map<String, Integer> AT_MOST = Map.of("--epochs", 2, "--trials", 4);
  private static final Set<String> BIGGER_DATA = Set.of("mnist", "fashion-mnist");

  /** Options of other programs that the guide names in its text (not gakushu's). */
  private static final Set<String> OTHER_PROGRAMS_OPTIONS =
      Set.of(
          "--add-modules", // java
          "--mount", // unshare
          "--conf", // spark-submit
          "--logdir", // tensorboard
          "--avx2", // bench/compare_pytorch.py
          "--torch"); // bench/compare_pytorch.py

  /** Options every command has from picocli, documented once for all commands. */
  private static final Set<String> STANDARD = Set.of("--help", "--version");

  @TempDir Path tmp;

  private final CommandLine root = new CommandLine(new Gakushu());

  /** What a run of pages did: the commands run with their seconds, those not run and why. */
  private static final class Tally {
    final Map<String, Double> seconds = new LinkedHashMap<>();
    final Map<String, Integer> notRun = new LinkedHashMap<>();
    final Set<List<String>> ranWithTheirOwnOut = new LinkedHashSet<>();
    final List<String> problems = new ArrayList<>();
    int again;
  }

  @Test
  void everyDocumentedCommandRunsAndExitsAsItsPageSays() throws IOException {
    long start = System.nanoTime();
    Duration cpu = ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO);
    List<Path> pages = new ArrayList<>(MarkdownCommands.englishPages());
    pages.addAll(MarkdownCommands.japanesePages());
    Tally tally = new Tally();
    for (Path page : pages) {
      runPage(page, tmp.resolve(page.toString().replace("..", "root")), tally);
    }
    Duration used =
        ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO).minus(cpu);
    System.out.printf(
        "DocsCommandsTest: ran %d documented commands in %.1f s (%.1f s CPU); the same as an"
            + " earlier page's %d; not run %s; the slowest:%n",
        tally.seconds.size(),
        (System.nanoTime() - start) / 1e9,
        used.toMillis() / 1e3,
        tally.again,
        tally.notRun);
    tally.seconds.entrySet().stream()
        .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
        .limit(5)
        .forEach(e -> System.out.printf("  %5.1f s  %s%n", e.getValue(), e.getKey()));
    assertThat(tally.problems).isEmpty();
    assertThat(tally.seconds).as("documented commands run").hasSizeGreaterThan(40);
  }

  @Test
  void aCommandThatNoLongerWorksOrExitsOtherwiseFails() throws IOException {
    Path page = tmp.resolve("example.md");
    Files.writeString(
        page,
        """
        ```
        ./gakushu train --hidden 10 --epochs 30 --out runs/a
        ./gakushu predict --model runs/a/model.safetensors --input rows.csv
        ./gakushu predict --model runs/b/model.safetensors --input rows.csv
        ```
        <!-- exit 2 -->
        ```
        ./gakushu train --epochs 0
        ./gakushu train --epochs 1 --out runs/c
        ```
        <!-- not run: serves until stopped -->
        ```
        ./gakushu dashboard --runs runs --port 1 --colour
        ```
        """);
    Tally tally = new Tally();
    runPage(page, tmp, tally);
    List<String> problems = tally.problems;
    assertThat(problems)
        .hasSize(3)
        .satisfiesExactly(
            p -> assertThat(p).startsWith("example.md: ./gakushu predict --model runs/b/"),
            p -> assertThat(p).startsWith("example.md: ./gakushu train --epochs 1 --out runs/c"),
            p -> assertThat(p).contains("--colour"));
    assertThat(problems.get(0)).contains("exit status 2, the page expects 0");
    assertThat(problems.get(1)).contains("exit status 0, the page expects 2");
    // the quick size: at most two epochs of the thirty the page asks for
    assertThat(Files.readAllLines(tmp.resolve("runs/a/metrics.jsonl"))).hasSize(2);
  }

  @Test
  void everyOptionTheEnglishPagesNameExists() throws IOException {
    Set<String> anyCommandsOptions = new TreeSet<>();
    commands(root)
        .forEach(c -> anyCommandsOptions.addAll(c.getCommandSpec().optionsMap().keySet()));
    List<String> problems = new ArrayList<>();
    for (Path page : MarkdownCommands.englishPages()) {
      String text = Files.readString(page);
      for (Command command : MarkdownCommands.workingCommands(page, text)) {
        problems.addAll(MarkdownCommands.unknownNames(root, command, true));
      }
      for (String span : MarkdownCommands.spans(text)) {
        if (MarkdownCommands.isCommand(span)) {
          problems.addAll(MarkdownCommands.unknownNames(root, new Command(page, span, ""), false));
          continue;
        }
        for (String option : MarkdownCommands.options(span)) {
          if (!anyCommandsOptions.contains(option) && !OTHER_PROGRAMS_OPTIONS.contains(option)) {
            problems.add(
                MarkdownCommands.name(page) + ": `" + span + "`: no command has " + option);
          }
        }
      }
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void everyOptionOfEveryCommandIsDocumented() throws IOException {
    StringBuilder english = new StringBuilder();
    for (Path page : MarkdownCommands.englishPages()) {
      english.append(Files.readString(page)).append('\n');
    }
    Set<String> named = new TreeSet<>(MarkdownCommands.options(english.toString()));
    Set<String> undocumented = new LinkedHashSet<>();
    for (CommandLine command : commands(root)) {
      for (OptionSpec option : command.getCommandSpec().options()) {
        String name = option.longestName();
        if (!STANDARD.contains(name) && !option.hidden() && !named.contains(name)) {
          undocumented.add(String.join(" ", MarkdownCommands.path(command)) + " " + name);
        }
      }
    }
    assertThat(undocumented).as("options of --help that no English page names").isEmpty();
  }

  /** Runs (or parses) the commands of one page in {@code folder}, in order. */
  private void runPage(Path page, Path folder, Tally tally) throws IOException {
    Files.createDirectories(folder);
    writeRows(folder.resolve("rows.csv"));
    int[] outs = {0};
    for (Command command : MarkdownCommands.blockCommands(page, Files.readString(page))) {
      String reason = command.notRunBecause();
      if (ownOut(command) && !tally.ranWithTheirOwnOut.add(command.arguments())) {
        tally.again++; // what it writes no later command reads: the same run as an earlier page's
      } else if (reason != null) {
        parseOnly(command, tally.problems);
        tally.notRun.merge(reason, 1, Integer::sum);
      } else {
        long at = System.nanoTime();
        runAndCheck(command, folder, outs, tally.problems);
        tally.seconds.put(command.toString(), (System.nanoTime() - at) / 1e9);
      }
    }
  }

  /**
   * Whether the test gives the command its output folder: it has {@code --out}, the page gives none
   * and it does not resume, so no later command of the page reads what it writes.
   */
  private boolean ownOut(Command command) {
    List<String> words = command.arguments();
    CommandLine sub = MarkdownCommands.subcommand(root, words);
    return sub.getCommandSpec().findOption("--out") != null
        && words.stream()
            .map(MarkdownCommands::optionName)
            .noneMatch(w -> w.equals("--out") || w.equals("--resume"));
  }

  /** Runs one documented command in {@code folder} and adds a problem if it exits otherwise. */
  private void runAndCheck(Command command, Path folder, int[] outs, List<String> problems) {
    int expected = command.expectedStatus();
    List<String> args = quick(command.arguments(), folder, outs);
    CliRunner r = CliRunner.run(args.toArray(String[]::new));
    if (r.status() != expected) {
      problems.add(
          command
              + ": exit status "
              + r.status()
              + ", the page expects "
              + expected
              + " (ran "
              + String.join(" ", args)
              + ")\n"
              + r.err().strip());
    }
  }

  /** Parses a command that is not run, which checks its subcommand and options. */
  private void parseOnly(Command command, List<String> problems) {
    try {
      new CommandLine(new Gakushu()).parseArgs(command.arguments().toArray(String[]::new));
    } catch (CommandLine.ParameterException e) {
      problems.add(command + ": " + e.getMessage());
    }
  }

  /** The command's arguments as the test runs them (see the class comment). */
  private List<String> quick(List<String> words, Path folder, int[] outs) {
    CommandLine command = MarkdownCommands.subcommand(root, words);
    int at = MarkdownCommands.path(command).size();
    List<String> args = new ArrayList<>(words.subList(0, at));
    Set<String> given = new LinkedHashSet<>();
    for (int i = at; i < words.size(); i++) {
      String word = words.get(i);
      OptionSpec option =
          word.startsWith("-")
              ? command.getCommandSpec().findOption(MarkdownCommands.optionName(word))
              : null;
      if (option == null) { // a parameter, or an unknown option picocli will refuse
        ArgSpec positional =
            command.getCommandSpec().positionalParameters().isEmpty()
                ? null
                : command.getCommandSpec().positionalParameters().get(0);
        args.add(positional != null && isPath(positional) ? inFolder(word, folder) : word);
        continue;
      }
      given.add(option.longestName());
      if (option.arity().max() == 0) {
        args.add(word);
      } else if (word.contains("=")) {
        args.add(option.longestName());
        args.add(value(option, word.substring(word.indexOf('=') + 1), folder));
      } else {
        args.add(word);
        if (i + 1 < words.size()) {
          args.add(value(option, words.get(++i), folder));
        }
      }
    }
    if (given.contains("--resume") || command == root) {
      return args;
    }
    for (OptionSpec option : command.getCommandSpec().options()) {
      String name = option.longestName();
      if (given.contains(name)) {
        continue;
      }
      if (AT_MOST.containsKey(name)) {
        args.addAll(List.of(name, AT_MOST.get(name).toString()));
      } else if (name.equals("--quick")) {
        args.add(name);
      } else if (name.equals("--data")) {
        args.addAll(List.of(name, "digits"));
      } else if (name.equals("--out")) {
        args.addAll(List.of(name, folder.resolve("runs/documented-" + ++outs[0]).toString()));
      } else if (isPath(option) && option.defaultValue() != null) {
        args.addAll(List.of(name, inFolder(option.defaultValue(), folder)));
      }
    }
    List<? extends ArgSpec> positionals = command.getCommandSpec().positionalParameters();
    if (!positionals.isEmpty()
        && isPath(positionals.get(0))
        && args.size() == at
        && positionals.get(0).defaultValue() != null) {
      args.add(inFolder(positionals.get(0).defaultValue(), folder));
    }
    return args;
  }

  /** An option's value as the test gives it (see the class comment). */
  private static String value(OptionSpec option, String value, Path folder) {
    String name = option.longestName();
    if (AT_MOST.containsKey(name) && value.matches("\\d+")) {
      return Integer.toString(Math.min(Integer.parseInt(value), AT_MOST.get(name)));
    }
    if (name.equals("--data") && BIGGER_DATA.contains(value)) {
      return "digits";
    }
    return isPath(option) ? inFolder(value, folder) : value;
  }

  private static boolean isPath(ArgSpec arg) {
    return arg.type() == Path.class || List.of(arg.auxiliaryTypes()).contains(Path.class);
  }

  private static String inFolder(String path, Path folder) {
    return path.equals("-") || Path.of(path).isAbsolute() ? path : folder.resolve(path).toString();
  }

  /**
   * Five rows of the digits' features, as the README makes {@code rows.csv}: the first five lines
   * of the embedded data set without their label column.
   */
  private static void writeRows(Path file) throws IOException {
    Path digits =
        MarkdownCommands.ROOT.resolve("gakushu-core/src/main/resources/dev/gakushu/digits.csv.gz");
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(digits)), StandardCharsets.UTF_8))) {
      String rows =
          in.lines()
              .limit(5)
              .map(l -> l.substring(0, l.lastIndexOf(',')))
              .collect(Collectors.joining("\n", "", "\n"));
      Files.writeString(file, rows);
    }
  }

  /** The command and its subcommands, depth first. */
  private static List<CommandLine> commands(CommandLine cli) {
    List<CommandLine> all = new ArrayList<>(List.of(cli));
    cli.getSubcommands().values().forEach(sub -> all.addAll(commands(sub)));
    return all;
  }
}

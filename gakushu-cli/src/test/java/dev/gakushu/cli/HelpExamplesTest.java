package dev.gakushu.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Every command's --help ends with examples, and every example runs: in the order of the commands
 * (train first, whose runs the others use), with runs/ and rows.csv in a temporary folder.
 */
class HelpExamplesTest {
  private static final Pattern TOKEN = Pattern.compile("'([^']*)'|([^\\s)]+)");

  @TempDir Path tmp;

  /** The command and its subcommands, depth first, the root last. */
  private static List<CommandLine> commands(CommandLine cli) {
    List<CommandLine> all = new ArrayList<>();
    for (CommandLine sub : cli.getSubcommands().values()) {
      all.addAll(commands(sub));
    }
    all.add(cli);
    return all;
  }

  @Test
  void everyCommandsHelpShowsExamplesOfItself() {
    for (String[] path : commandPaths()) {
      List<String> args = new ArrayList<>(List.of(path));
      args.add("--help");
      CliRunner r = CliRunner.run(args.toArray(String[]::new));
      assertThat(r.status()).as(String.join(" ", args)).isZero();
      assertThat(r.out()).as(String.join(" ", args)).contains("Examples:");
      String name = String.join(" ", path);
      // each a whole command: picocli wraps a line longer than its width, which would break it
      assertThat(examples(r.out()))
          .as(name)
          .isNotEmpty()
          .allSatisfy(l -> assertThat(l).contains("gakushu " + (name.isEmpty() ? "" : name)));
    }
  }

  /** The examples at the end of a help text, a line ending in a backslash joined to the next. */
  private static List<String> examples(String help) {
    List<String> examples = new ArrayList<>();
    String pending = "";
    for (String line : help.substring(help.indexOf("Examples:")).lines().skip(1).toList()) {
      if (line.isBlank()) {
        continue;
      }
      if (line.endsWith("\\")) {
        pending += line.substring(0, line.length() - 1);
      } else {
        examples.add(pending + line);
        pending = "";
      }
    }
    assertThat(pending).isEmpty();
    return examples;
  }

  /** Every command's words after gakushu: [train], [runs, compare], ..., [] for gakushu. */
  private static List<String[]> commandPaths() {
    List<String[]> paths = new ArrayList<>();
    for (CommandLine c : commands(new CommandLine(new Gakushu()))) {
      List<String> words = new ArrayList<>();
      for (CommandLine at = c; at.getParent() != null; at = at.getParent()) {
        words.add(0, at.getCommandName());
      }
      paths.add(words.toArray(String[]::new));
    }
    return paths;
  }

  @Test
  void everyExampleRuns() throws IOException {
    Files.writeString(
        tmp.resolve("rows.csv"),
        String.join(",", java.util.Collections.nCopies(64, "3"))
            + "\n"
            + String.join(",", java.util.Collections.nCopies(64, "12"))
            + "\n");
    List<String> examples = new ArrayList<>();
    for (String[] path : commandPaths()) {
      String[] args = new String[path.length + 1];
      System.arraycopy(path, 0, args, 0, path.length);
      args[path.length] = "--help";
      examples.addAll(examples(CliRunner.run(args).out()));
    }
    examples.sort(
        java.util.Comparator.comparingInt((String e) -> e.contains("gakushu train ") ? 0 : 1));
    assertThat(examples).hasSizeGreaterThan(15);
    for (String example : examples) {
      List<String> args = arguments(example);
      if (args.get(0).equals("dashboard")) { // serves until stopped: its options are checked only
        new CommandLine(new Gakushu()).parseArgs(args.toArray(String[]::new));
        continue;
      }
      CliRunner r = CliRunner.run(args.toArray(String[]::new));
      assertThat(r.status()).as(example + "\n" + r.err()).isZero();
    }
  }

  /** The words after gakushu, with runs/ and rows.csv moved into the temporary folder. */
  private List<String> arguments(String example) {
    String command = example.substring(example.indexOf("gakushu ") + "gakushu ".length());
    int comment = command.indexOf('#');
    command = comment < 0 ? command : command.substring(0, comment);
    List<String> args = new ArrayList<>();
    Matcher m = TOKEN.matcher(command);
    while (m.find()) {
      String word = m.group(1) != null ? m.group(1) : m.group(2);
      boolean commandWord =
          args.isEmpty() || (args.equals(List.of("runs")) && word.equals("compare"));
      if (!commandWord
          && (word.equals("runs") || word.startsWith("runs/") || word.equals("rows.csv"))) {
        word = tmp.resolve(word).toString();
      }
      args.add(word);
    }
    return args;
  }
}

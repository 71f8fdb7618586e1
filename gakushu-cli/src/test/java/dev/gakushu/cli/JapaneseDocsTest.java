package dev.gakushu.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gakushu.experiments.Experiments;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The Japanese pages ({@code README.ja.md}, {@code docs/ja/*.md}) name only real commands and
 * options, read from the command classes' picocli specifications (not from --help text):
 *
 * <ul>
 *   <li>a command — a line of a fenced block, or an inline code span, that starts with {@code
 *       ./gakushu} or {@code gakushu} — names a subcommand, and every {@code --option} after it is
 *       an option of that subcommand; in a block, {@code experiment}'s argument is an experiment;
 *   <li>an {@code --option} named in the text is an option of a command the page runs in a block.
 * </ul>
 *
 * It does not run the commands, and does not compare the Japanese pages with the English ones.
 */
class JapaneseDocsTest {
  private static final Path ROOT = Path.of("..");
  private static final Pattern FENCE = Pattern.compile("(?ms)^```[^\\n]*\\n(.*?)^```");
  private static final Pattern SPAN = Pattern.compile("`([^`\\n]+)`");
  private static final Pattern OPTION = Pattern.compile("(?<![\\w-])--[a-z][a-z0-9-]*");
  private static final Pattern TOKEN = Pattern.compile("'[^']*'|\"[^\"]*\"|\\S+");
  private static final Set<String> COMMAND_ENDS = Set.of("#", "|", ">", "&&", ";");

  private final CommandLine root = new CommandLine(new Gakushu());

  @Test
  void everyCommandAndOptionOnTheJapanesePagesExists() throws IOException {
    List<Path> pages = pages();
    assertThat(pages).as("the Japanese pages").hasSizeGreaterThanOrEqualTo(4);
    List<String> problems = new ArrayList<>();
    for (Path page : pages) {
      problems.addAll(check(page, Files.readString(page)));
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void aMisspelledOptionOrCommandIsCaught() {
    Path page = Path.of("example.md");
    String text =
        """
        ```
        ./gakushu train --epochs 3 --epoch 3
        ./gakushu trian
        ./gakushu experiment optimiser-compare --quick
        ```
        `--batch-size` と `--trials` と `gakushu tune --trial 3`
        """;
    assertThat(check(page, text))
        .containsExactly(
            "example.md: ./gakushu train --epochs 3 --epoch 3: train has no option --epoch",
            "example.md: ./gakushu trian: no command trian",
            "example.md: ./gakushu experiment optimiser-compare --quick:"
                + " no experiment optimiser-compare",
            "example.md: gakushu tune --trial 3: tune has no option --trial",
            "example.md: --trials is not an option of the commands the page runs [train, experiment]");
  }

  private static List<Path> pages() throws IOException {
    List<Path> pages = new ArrayList<>(List.of(ROOT.resolve("README.ja.md")));
    try (Stream<Path> files = Files.list(ROOT.resolve("docs/ja"))) {
      files.filter(f -> f.toString().endsWith(".md")).sorted().forEach(pages::add);
    }
    return pages;
  }

  /** Every problem of one page, each a line naming the page and what it says. */
  private List<String> check(Path page, String text) {
    String name = page.getFileName().toString();
    List<String> problems = new ArrayList<>();
    Set<CommandLine> run = new LinkedHashSet<>();
    Matcher block = FENCE.matcher(text);
    while (block.find()) {
      for (String line : block.group(1).lines().toList()) {
        if (line.startsWith("./gakushu ")) {
          CommandLine command = checkCommand(name, line, true, problems);
          if (command != null) {
            run.add(command);
          }
        }
      }
    }
    Matcher span = SPAN.matcher(FENCE.matcher(text).replaceAll(""));
    List<String> mentioned = new ArrayList<>();
    while (span.find()) {
      String code = span.group(1);
      if (code.startsWith("gakushu ") || code.startsWith("./gakushu ")) {
        checkCommand(name, code, false, problems);
      } else {
        OPTION.matcher(code).results().map(MatchResult::group).forEach(mentioned::add);
      }
    }
    for (String option : mentioned) {
      if (run.stream().noneMatch(c -> c.getCommandSpec().optionsMap().containsKey(option))) {
        problems.add(
            name
                + ": "
                + option
                + " is not an option of the commands the page runs "
                + run.stream().map(CommandLine::getCommandName).toList());
      }
    }
    return problems;
  }

  /**
   * Checks one command line up to a comment, pipe or redirection; returns the subcommand it runs,
   * or null. {@code strict} (a line of a block, not a span in the text) also checks the experiment.
   */
  private CommandLine checkCommand(
      String page, String line, boolean strict, List<String> problems) {
    List<String> words = TOKEN.matcher(line).results().map(MatchResult::group).toList();
    CommandLine command = root;
    int at = 1;
    while (at < words.size() && command.getSubcommands().containsKey(words.get(at))) {
      command = command.getSubcommands().get(words.get(at++));
    }
    if (command == root) {
      problems.add(page + ": " + line + ": no command " + (at < words.size() ? words.get(at) : ""));
      return null;
    }
    for (int i = at; i < words.size() && !COMMAND_ENDS.contains(words.get(i)); i++) {
      String word = words.get(i);
      String option = word.contains("=") ? word.substring(0, word.indexOf('=')) : word;
      if (option.startsWith("--") && !command.getCommandSpec().optionsMap().containsKey(option)) {
        problems.add(
            page + ": " + line + ": " + command.getCommandName() + " has no option " + option);
      }
    }
    if (strict && command.getCommandName().equals("experiment") && at < words.size()) {
      String experiment = words.get(at);
      if (!experiment.equals("all") && Experiments.byName(experiment) == null) {
        problems.add(page + ": " + line + ": no experiment " + experiment);
      }
    }
    return command;
  }
}

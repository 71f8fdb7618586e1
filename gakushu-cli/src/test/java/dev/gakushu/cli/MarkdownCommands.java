package dev.gakushu.cli;

import dev.gakushu.experiments.Experiments;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import picocli.CommandLine;

/**
 * The commands and options a Markdown page of the docs names, for the tests that check the pages
 * against the command line ({@link JapaneseDocsTest}, {@link DocsCommandsTest}, {@link
 * DocsDriftTest}):
 *
 * <ul>
 *   <li>a <em>command</em> is a line of a fenced block that starts with {@code ./gakushu } (or a
 *       shell transcript's {@code $ ./gakushu }), with the HTML comment on the line before the
 *       block's fence, if any, as its marker ({@code <!-- not run: why -->}, {@code <!-- exit 2
 *       -->});
 *   <li>a <em>span</em> is an inline code span outside the blocks; one that starts with {@code
 *       gakushu } or {@code ./gakushu } is a command too.
 * </ul>
 */
final class MarkdownCommands {
  /** The repository's root, seen from the module's folder where the tests run. */
  static final Path ROOT = Path.of("..");

  private static final Pattern FENCE =
      Pattern.compile("(?ms)(?:^(<!--[^\\n]*-->)[ \\t]*\\n)?^```[^\\n]*\\n(.*?)^```");
  private static final Pattern SPAN = Pattern.compile("`([^`\\n]+)`");
  private static final Pattern OPTION = Pattern.compile("(?<![\\w-])--[a-z][a-z0-9-]*");
  private static final Pattern TOKEN = Pattern.compile("'([^']*)'|\"([^\"]*)\"|(\\S+)");
  private static final Pattern EXIT = Pattern.compile("<!--\\s*exit (\\d+)\\s*-->");
  private static final Pattern NOT_RUN = Pattern.compile("<!--\\s*not run: ([^>]*?)\\s*-->");
  private static final Set<String> COMMAND_ENDS = Set.of("#", "|", ">", "&&", ";", "2>", "<");

  private MarkdownCommands() {}

  /** One command line of a page: where it is, its text from gakushu on, and its block's marker. */
  record Command(Path page, String line, String marker) {
    /** The exit status the page expects: N of {@code <!-- exit N -->}, else 0. */
    int expectedStatus() {
      Matcher exit = EXIT.matcher(marker);
      return exit.find() ? Integer.parseInt(exit.group(1)) : 0;
    }

    /** Why the command is not run ({@code <!-- not run: why -->}), or null: it is run. */
    String notRunBecause() {
      Matcher reason = NOT_RUN.matcher(marker);
      return reason.find() ? reason.group(1) : null;
    }

    /** The words after the program's name, quotes removed, up to a comment, pipe or redirection. */
    List<String> arguments() {
      List<String> words = new ArrayList<>();
      Matcher m = TOKEN.matcher(line);
      m.find(); // the program
      while (m.find()) {
        if (m.group(3) != null && COMMAND_ENDS.contains(m.group(3))) {
          break;
        }
        words.add(m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3));
      }
      return words;
    }

    @Override
    public String toString() {
      return name(page) + ": " + line;
    }
  }

  /** A page as the repository names it ({@code docs/ja/search.md}), else its file name. */
  static String name(Path page) {
    return page.startsWith(ROOT) ? ROOT.relativize(page).toString() : page.getFileName().toString();
  }

  /** The English pages: the README and the guide's pages, not the Japanese ones. */
  static List<Path> englishPages() throws IOException {
    List<Path> pages = new ArrayList<>(List.of(ROOT.resolve("README.md")));
    pages.addAll(markdownIn(ROOT.resolve("docs")));
    return pages;
  }

  /** The Japanese pages: {@code README.ja.md} and {@code docs/ja}. */
  static List<Path> japanesePages() throws IOException {
    List<Path> pages = new ArrayList<>(List.of(ROOT.resolve("README.ja.md")));
    pages.addAll(markdownIn(ROOT.resolve("docs/ja")));
    return pages;
  }

  private static List<Path> markdownIn(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(f -> f.toString().endsWith(".md")).sorted().toList();
    }
  }

  /**
   * The command lines of the page's fenced blocks that should work, in order: those of a block
   * marked with a failing exit status (a misspelt option shown refused) left out.
   */
  static List<Command> workingCommands(Path page, String text) {
    return blockCommands(page, text).stream().filter(c -> c.expectedStatus() == 0).toList();
  }

  /** The command lines of the page's fenced blocks, in order. */
  static List<Command> blockCommands(Path page, String text) {
    List<Command> commands = new ArrayList<>();
    Matcher block = FENCE.matcher(text);
    while (block.find()) {
      String marker = block.group(1) == null ? "" : block.group(1);
      for (String line : block.group(2).lines().toList()) {
        String command = line.startsWith("$ ") ? line.substring(2) : line;
        if (command.startsWith("./gakushu ") || command.equals("./gakushu")) {
          commands.add(new Command(page, command, marker));
        }
      }
    }
    return commands;
  }

  /** The inline code spans outside the fenced blocks. */
  static List<String> spans(String text) {
    return SPAN.matcher(FENCE.matcher(text).replaceAll("")).results().map(m -> m.group(1)).toList();
  }

  /** Whether a span is a command ({@code gakushu ...} or {@code ./gakushu ...}). */
  static boolean isCommand(String span) {
    return span.startsWith("gakushu ") || span.startsWith("./gakushu ");
  }

  /** The {@code --options} a span names. */
  static List<String> options(String span) {
    return OPTION.matcher(span).results().map(MatchResult::group).toList();
  }

  /** The subcommand that a command's arguments run (the root when none), as picocli resolves it. */
  static CommandLine subcommand(CommandLine root, List<String> arguments) {
    CommandLine command = root;
    for (String word : arguments) {
      CommandLine sub = command.getSubcommands().get(word);
      if (sub == null) {
        break;
      }
      command = sub;
    }
    return command;
  }

  /** The subcommand's words: [train], [runs, compare]. */
  static List<String> path(CommandLine command) {
    List<String> words = new ArrayList<>();
    for (CommandLine at = command; at.getParent() != null; at = at.getParent()) {
      words.add(0, at.getCommandName());
    }
    return words;
  }

  /**
   * What a command names that the command line does not have: the subcommand, an {@code --option}
   * of that subcommand up to a comment, pipe or redirection, and with {@code strict} (a line of a
   * block, not a span in the text) {@code experiment}'s argument. Each a line naming the page.
   */
  static List<String> unknownNames(CommandLine root, Command command, boolean strict) {
    String where = command + ": ";
    List<String> words = command.arguments();
    CommandLine sub = subcommand(root, words);
    int at = path(sub).size();
    if (sub == root) {
      return List.of(where + "no command " + (words.isEmpty() ? "" : words.get(0)));
    }
    List<String> problems = new ArrayList<>();
    for (String word : words.subList(at, words.size())) {
      String option = optionName(word);
      if (option.startsWith("--") && !sub.getCommandSpec().optionsMap().containsKey(option)) {
        problems.add(where + sub.getCommandName() + " has no option " + option);
      }
    }
    if (strict && sub.getCommandName().equals("experiment") && at < words.size()) {
      String experiment = words.get(at);
      if (!experiment.equals("all") && Experiments.byName(experiment) == null) {
        problems.add(where + "no experiment " + experiment);
      }
    }
    return problems;
  }

  /** An option word without a value given with {@code =}. */
  static String optionName(String word) {
    return word.contains("=") ? word.substring(0, word.indexOf('=')) : word;
  }
}

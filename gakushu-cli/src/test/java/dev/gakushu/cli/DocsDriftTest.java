package dev.gakushu.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gakushu.cli.MarkdownCommands.Command;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The Japanese pages do not drift from the English ones. The commands a page names are the
 * subcommands of its blocks' {@code ./gakushu} lines and of its command spans ({@code gakushu tune
 * ...}); its options are those of the same lines and spans and every {@code --option} in its other
 * spans.
 *
 * <ul>
 *   <li>{@code README.ja.md} and {@code README.md}, the two quick starts, name the same commands
 *       and options;
 *   <li>a page of {@code docs/ja} names every command and option that the blocks of the English
 *       pages it covers run, and names only commands and options that those pages, or the English
 *       pages on the topics it touches, name.
 * </ul>
 */
class DocsDriftTest {
  /** A Japanese guide page's English counterparts: the pages it covers and those it touches. */
  private record Counterparts(List<String> covers, List<String> touches) {
    @Override
    public String toString() {
      List<String> all = new ArrayList<>(covers);
      all.addAll(touches);
      return "its English pages " + String.join(", ", all);
    }
  }

  private static final Map<String, Counterparts> COUNTERPARTS =
      Map.of(
          "docs/ja/experiments.md",
          new Counterparts(List.of("docs/experiments.md"), List.of("docs/search.md")),
          "docs/ja/training.md",
          new Counterparts(
              List.of("docs/training.md", "docs/models.md"), List.of("docs/experiments.md")),
          "docs/ja/search.md",
          new Counterparts(List.of("docs/search.md"), List.of("docs/watching.md")));

  private final CommandLine root = new CommandLine(new Gakushu());

  /** What a page names: commands as their words ("runs compare") and options. */
  private record Names(Set<String> commands, Set<String> options) {
    Names() {
      this(new TreeSet<>(), new TreeSet<>());
    }

    void add(Names other) {
      commands.addAll(other.commands);
      options.addAll(other.options);
    }
  }

  @Test
  void theQuickStartsNameTheSameCommandsAndOptions() throws IOException {
    Names english = all(page("README.md"));
    Names japanese = all(page("README.ja.md"));
    assertThat(japanese.commands()).as("README.ja.md's commands").isEqualTo(english.commands());
    assertThat(japanese.options()).as("README.ja.md's options").isEqualTo(english.options());
  }

  @Test
  void eachJapaneseGuidePageKeepsToItsEnglishCounterparts() throws IOException {
    assertThat(MarkdownCommands.japanesePages())
        .as("every page of docs/ja has counterparts here")
        .allSatisfy(
            p ->
                assertThat(
                        p.getFileName().toString().equals("README.ja.md")
                            || COUNTERPARTS.containsKey(
                                MarkdownCommands.ROOT.relativize(p).toString()))
                    .as(p.toString())
                    .isTrue());
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, Counterparts> e : COUNTERPARTS.entrySet()) {
      Names japanese = all(page(e.getKey()));
      Names english = new Names();
      Names englishRun = new Names();
      for (String covered : e.getValue().covers()) {
        english.add(all(page(covered)));
        englishRun.add(run(page(covered)));
      }
      for (String touched : e.getValue().touches()) {
        english.add(all(page(touched)));
      }
      problems.addAll(missing(e.getKey(), japanese, e.getValue().toString(), english));
      problems.addAll(
          missing(
              "the blocks of " + String.join(", ", e.getValue().covers()),
              englishRun,
              e.getKey(),
              japanese));
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void aCommandOrOptionOnOneSideOnlyIsCaught() {
    Names japanese = new Names();
    japanese.commands().addAll(List.of("train", "tune"));
    japanese.options().addAll(List.of("--epochs", "--trials"));
    Names english = new Names();
    english.commands().add("train");
    english.options().add("--epochs");
    assertThat(missing("ja.md", japanese, "en.md", english))
        .containsExactly(
            "ja.md names command tune, which en.md does not",
            "ja.md names option --trials, which en.md does not");
  }

  /** A line for each command and option {@code named} names that {@code in} does not. */
  private static List<String> missing(String page, Names named, String where, Names in) {
    List<String> problems = new ArrayList<>();
    for (String command : named.commands()) {
      if (!in.commands().contains(command)) {
        problems.add(page + " names command " + command + ", which " + where + " does not");
      }
    }
    for (String option : named.options()) {
      if (!in.options().contains(option)) {
        problems.add(page + " names option " + option + ", which " + where + " does not");
      }
    }
    return problems;
  }

  private static Path page(String path) {
    return MarkdownCommands.ROOT.resolve(path);
  }

  /** What the page's blocks run. */
  private Names run(Path page) throws IOException {
    Names names = new Names();
    for (Command command : MarkdownCommands.workingCommands(page, Files.readString(page))) {
      add(names, command);
    }
    return names;
  }

  /** Everything the page names. */
  private Names all(Path page) throws IOException {
    Names names = run(page);
    for (String span : MarkdownCommands.spans(Files.readString(page))) {
      if (MarkdownCommands.isCommand(span)) {
        add(names, new Command(page, span, ""));
      } else {
        names.options().addAll(MarkdownCommands.options(span));
      }
    }
    return names;
  }

  private void add(Names names, Command command) {
    List<String> words = command.arguments();
    CommandLine sub = MarkdownCommands.subcommand(root, words);
    if (sub != root) {
      names.commands().add(String.join(" ", MarkdownCommands.path(sub)));
    }
    words.stream()
        .filter(w -> w.startsWith("--"))
        .map(MarkdownCommands::optionName)
        .forEach(names.options()::add);
  }
}

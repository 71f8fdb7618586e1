package dev.gakushu.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gakushu.cli.MarkdownCommands.Command;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
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
 * {@link DocsCommandsTest} runs the commands; {@link DocsDriftTest} compares these pages with the
 * English ones.
 */
class JapaneseDocsTest {
  private final CommandLine root = new CommandLine(new Gakushu());

  @Test
  void everyCommandAndOptionOnTheJapanesePagesExists() throws IOException {
    List<Path> pages = MarkdownCommands.japanesePages();
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

  /** Every problem of one page, each a line naming the page and what it says. */
  private List<String> check(Path page, String text) {
    List<String> problems = new ArrayList<>();
    Set<CommandLine> run = new LinkedHashSet<>();
    for (Command command : MarkdownCommands.blockCommands(page, text)) {
      problems.addAll(MarkdownCommands.unknownNames(root, command, true));
      CommandLine sub = MarkdownCommands.subcommand(root, command.arguments());
      if (sub != root) {
        run.add(sub);
      }
    }
    List<String> mentioned = new ArrayList<>();
    for (String span : MarkdownCommands.spans(text)) {
      if (MarkdownCommands.isCommand(span)) {
        problems.addAll(MarkdownCommands.unknownNames(root, new Command(page, span, ""), false));
      } else {
        mentioned.addAll(MarkdownCommands.options(span));
      }
    }
    for (String option : mentioned) {
      if (run.stream().noneMatch(c -> c.getCommandSpec().optionsMap().containsKey(option))) {
        problems.add(
            MarkdownCommands.name(page)
                + ": "
                + option
                + " is not an option of the commands the page runs "
                + run.stream().map(CommandLine::getCommandName).toList());
      }
    }
    return problems;
  }
}

package dev.gakushu.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * A fish completion script for a picocli command tree (picocli makes bash's only): one {@code
 * complete} line per subcommand and per option, with the option's {@code completionCandidates} as
 * its values, a file for a path and nothing to complete for other values.
 */
final class FishCompletion {
  private FishCompletion() {}

  static String script(CommandLine root) {
    String name = root.getCommandName();
    StringBuilder s =
        new StringBuilder("# fish completion for ").append(name).append(" (").append(name);
    s.append(" completion fish)\ncomplete -c ").append(name).append(" -f\n");
    commands(s, name, root, List.of());
    return s.toString();
  }

  /** {@code command}'s options and positional values, then its subcommands', depth first. */
  private static void commands(
      StringBuilder s, String name, CommandLine command, List<String> path) {
    CommandSpec spec = command.getCommandSpec();
    String condition = condition(command, path);
    for (OptionSpec o : spec.options()) {
      if (!o.hidden()) {
        s.append("complete -c ").append(name).append(" -n ").append(quote(condition));
        for (String n : o.names()) {
          s.append(n.startsWith("--") ? " -l " + n.substring(2) : " -s " + n.substring(1));
        }
        values(s, o);
        s.append(" -d ").append(quote(firstLine(o.description()))).append('\n');
      }
    }
    for (ArgSpec p : spec.positionalParameters()) {
      if (!p.hidden() && (p.completionCandidates() != null || isPath(p))) {
        s.append("complete -c ").append(name).append(" -n ").append(quote(condition));
        s.append(candidates(p)).append('\n');
      }
    }
    for (Map.Entry<String, CommandLine> sub : command.getSubcommands().entrySet()) {
      CommandLine c = sub.getValue();
      if (c.getCommandSpec().usageMessage().hidden() || !sub.getKey().equals(c.getCommandName())) {
        continue; // an alias is completed as its command
      }
      s.append("complete -c ").append(name).append(" -n ").append(quote(condition));
      s.append(" -a ").append(sub.getKey());
      s.append(" -d ").append(quote(firstLine(c.getCommandSpec().usageMessage().description())));
      s.append('\n');
      List<String> below = new ArrayList<>(path);
      below.add(sub.getKey());
      commands(s, name, c, below);
    }
  }

  /**
   * Where {@code command}'s words complete: after its path of subcommands and before any of its own
   * subcommands.
   */
  private static String condition(CommandLine command, List<String> path) {
    List<String> parts = new ArrayList<>();
    if (path.isEmpty()) {
      parts.add("__fish_use_subcommand");
    }
    for (String p : path) {
      parts.add("__fish_seen_subcommand_from " + p);
    }
    if (!path.isEmpty() && !command.getSubcommands().isEmpty()) {
      parts.add(
          "not __fish_seen_subcommand_from " + String.join(" ", command.getSubcommands().keySet()));
    }
    return String.join("; and ", parts);
  }

  /** An option's value: required (-r), from its candidates, or a file for a path. */
  private static void values(StringBuilder s, OptionSpec o) {
    if (o.arity().max() > 0) {
      s.append(" -r").append(candidates(o));
    }
  }

  private static String candidates(ArgSpec a) {
    if (a.completionCandidates() != null) {
      List<String> values = new ArrayList<>();
      a.completionCandidates().forEach(values::add);
      return " -a " + quote(String.join(" ", values));
    }
    return isPath(a) ? " -F" : "";
  }

  private static boolean isPath(ArgSpec a) {
    return Path.class.isAssignableFrom(a.type());
  }

  private static String firstLine(String[] description) {
    return description.length == 0 ? "" : description[0].replaceAll("\\$\\{[^}]*}", "").strip();
  }

  /** {@code text} in fish's single quotes. */
  private static String quote(String text) {
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }
}

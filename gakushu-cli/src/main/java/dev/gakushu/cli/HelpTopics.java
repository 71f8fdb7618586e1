package dev.gakushu.cli;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * {@code --help} with the options grouped by topic (data, network, run, optimizer, training loop,
 * search, watching, help), each under its heading, for the commands that take option sets of
 * several topics. An option's topic is the option set ({@code @Mixin}) that declares it; the
 * command's own options come first, under "Options".
 */
final class HelpTopics {
  /** The topics in the order they are shown, by the class that declares their options. */
  private static final Map<Class<?>, String> TOPICS = new LinkedHashMap<>();

  static {
    TOPICS.put(DataOptions.class, "Data");
    TOPICS.put(NetworkOptions.class, "Network");
    TOPICS.put(RunOptions.class, "Seed, threads and conventions");
    TOPICS.put(OptimizerOptions.class, "Optimizer, regularisation and schedule");
    TOPICS.put(ScheduleOptions.class, "Optimizer, regularisation and schedule");
    TOPICS.put(TrainingOptions.class, "Training loop");
    TOPICS.put(EarlyStopOptions.class, "Training loop");
    TOPICS.put(TuneOptions.class, "Search");
    TOPICS.put(ExecutorOptions.class, "Search");
    TOPICS.put(SearchDirectoryOptions.class, "Search");
    TOPICS.put(SamplerOptions.class, "Search");
    TOPICS.put(ObserveOptions.class, "Watching");
    TOPICS.put(DashboardOptions.class, "Watching");
  }

  private static final String OWN = "Options";
  private static final String HELP = "Help";

  private HelpTopics() {}

  /** Groups the option list of {@code cli}'s subcommands, and theirs, by topic. */
  static void install(CommandLine cli) {
    for (CommandLine sub : cli.getSubcommands().values()) {
      sub.getHelpSectionMap().put(UsageMessageSpec.SECTION_KEY_OPTION_LIST, HelpTopics::optionList);
      install(sub);
    }
  }

  /** The option list under a heading per topic, or picocli's plain list for one topic. */
  static String optionList(Help help) {
    Map<String, List<OptionSpec>> byTopic = new LinkedHashMap<>();
    byTopic.put(OWN, new ArrayList<>());
    for (String topic : TOPICS.values()) {
      byTopic.putIfAbsent(topic, new ArrayList<>());
    }
    byTopic.put(HELP, new ArrayList<>());
    for (OptionSpec option : help.commandSpec().options()) {
      if (!option.hidden()) {
        byTopic.get(topic(option)).add(option);
      }
    }
    byTopic.values().removeIf(List::isEmpty);
    if (byTopic.keySet().stream().filter(t -> !t.equals(OWN) && !t.equals(HELP)).count() == 0) {
      return help.optionList();
    }
    StringBuilder list = new StringBuilder();
    byTopic.forEach(
        (topic, options) ->
            list.append(String.format("%n%s:%n", topic))
                .append(
                    help.optionListExcludingGroups(
                        options, help.createDefaultLayout(), null, help.parameterLabelRenderer())));
    return list.toString();
  }

  private static String topic(OptionSpec option) {
    if (!(option.userObject() instanceof Field field)) {
      return OWN;
    }
    Class<?> declaring = field.getDeclaringClass();
    if (declaring.getName().startsWith("picocli.")) {
      return HELP; // --help and --version
    }
    return TOPICS.getOrDefault(declaring, OWN);
  }
}

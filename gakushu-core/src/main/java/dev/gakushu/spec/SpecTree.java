package dev.gakushu.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gakushu.BadInputException;
import dev.gakushu.Conventions;
import dev.gakushu.data.Sampling;
import dev.gakushu.optim.LearningRateSchedule.Kind;
import dev.gakushu.optim.OptimizerKind;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A run specification written by hand, as a JSON tree: it may give any part of the settings, and
 * the rest are the defaults, as the same settings given as options would leave them. The user's
 * object is merged over the JSON form of {@link RunSpec.Builder}'s defaults (objects merge field by
 * field, any other value replaces), shaped by the choices that decide other defaults: the
 * conventions, the optimizer's name (whose settings the defaults are), the schedule's kind (whose
 * settings the defaults are), and whether BatchNorm and early stopping are on.
 */
final class SpecTree {
  private SpecTree() {}

  /**
   * {@code user} merged over the defaults it leaves unsaid.
   *
   * @throws BadInputException naming {@code origin} and the field, for a field the specification
   *     does not have (with the nearest one it has) or a choice that is not one of the allowed
   */
  static JsonNode overDefaults(JsonNode user, String origin) {
    if (!user.isObject()) {
      throw new BadInputException(
          origin + ": not a run specification: expected a JSON object, got " + shown(user));
    }
    JsonNode given = withSampling(user, origin);
    JsonNode sampling = given.path("loop").path("sampling");
    if (!sampling.isMissingNode()) {
      choice(sampling, "loop.sampling", Sampling.ids(), origin);
    }
    JsonNode defaults = RunSpecJson.tree(defaultsFor(given, origin));
    requireKnown(given, defaults, "", origin);
    return merge(defaults, given);
  }

  /**
   * {@code user} with the {@code loop.shuffle} of a file written before {@code loop.sampling}
   * replaced by the sampling it meant: true (a fresh seeded order every epoch) is {@code
   * "shuffle"}, false (the stored order) {@code "in-order"}.
   *
   * @throws BadInputException if {@code loop.shuffle} is no boolean, or is given with {@code
   *     loop.sampling}
   */
  private static JsonNode withSampling(JsonNode user, String origin) {
    JsonNode loop = user.path("loop");
    if (!loop.isObject() || !loop.has("shuffle")) {
      return user;
    }
    JsonNode shuffle = loop.get("shuffle");
    if (!shuffle.isBoolean()) {
      throw new BadInputException(
          origin + ": loop.shuffle must be true or false, got " + shown(shuffle));
    }
    if (loop.has("sampling")) {
      throw new BadInputException(
          origin
              + ": loop.shuffle and loop.sampling both given; expected loop.sampling alone (it"
              + " replaces loop.shuffle: true is \"shuffle\", false \"in-order\")");
    }
    ObjectNode copy = ((ObjectNode) user).deepCopy();
    ObjectNode l = (ObjectNode) copy.get("loop");
    l.remove("shuffle");
    l.put("sampling", (shuffle.booleanValue() ? Sampling.SHUFFLE : Sampling.IN_ORDER).id());
    return copy;
  }

  /**
   * The defaults under the user's conventions, optimizer, schedule, BatchNorm and early stopping.
   */
  private static RunSpec defaultsFor(JsonNode user, String origin) {
    RunSpec.Builder b = RunSpec.builder();
    JsonNode conventions = user.path("conventions");
    if (!conventions.isMissingNode()) {
      List<String> ids = Arrays.stream(Conventions.values()).map(Conventions::id).toList();
      String id = choice(conventions, "conventions", ids, origin);
      b.conventions(Conventions.valueOf(id.toUpperCase(Locale.ROOT)));
    }
    JsonNode name = user.path("optimizer").path("name");
    if (!name.isMissingNode()) {
      b.optimizer(choice(name, "optimizer.name", OptimizerKind.ids(), origin));
    }
    JsonNode kind = user.path("schedule").path("kind");
    if (!kind.isMissingNode()) {
      List<String> ids = Arrays.stream(Kind.values()).map(Kind::id).toList();
      b.schedule(Kind.valueOf(choice(kind, "schedule.kind", ids, origin).toUpperCase(Locale.ROOT)));
    }
    b.batchNorm(user.path("network").path("batch_norm").isObject());
    JsonNode early = user.path("loop").path("early_stopping");
    if (early.isObject()) {
      if (!early.has("patience")) {
        throw new BadInputException(
            origin + ": loop.early_stopping needs patience, a whole number >= 1");
      }
      b.earlyStopping(new EarlyStopping(1, 0)); // the shape; the user's patience replaces the 1
    }
    return b.build();
  }

  /** The text of {@code node}, one of {@code allowed}. */
  private static String choice(JsonNode node, String path, List<String> allowed, String origin) {
    if (node.isTextual() && allowed.contains(node.asText())) {
      return node.asText();
    }
    String nearest = node.isTextual() ? Nearest.to(node.asText(), allowed) : null;
    throw new BadInputException(
        origin
            + ": "
            + path
            + " must be one of "
            + String.join(", ", allowed)
            + ", got "
            + shown(node)
            + (nearest == null ? "" : "; did you mean \"" + nearest + "\"?"));
  }

  /** Refuses a field of {@code user} that {@code known} (the defaults, at {@code path}) lacks. */
  private static void requireKnown(JsonNode user, JsonNode known, String path, String origin) {
    for (Map.Entry<String, JsonNode> field : user.properties()) {
      String name = field.getKey();
      String at = path.isEmpty() ? name : path + "." + name;
      if (!known.has(name)) {
        throw new BadInputException(origin + ": " + unknown(at, name, known, path));
      }
      JsonNode value = field.getValue();
      if (known.get(name).isObject() && !value.isObject() && !value.isNull()) {
        throw new BadInputException(origin + ": " + at + " must be an object, got " + shown(value));
      }
      if (value.isObject() && known.get(name).isObject()) {
        requireKnown(value, known.get(name), at, origin);
      }
    }
  }

  private static String unknown(String at, String name, JsonNode known, String path) {
    if (path.equals("optimizer") && !OptimizerSettings.usersOf(name).isEmpty()) {
      return at
          + ": no "
          + name
          + " with optimizer "
          + known.get("name").asText()
          + "; it applies to "
          + String.join(", ", OptimizerSettings.usersOf(name));
    }
    List<String> names = known.properties().stream().map(Map.Entry::getKey).toList();
    String nearest = Nearest.to(name, names);
    String prefix = path.isEmpty() ? "" : path + ".";
    return "unknown field \""
        + at
        + "\""
        + (nearest != null
            ? "; did you mean \"" + prefix + nearest + "\"?"
            : "; expected one of " + String.join(", ", names));
  }

  /** {@code overlay} over a copy of {@code base}: objects merge field by field, else replace. */
  static JsonNode merge(JsonNode base, JsonNode overlay) {
    if (!base.isObject() || !overlay.isObject()) {
      return overlay.deepCopy();
    }
    ObjectNode merged = ((ObjectNode) base).deepCopy();
    for (Map.Entry<String, JsonNode> f : overlay.properties()) {
      JsonNode b = merged.get(f.getKey());
      merged.set(f.getKey(), b == null ? f.getValue().deepCopy() : merge(b, f.getValue()));
    }
    return merged;
  }

  /** A JSON value as a message shows it: strings quoted, an object or a list by its kind. */
  static String shown(JsonNode node) {
    if (node.isObject()) {
      return "an object";
    }
    if (node.isArray()) {
      return "a list";
    }
    return node.isMissingNode() ? "nothing" : node.toString();
  }
}

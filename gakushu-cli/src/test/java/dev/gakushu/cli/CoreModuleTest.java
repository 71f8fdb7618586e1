package dev.gakushu.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The core jar as a named module, as a user on the module path meets it: it exports every package
 * whose {@code package-info} does not call it internal and no other, {@code docs/java-api.md} says
 * which, a program that uses the API compiles and runs against it, and one that reaches into an
 * internal package does not compile.
 */
class CoreModuleTest {
  private static final String MODULE = "dev.gakushu";
  private static final Path SOURCES = Path.of("../gakushu-core/src/main/java/dev/gakushu");
  private static final Path API_PAGE = Path.of("../docs/java-api.md");
  private static final Path EXAMPLE = Path.of("../examples/TrainSaveLoadPredict.java");

  @TempDir Path tmp;

  @Test
  void exportsExactlyThePackagesNotMarkedInternal() throws IOException {
    ModuleDescriptor descriptor = descriptor();
    Set<String> exported =
        descriptor.exports().stream()
            .filter(e -> !e.isQualified())
            .map(ModuleDescriptor.Exports::source)
            .collect(Collectors.toCollection(TreeSet::new));
    Set<String> internal = internalPackages();

    assertThat(internal).isNotEmpty();
    assertThat(exported).doesNotContainAnyElementsOf(internal);
    Set<String> all = new TreeSet<>(exported);
    all.addAll(internal);
    assertThat(all).isEqualTo(new TreeSet<>(descriptor.packages()));
  }

  @Test
  void theApiPageNamesTheExportedAndTheInternalPackages() throws IOException {
    String page = Files.readString(API_PAGE);
    Matcher m =
        Pattern.compile("\\*\\*Exported and internal packages\\.\\*\\*(.*?)\\n\\n", Pattern.DOTALL)
            .matcher(page);
    assertThat(m.find()).as("the paragraph on exported packages in " + API_PAGE).isTrue();
    String[] sentences = m.group(1).split("; ", 2);
    assertThat(sentences).as("exported; internal").hasSize(2);
    Set<String> internal = internalPackages();
    Set<String> exported = new TreeSet<>(descriptor().packages());
    exported.removeAll(internal);
    assertThat(named(sentences[0])).isEqualTo(shortNames(exported));
    assertThat(named(sentences[1])).isEqualTo(shortNames(internal));
  }

  @Test
  void aProgramOnTheModulePathTrainsSavesAndPredicts() throws Exception {
    Path src =
        clientModule("TrainSaveLoadPredict", "package client;\n" + Files.readString(EXAMPLE));
    Path classes = tmp.resolve("classes");

    // javac names the incubating Vector API, which the module requires statically
    assertThat(compile(src, classes)).doesNotContain("error");

    String vector = run(classes, "vector", "--add-modules", "jdk.incubator.vector");
    assertThat(vector).contains("the loaded model classifies");
    assertThat(tmp.resolve("vector/run/model.safetensors")).isRegularFile();
    // without the Vector API the module's plain kernels run, to the same bits
    assertThat(run(classes, "plain")).isEqualTo(vector);
  }

  /** Runs the compiled example on the module path, writing into {@code out}; returns its output. */
  private String run(Path classes, String out, String... javaOptions) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Dgakushu.gemmTuning=off");
    command.addAll(List.of(javaOptions));
    command.addAll(
        List.of(
            "--module-path",
            classes + File.pathSeparator + modulePath(),
            "-m",
            "client/client.TrainSaveLoadPredict",
            tmp.resolve(out).toString()));
    Process p = new ProcessBuilder(command).start();
    String printed = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String errors = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(printed + errors).isZero();
    return printed;
  }

  @Test
  void anInternalPackageIsNotVisibleOnTheModulePath() throws IOException {
    Path src =
        clientModule(
            "Reach",
            """
        package client;
        public class Reach { Object o = dev.gakushu.experiments.Experiments.class; }
        """);

    assertThat(compile(src, tmp.resolve("classes")))
        .contains("dev.gakushu.experiments")
        .contains("does not export");
  }

  /** Writes the sources of a module {@code client} that requires the core and holds one class. */
  private Path clientModule(String className, String source) throws IOException {
    Path src = tmp.resolve("src/client");
    Files.createDirectories(src.resolve("client"));
    Files.writeString(
        src.resolve("module-info.java"), "module client { requires " + MODULE + "; }");
    Files.writeString(src.resolve("client/" + className + ".java"), source);
    return src;
  }

  /** Compiles the module in {@code src} against the core module; returns javac's messages. */
  private static String compile(Path src, Path classes) throws IOException {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    String[] args;
    try (Stream<Path> files = Files.walk(src)) {
      args =
          Stream.concat(
                  Stream.of(
                      "-d",
                      classes.toString(),
                      "--module-path",
                      modulePath(),
                      // not this JVM's class path, which javac takes by default in process
                      "--class-path",
                      Files.createDirectories(src.resolveSibling("no-classes")).toString(),
                      "-proc:none"),
                  files.filter(f -> f.toString().endsWith(".java")).map(Path::toString))
              .toArray(String[]::new);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    javac.run(null, out, out, args);
    return out.toString(StandardCharsets.UTF_8);
  }

  /** The core jar and the jars it requires, from this test's class path. */
  private static String modulePath() {
    return Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(
            e -> {
              String name = Path.of(e).getFileName().toString();
              return name.endsWith(".jar")
                  && (isCoreJar(name)
                      || name.startsWith("jackson-")
                      || name.startsWith("xchart-")
                      || name.startsWith("VectorGraphics2D-"));
            })
        .collect(Collectors.joining(File.pathSeparator));
  }

  private static boolean isCoreJar(String name) {
    return name.startsWith("gakushu-core-") && !name.endsWith("-tests.jar");
  }

  private static ModuleDescriptor descriptor() {
    Path jar =
        Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
            .map(Path::of)
            .filter(p -> isCoreJar(p.getFileName().toString()) && p.toString().endsWith(".jar"))
            .findFirst()
            .orElseThrow(
                () ->
                    new AssertionError(
                        "the core jar is not on the class path; run mvn verify from the root"));
    return ModuleFinder.of(jar)
        .find(MODULE)
        .orElseThrow(() -> new AssertionError(jar + " is not the named module " + MODULE))
        .descriptor();
  }

  /** The packages whose package-info's Javadoc begins "Internal:". */
  private static Set<String> internalPackages() throws IOException {
    Set<String> internal = new TreeSet<>();
    try (Stream<Path> infos = Files.walk(SOURCES)) {
      for (Path info : infos.filter(p -> p.endsWith("package-info.java")).toList()) {
        if (Files.readString(info).contains("/**\n * Internal:")) {
          String relative = SOURCES.relativize(info.getParent()).toString();
          internal.add(MODULE + "." + relative.replace(File.separatorChar, '.'));
        }
      }
    }
    return internal;
  }

  /** The package names in backticks in a sentence, {@code dev.gakushu} for the root. */
  private static Set<String> named(String sentence) {
    Set<String> names = new TreeSet<>();
    Matcher m = Pattern.compile("`([a-z.]+)`").matcher(sentence);
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }

  private static Set<String> shortNames(Set<String> packages) {
    return packages.stream()
        .map(p -> p.equals(MODULE) ? MODULE : p.substring(MODULE.length() + 1))
        .collect(Collectors.toCollection(TreeSet::new));
  }
}

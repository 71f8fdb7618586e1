package dev.gakushu;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The library's API names no internal type of a dependency (a user compiles against what the
 * dependency itself publishes, and its next version may move or drop its internals), and no type of
 * a package the module does not export (a user on the module path could not name it).
 */
class PublicSignaturesTest {
  /** The module's descriptor, compiled into the jar after the tests run. */
  private static final Path DESCRIPTOR = Path.of("src/main/module/module-info.java");

  /** A dependency's internal type (XChart's {@code internal} packages), or the JDK's. */
  private static boolean isInternal(String name) {
    return name.contains(".internal.")
        || name.startsWith("sun.")
        || name.startsWith("jdk.internal.");
  }

  @Test
  void noPublicSignatureNamesAnInternalType() throws Exception {
    Set<String> exported = exportedPackages();
    assertThat(exported)
        .contains("dev.gakushu", "dev.gakushu.spec")
        .doesNotContain("dev.gakushu.bench");
    Set<String> found = new TreeSet<>();
    for (Class<?> c : libraryClasses()) {
      if (!isVisible(c.getModifiers(), c) || !exported.contains(c.getPackageName())) {
        continue;
      }
      List<Type> used = new ArrayList<>();
      used.add(c.getGenericSuperclass());
      used.addAll(List.of(c.getGenericInterfaces()));
      for (Field f : c.getDeclaredFields()) {
        if (isVisible(f.getModifiers(), c)) {
          used.add(f.getGenericType());
        }
      }
      List<Executable> members = new ArrayList<>(List.of(c.getDeclaredMethods()));
      members.addAll(List.<Constructor<?>>of(c.getDeclaredConstructors()));
      for (Executable m : members) {
        if (isVisible(m.getModifiers(), c) && !m.isSynthetic()) {
          used.addAll(List.of(m.getGenericParameterTypes()));
          used.addAll(List.of(m.getGenericExceptionTypes()));
          if (m instanceof Method method) {
            used.add(method.getGenericReturnType());
          }
        }
      }
      for (Type t : used) {
        collect(t, new TreeSet<>(), c.getName(), exported, found);
      }
    }
    assertThat(found).isEmpty();
  }

  /** Public, or protected in a class that can be extended. */
  private static boolean isVisible(int modifiers, Class<?> owner) {
    return Modifier.isPublic(modifiers)
        || (Modifier.isProtected(modifiers) && !Modifier.isFinal(owner.getModifiers()));
  }

  private static void collect(
      Type t, Set<String> seen, String owner, Set<String> exported, Set<String> found) {
    if (t == null || !seen.add(t.getTypeName())) {
      return;
    }
    if (t instanceof Class<?> c) {
      Class<?> element = c;
      while (element.isArray()) {
        element = element.getComponentType();
      }
      String name = element.getName();
      boolean ours = name.startsWith("dev.gakushu.");
      if (ours ? !exported.contains(element.getPackageName()) : isInternal(name)) {
        found.add(owner + " names " + name);
      }
    } else if (t instanceof ParameterizedType p) {
      collect(p.getRawType(), seen, owner, exported, found);
      for (Type a : p.getActualTypeArguments()) {
        collect(a, seen, owner, exported, found);
      }
    } else if (t instanceof WildcardType w) {
      Stream.concat(Stream.of(w.getUpperBounds()), Stream.of(w.getLowerBounds()))
          .forEach(b -> collect(b, seen, owner, exported, found));
    } else if (t instanceof GenericArrayType a) {
      collect(a.getGenericComponentType(), seen, owner, exported, found);
    } else if (t instanceof TypeVariable<?> v) {
      for (Type b : v.getBounds()) {
        collect(b, seen, owner, exported, found);
      }
    }
  }

  /** The packages {@code module-info.java} exports to everyone. */
  private static Set<String> exportedPackages() throws IOException {
    Set<String> exported = new TreeSet<>();
    Matcher m =
        Pattern.compile("^\\s*exports\\s+([\\w.]+)\\s*;", Pattern.MULTILINE)
            .matcher(Files.readString(DESCRIPTOR));
    while (m.find()) {
      exported.add(m.group(1));
    }
    return exported;
  }

  private static List<Class<?>> libraryClasses() throws Exception {
    Path root = Path.of(Version.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<Class<?>> classes = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
        String name = root.relativize(f).toString().replace('/', '.').replaceAll("\\.class$", "");
        classes.add(Class.forName(name, false, PublicSignaturesTest.class.getClassLoader()));
      }
    }
    assertThat(classes).hasSizeGreaterThan(100);
    return classes;
  }
}

package dev.gakushu;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * What a self-contained jar owes the artefacts it bundles: every artefact Maven put into it (the
 * module's runtime dependencies, as {@code dependency:list} wrote them) has a line in the jar's
 * {@code META-INF/THIRD-PARTY.txt} naming its licence texts, and each text is in the jar; so are
 * Gakushu's {@code META-INF/LICENSE} and the merged {@code META-INF/NOTICE}.
 */
public final class BundledLicences {
  /** A listing line: {@code group:name:version | licence | text…}. */
  private static final Pattern ROW =
      Pattern.compile("^([\\w.\\-]+:[\\w.\\-]+:[\\w.\\-]+)\\s*\\|\\s*(\\S+)\\s*\\|\\s*(.+)$");

  /** A {@code dependency:list} line: {@code group:name:type[:classifier]:version:scope[ -- …]}. */
  private static final Pattern LISTED =
      Pattern.compile("^([\\w.\\-]+):([\\w.\\-]+):\\w+(?::[\\w.\\-]+)?:([\\w.\\-]+):\\w+(?: .*)?$");

  private static final Pattern WHITESPACE = Pattern.compile("\\s+");

  private BundledLicences() {}

  /**
   * The problems found, none when the jar is in order.
   *
   * @param jar the shaded jar
   * @param artefactList the output of {@code dependency:list} for the artefacts shaded into it
   * @param listsNothingElse whether every listed artefact must be bundled (the listing is this
   *     jar's own) or the jar may bundle a subset of the listing
   */
  public static List<String> problems(Path jar, Path artefactList, boolean listsNothingElse)
      throws IOException {
    List<String> problems = new ArrayList<>();
    Set<String> bundled = bundledArtefacts(artefactList);
    if (bundled.isEmpty()) {
      problems.add(artefactList + " names no artefact");
    }
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      String license = text(zip, "META-INF/LICENSE");
      if (license == null || !license.contains("Apache License")) {
        problems.add("META-INF/LICENSE is not Gakushu's Apache License");
      }
      String notice = text(zip, "META-INF/NOTICE");
      if (notice == null || !notice.contains("Gakushu")) {
        problems.add("META-INF/NOTICE is not Gakushu's");
      }
      String listing = text(zip, "META-INF/THIRD-PARTY.txt");
      Map<String, List<String>> texts = new TreeMap<>();
      for (String line : listing == null ? List.<String>of() : listing.lines().toList()) {
        Matcher m = ROW.matcher(line.strip());
        if (m.matches()) {
          texts.put(m.group(1), List.of(WHITESPACE.split(m.group(3).strip())));
        }
      }
      for (String artefact : bundled) {
        List<String> files = texts.get(artefact);
        if (files == null) {
          problems.add(artefact + " is bundled but has no line in META-INF/THIRD-PARTY.txt");
          continue;
        }
        for (String file : files) {
          ZipEntry e = zip.getEntry(file);
          if (e == null || e.getSize() == 0) {
            problems.add(artefact + ": its licence text " + file + " is not in the jar");
          }
        }
      }
      if (listsNothingElse) {
        for (String listed : texts.keySet()) {
          if (!bundled.contains(listed)) {
            problems.add(listed + " is in META-INF/THIRD-PARTY.txt but not bundled");
          }
        }
      }
    }
    return problems;
  }

  /** {@code group:name:version} of each line {@code group:name:type[:classifier]:version:scope}. */
  static Set<String> bundledArtefacts(Path artefactList) throws IOException {
    Set<String> artefacts = new TreeSet<>();
    for (String line : Files.readAllLines(artefactList)) {
      Matcher m = LISTED.matcher(line.strip());
      if (m.matches()) {
        artefacts.add(m.group(1) + ":" + m.group(2) + ":" + m.group(3));
      }
    }
    return artefacts;
  }

  private static String text(ZipFile zip, String name) throws IOException {
    ZipEntry e = zip.getEntry(name);
    if (e == null) {
      return null;
    }
    try (var in = zip.getInputStream(e)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}

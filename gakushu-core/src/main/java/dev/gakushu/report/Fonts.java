package dev.gakushu.report;

import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Makes sure Java2D can draw text before a figure is drawn.
 *
 * <p>On a machine without fonts (a plain server image: no fontconfig fonts) the JDK's font manager
 * cannot start, and every chart fails with {@code No physical fonts found} or {@code Fontconfig
 * head is null}. The font manager is only kept once it has started, so this class tries it once;
 * when it fails, the bundled DejaVu Sans is written to a temporary folder together with a JDK font
 * configuration file ({@code sun.awt.fontconfig}) that maps every logical font (SansSerif, Dialog,
 * ...) to it, and the font manager is started again from that file. A machine with fonts keeps its
 * own. Registering the font with {@code GraphicsEnvironment} alone is not enough: registering needs
 * the font manager too.
 */
final class Fonts {
  /** The bundled font, next to this class; its licence is in DejaVuSans-LICENSE.txt. */
  static final String BUNDLED = "DejaVuSans.ttf";

  private static final String[] LOGICAL = {
    "serif", "sansserif", "monospaced", "dialog", "dialoginput"
  };
  private static final String[] STYLES = {"plain", "bold", "italic", "bolditalic"};

  private static boolean usable;

  private Fonts() {}

  /**
   * Returns when text can be drawn; otherwise throws {@link FigureException}.
   *
   * <p>Sets the {@code sun.awt.fontconfig} system property when the machine has no fonts and it is
   * not set yet.
   */
  static synchronized void ensureUsable() {
    if (usable) {
      return;
    }
    if (System.getProperty("sun.awt.fontconfig") == null && !systemHasFonts()) {
      // decided before the font manager first starts: once it has failed, it stays failed
      System.setProperty("sun.awt.fontconfig", writeConfiguration().toString());
    }
    RuntimeException first = textFails();
    if (first != null) {
      if (System.getProperty("sun.awt.fontconfig") != null) {
        throw new FigureException("no font can be drawn: " + first.getMessage(), first);
      }
      System.setProperty("sun.awt.fontconfig", writeConfiguration().toString());
      RuntimeException second = textFails();
      if (second != null) {
        throw new FigureException(
            "no font can be drawn, not even the bundled " + BUNDLED + ": " + second.getMessage(),
            second);
      }
    }
    usable = true;
  }

  /**
   * Whether a Unix machine has font files where fontconfig looks for them; true elsewhere (Windows
   * and macOS always have fonts), and true when the folders cannot be read (then the font manager
   * is tried as it is).
   */
  private static boolean systemHasFonts() {
    if (!"/".equals(java.io.File.separator)
        || System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("mac")) {
      return true;
    }
    String home = System.getProperty("user.home", "");
    for (String dir :
        new String[] {
          "/usr/share/fonts",
          "/usr/local/share/fonts",
          home + "/.fonts",
          home + "/.local/share/fonts"
        }) {
      Path root = Path.of(dir);
      if (!Files.isDirectory(root)) {
        continue;
      }
      try (java.util.stream.Stream<Path> files = Files.walk(root, 4)) {
        if (files.anyMatch(Fonts::isFontFile)) {
          return true;
        }
      } catch (IOException | UncheckedIOException e) {
        return true;
      }
    }
    return false;
  }

  private static boolean isFontFile(Path f) {
    String name = f.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
    return name.endsWith(".ttf")
        || name.endsWith(".otf")
        || name.endsWith(".ttc")
        || name.endsWith(".pfb");
  }

  /** Measures a string in the default sans-serif font; returns what went wrong, or null. */
  @SuppressWarnings("CatchingUnchecked")
  private static RuntimeException textFails() {
    BufferedImage image = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.getFontMetrics(new Font(Font.SANS_SERIF, Font.PLAIN, 12)).stringWidth("0");
      return null;
    } catch (RuntimeException e) {
      return e;
    } catch (Error e) { // the JDK's "Probable fatal error: No physical fonts found"
      if (e instanceof OutOfMemoryError || e instanceof StackOverflowError) {
        throw e;
      }
      return new IllegalStateException(String.valueOf(e.getMessage()), e);
    } finally {
      g.dispose();
    }
  }

  /** The bundled font and a font configuration naming it, in a new temporary folder. */
  private static Path writeConfiguration() {
    try {
      Path dir = Files.createTempDirectory("gakushu-fonts");
      Path font = dir.resolve(BUNDLED);
      try (InputStream in = open()) {
        Files.copy(in, font, StandardCopyOption.REPLACE_EXISTING);
      }
      StringBuilder p = new StringBuilder("version=1\nsequence.allfonts=latin-1\n");
      for (String logical : LOGICAL) {
        for (String style : STYLES) {
          p.append(logical).append('.').append(style).append(".latin-1=DejaVu Sans\n");
        }
      }
      // a properties file: backslashes (Windows paths) are escapes
      p.append("filename.DejaVu_Sans=")
          .append(font.toAbsolutePath().toString().replace("\\", "\\\\"))
          .append('\n');
      Path configuration = dir.resolve("fontconfig.properties");
      Files.writeString(configuration, p, StandardCharsets.ISO_8859_1);
      font.toFile().deleteOnExit();
      configuration.toFile().deleteOnExit();
      dir.toFile().deleteOnExit();
      return configuration;
    } catch (IOException e) {
      throw new FigureException("cannot write the bundled font to a temporary folder: " + e, e);
    }
  }

  /** The bundled font file's bytes. */
  static InputStream open() {
    InputStream in = Fonts.class.getResourceAsStream(BUNDLED);
    if (in == null) {
      throw new UncheckedIOException(new IOException(BUNDLED + " is missing from the jar"));
    }
    return in;
  }
}

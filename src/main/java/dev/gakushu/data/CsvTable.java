package dev.gakushu.data;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import dev.gakushu.BadInputException;
import dev.gakushu.tensor.Matrix;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reads a table of numeric features and one label column from a CSV file.
 *
 * <ul>
 *   <li>A header row is recognised when every field of the first row is not a number, or when some
 *       column holds text in the first row and a number in the second.
 *   <li>The label column is chosen by header name or by 0-based index (negative counts from the
 *       end); by default it is the last column.
 *   <li>Labels that are all whole numbers become classes in numeric order; otherwise classes are
 *       the distinct strings in sorted order. A second file (a test set) must use the first file's
 *       classes.
 *   <li>Every feature must be a finite number. Each defect is reported with the file, the line and
 *       the column.
 * </ul>
 */
public final class CsvTable {
  private CsvTable() {}

  /** The columns, the class mapping and the rows of a file. */
  record Raw(Path file, List<String> header, List<String[]> rows, List<Long> lines) {}

  /** Reads {@code file}; {@code label} is a column name, an index, or null for the last column. */
  public static Dataset read(Path file, String label) {
    Raw raw = parse(file);
    int labelColumn = labelColumn(raw, label);
    return toDataset(raw, labelColumn, classesOf(raw, labelColumn));
  }

  /**
   * Reads a second file with the same columns and the classes of {@code like} (a training set read
   * by {@link #read}).
   */
  public static Dataset readLike(Path file, String label, Dataset like) {
    Raw raw = parse(file);
    int labelColumn = labelColumn(raw, label);
    int columns = raw.rows().get(0).length;
    if (columns != like.featureCount() + 1) {
      throw new BadInputException(
          file
              + ": "
              + columns
              + " columns, but the training file has "
              + (like.featureCount() + 1)
              + "; expected the same columns");
    }
    return toDataset(raw, labelColumn, like.classNames());
  }

  /**
   * Reads a file of features only (no label column), with or without a header; every row must have
   * {@code columns} finite numbers.
   */
  public static Matrix readFeatures(Path file, int columns) {
    Raw raw = parse(file, 1);
    int found = raw.rows().get(0).length;
    if (found != columns) {
      throw new BadInputException(
          file + ": " + found + " columns, expected the model's " + columns + " features");
    }
    float[] values = new float[raw.rows().size() * columns];
    for (int r = 0; r < raw.rows().size(); r++) {
      for (int c = 0; c < columns; c++) {
        values[r * columns + c] = feature(raw, r, c, raw.rows().get(r)[c]);
      }
    }
    return Matrix.wrap(raw.rows().size(), columns, values);
  }

  static Raw parse(Path file) {
    return parse(file, 2);
  }

  private static Raw parse(Path file, int minColumns) {
    CsvMapper mapper = new CsvMapper();
    mapper.enable(CsvParser.Feature.WRAP_AS_ARRAY);
    mapper.enable(CsvParser.Feature.SKIP_EMPTY_LINES);
    mapper.enable(CsvParser.Feature.TRIM_SPACES);
    List<String[]> rows = new ArrayList<>();
    List<Long> lines = new ArrayList<>();
    if (!Files.isRegularFile(file)) {
      throw new BadInputException(file + ": no such file");
    }
    try (MappingIterator<String[]> it =
        mapper.readerFor(String[].class).readValues(file.toFile())) {
      while (it.hasNextValue()) {
        String[] row = it.nextValue();
        lines.add((long) it.getParser().currentTokenLocation().getLineNr());
        rows.add(row);
      }
    } catch (NoSuchFileException e) {
      throw new BadInputException(file + ": no such file");
    } catch (IOException | RuntimeException e) {
      throw new BadInputException(
          file + ": not readable as CSV (" + e.getMessage().lines().findFirst().orElse("") + ")",
          e);
    }
    if (rows.isEmpty()) {
      throw new BadInputException(file + ": empty; expected rows of numeric features and a label");
    }
    List<String> header = null;
    if (isHeader(rows)) {
      header = List.of(rows.remove(0));
      lines.remove(0);
    }
    if (rows.isEmpty()) {
      throw new BadInputException(file + ": has a header but no data rows");
    }
    int columns = header != null ? header.size() : rows.get(0).length;
    if (columns < minColumns) {
      throw new BadInputException(
          file + ": " + columns + " column; expected at least one feature and a label");
    }
    for (int r = 0; r < rows.size(); r++) {
      if (rows.get(r).length != columns) {
        throw new BadInputException(
            file
                + " line "
                + lineOf(lines, r)
                + ": "
                + rows.get(r).length
                + " fields, expected "
                + columns
                + " like the "
                + (header != null ? "header" : "first row"));
      }
    }
    return new Raw(file, header, rows, lines);
  }

  /** The line of the file that row {@code row} (0-based, header excluded) starts on. */
  private static long lineOf(List<Long> lines, int row) {
    return lines.get(row);
  }

  private static boolean isHeader(List<String[]> rows) {
    String[] first = rows.get(0);
    boolean noNumbers = true;
    for (String f : first) {
      noNumbers &= !isNumber(f);
    }
    if (noNumbers) {
      return true;
    }
    if (rows.size() < 2) {
      return false;
    }
    String[] second = rows.get(1);
    for (int c = 0; c < Math.min(first.length, second.length); c++) {
      if (!isNumber(first[c]) && isNumber(second[c])) {
        return true;
      }
    }
    return false;
  }

  private static boolean isNumber(String s) {
    try {
      Double.parseDouble(s.trim());
      return !s.isBlank();
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static int labelColumn(Raw raw, String label) {
    int columns = raw.rows().get(0).length;
    if (label == null) {
      return columns - 1;
    }
    if (raw.header() != null) {
      int named = raw.header().indexOf(label);
      if (named >= 0) {
        return named;
      }
    }
    try {
      int index = Integer.parseInt(label.trim());
      int resolved = index < 0 ? columns + index : index;
      if (resolved >= 0 && resolved < columns) {
        return resolved;
      }
    } catch (NumberFormatException ignored) {
      // not an index: fall through to the error
    }
    throw new BadInputException(
        raw.file()
            + ": label column '"
            + label
            + "' does not exist; expected "
            + (raw.header() != null ? "one of " + String.join(", ", raw.header()) + ", or " : "")
            + "an index from 0 to "
            + (columns - 1)
            + " (negative from the end)");
  }

  private static List<String> classesOf(Raw raw, int labelColumn) {
    boolean allIntegers = true;
    for (String[] row : raw.rows()) {
      allIntegers &= row[labelColumn].matches("-?\\d+");
    }
    if (allIntegers) {
      TreeSet<Long> values = new TreeSet<>();
      raw.rows().forEach(row -> values.add(Long.parseLong(row[labelColumn])));
      return values.stream().map(String::valueOf).toList();
    }
    TreeSet<String> values = new TreeSet<>();
    raw.rows().forEach(row -> values.add(row[labelColumn]));
    return List.copyOf(values);
  }

  private static Dataset toDataset(Raw raw, int labelColumn, List<String> classes) {
    int n = raw.rows().size();
    int columns = raw.rows().get(0).length;
    int d = columns - 1;
    TreeMap<String, Integer> classIndex = new TreeMap<>();
    for (int c = 0; c < classes.size(); c++) {
      classIndex.put(classes.get(c), c);
    }
    float[] features = new float[n * d];
    int[] labels = new int[n];
    for (int r = 0; r < n; r++) {
      String[] row = raw.rows().get(r);
      int f = 0;
      for (int c = 0; c < columns; c++) {
        if (c == labelColumn) {
          String value = normalizeLabel(row[c]);
          Integer index = classIndex.get(value);
          if (index == null) {
            throw new BadInputException(
                raw.file()
                    + " line "
                    + lineOf(raw.lines(), r)
                    + ": label '"
                    + row[c]
                    + "' is not one of the training classes "
                    + classes);
          }
          labels[r] = index;
        } else {
          features[r * d + f++] = feature(raw, r, c, row[c]);
        }
      }
    }
    return new Dataset(
        raw.file().getFileName().toString(), Matrix.wrap(n, d, features), labels, classes);
  }

  private static String normalizeLabel(String s) {
    return s.matches("-?\\d+") ? String.valueOf(Long.parseLong(s)) : s;
  }

  private static float feature(Raw raw, int r, int c, String text) {
    String column = raw.header() != null ? " ('" + raw.header().get(c) + "')" : "";
    float v;
    try {
      v = Float.parseFloat(text);
    } catch (NumberFormatException e) {
      throw new BadInputException(
          raw.file()
              + " line "
              + lineOf(raw.lines(), r)
              + ", column "
              + c
              + column
              + ": '"
              + text
              + "' is not a number");
    }
    if (!Float.isFinite(v)) {
      throw new BadInputException(
          raw.file()
              + " line "
              + lineOf(raw.lines(), r)
              + ", column "
              + c
              + column
              + ": '"
              + text
              + "' is not finite; expected a finite number");
    }
    return v;
  }
}

package dev.gakushu.data;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import dev.gakushu.BadInputException;
import dev.gakushu.tensor.Matrix;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Reads a table of numeric features and one label column from a CSV file.
 *
 * <ul>
 *   <li>A header row is recognised when every field of the first row is not a number, or when some
 *       column holds text in the first row and a number in the second.
 *   <li>The label column is chosen by header name or by 0-based index (negative counts from the
 *       end); by default it is the last column.
 *   <li>Labels that are all whole numbers become classes in numeric order; otherwise classes are
 *       the distinct strings in sorted order. A label column of numbers with fractions, or of more
 *       distinct values than {@link #maxClasses} allows, is refused: Gakushu classifies. A second
 *       file (a test set) must use the first file's classes.
 *   <li>Every feature must be a finite number. Each defect is reported with the file, the line and
 *       the column.
 * </ul>
 */
public final class CsvTable {
  /**
   * The budget: at most 2^26 values (67,108,864, 256 MiB as float32) in one file. MNIST written as
   * CSV holds 47,040,000.
   */
  public static final long MAX_CELLS = 1L << 26;

  private CsvTable() {}

  /**
   * A file as read: its header (or null), the label text of each row (null for a file of features
   * only), the features row-major as float32 and the line each row starts on. Rows are converted as
   * they are read, so a file is never held as text.
   */
  record Table(
      Path file,
      List<String> header,
      int columns,
      int labelColumn,
      String[] labels,
      float[] features,
      long[] lines) {
    int rows() {
      return lines.length;
    }

    int featureCount() {
      return labelColumn < 0 ? columns : columns - 1;
    }
  }

  /** Reads {@code file}; {@code label} is a column name, an index, or null for the last column. */
  public static Dataset read(Path file, String label) {
    Table table = parse(file, label, true, MAX_CELLS);
    List<String> classes = classesOf(table);
    if (classes.size() < 2) {
      throw new BadInputException(
          file
              + ": the label column"
              + (table.header() != null ? " '" + table.header().get(table.labelColumn()) + "'" : "")
              + " holds the one class "
              + classes
              + "; expected at least two classes to tell apart");
    }
    requireClassLabels(table, classes);
    return toDataset(table, classes);
  }

  /** The most classes a label column may have: min(1,000, max(20, ⌊rows/2⌋)). */
  static int maxClasses(int rows) {
    return Math.min(1000, Math.max(20, rows / 2));
  }

  /**
   * Refuses a label column that holds a measurement rather than classes: numbers with a fraction
   * (0.25, -1.6e-2), or more distinct values than {@link #maxClasses} allows for its rows.
   */
  private static void requireClassLabels(Table table, List<String> classes) {
    String fraction = classes.stream().filter(CsvTable::hasFraction).findFirst().orElse(null);
    int rows = table.rows();
    if (fraction == null && classes.size() <= maxClasses(rows)) {
      return;
    }
    throw new BadInputException(
        String.format(
            Locale.ROOT,
            "%s: column %s has %,d distinct values in %,d rows (e.g. '%s'); Gakushu classifies, so"
                + " the label column must hold class labels: names or whole numbers, at most %,d"
                + " classes for %,d rows",
            table.file(),
            table.header() != null
                ? "\"" + table.header().get(table.labelColumn()) + "\""
                : String.valueOf(table.labelColumn()),
            classes.size(),
            rows,
            fraction != null ? fraction : table.labels()[0],
            maxClasses(rows),
            rows));
  }

  /** Whether {@code label} is a number with a fractional part (1.50 has one, 2.0 and 1e3 none). */
  private static boolean hasFraction(String label) {
    try {
      return new BigDecimal(label.trim()).stripTrailingZeros().scale() > 0;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /**
   * Reads a second file with the same columns and the classes of {@code like} (a training set read
   * by {@link #read}).
   */
  public static Dataset readLike(Path file, String label, Dataset like) {
    Table table = parse(file, label, true, MAX_CELLS);
    if (table.columns() != like.featureCount() + 1) {
      throw new BadInputException(
          file
              + ": "
              + table.columns()
              + " columns, but the training file has "
              + (like.featureCount() + 1)
              + "; expected the same columns");
    }
    return toDataset(table, like.classNames());
  }

  /**
   * Reads a file of features only (no label column), with or without a header; every row must have
   * {@code columns} finite numbers.
   */
  public static Matrix readFeatures(Path file, int columns) {
    return features(parse(file, null, false, MAX_CELLS), file.toString(), columns);
  }

  /**
   * As {@link #readFeatures(Path, int)} for the rows of {@code in} (e.g. standard input), named
   * {@code source} in every message.
   */
  public static Matrix readFeatures(InputStream in, String source, int columns) {
    Table table = parse(Path.of("-"), source, r -> r.readValues(in), null, false, MAX_CELLS);
    return features(table, source, columns);
  }

  private static Matrix features(Table table, String source, int columns) {
    if (table.columns() != columns) {
      throw new BadInputException(
          source
              + ": "
              + table.columns()
              + " columns, expected the model's "
              + columns
              + " features");
    }
    return Matrix.wrap(table.rows(), columns, table.features());
  }

  /**
   * Reads and converts a file.
   *
   * @param labeled whether one column holds labels (chosen by {@code label})
   * @param budget the most values the file may hold
   */
  static Table parse(Path file, String label, boolean labeled, long budget) {
    if (!Files.isRegularFile(file)) {
      throw new BadInputException(file + ": no such file");
    }
    return parse(file, file.toString(), r -> r.readValues(file.toFile()), label, labeled, budget);
  }

  /** Where the rows come from: a file or a stream. */
  private interface Rows {
    MappingIterator<String[]> open(ObjectReader reader) throws IOException;
  }

  /**
   * @param source how messages name what is read
   */
  private static Table parse(
      Path file, String source, Rows rows, String label, boolean labeled, long budget) {
    CsvMapper mapper = new CsvMapper();
    mapper.enable(CsvParser.Feature.WRAP_AS_ARRAY);
    mapper.enable(CsvParser.Feature.SKIP_EMPTY_LINES);
    mapper.enable(CsvParser.Feature.TRIM_SPACES);
    Reader reader = new Reader(file, source, labeled, budget);
    try (MappingIterator<String[]> it = rows.open(mapper.readerFor(String[].class))) {
      while (it.hasNextValue()) {
        String[] row = it.nextValue();
        reader.accept(row, it.getParser().currentTokenLocation().getLineNr(), label);
      }
    } catch (NoSuchFileException e) {
      throw new BadInputException(source + ": no such file");
    } catch (BadInputException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw new BadInputException(
          source
              + ": not readable as CSV ("
              + String.valueOf(e.getMessage()).lines().findFirst().orElse("")
              + ")",
          e);
    }
    return reader.finish(label);
  }

  /**
   * Turns rows into a {@link Table} as they arrive: the first two decide whether there is a header
   * (and so which column is the label), every later one is converted at once.
   */
  private static final class Reader {
    private final Path file;
    private final String source;
    private final boolean labeled;
    private final long budget;
    private final List<String[]> firstRows = new ArrayList<>();
    private final List<Long> firstLines = new ArrayList<>();
    private final Map<String, String> distinctLabels = new HashMap<>();
    private List<String> header;
    private int columns = -1;
    private int labelColumn = -1;
    private float[] features = new float[1024];
    private int featureCount;
    private String[] labels = new String[64];
    private long[] lines = new long[64];
    private int rows;

    Reader(Path file, String source, boolean labeled, long budget) {
      this.file = file;
      this.source = source;
      this.labeled = labeled;
      this.budget = budget;
    }

    void accept(String[] row, long line, String label) {
      if (columns < 0) {
        firstRows.add(row);
        firstLines.add(line);
        if (firstRows.size() == 2) {
          begin(label);
        }
        return;
      }
      convert(row, line);
    }

    /** Decides the header and the columns from the rows read so far, then converts them. */
    private void begin(String label) {
      if (firstRows.isEmpty()) {
        throw new BadInputException(
            source
                + ": empty; expected rows of numeric features"
                + (labeled ? " and a label" : ""));
      }
      if (isHeader(firstRows)) {
        header = List.of(firstRows.remove(0));
        firstLines.remove(0);
      }
      columns = header != null ? header.size() : firstRows.get(0).length;
      int minColumns = labeled ? 2 : 1;
      if (columns < minColumns) {
        throw new BadInputException(
            source + ": " + columns + " column; expected at least one feature and a label");
      }
      labelColumn = labeled ? labelColumn(label) : -1;
      for (int i = 0; i < firstRows.size(); i++) {
        convert(firstRows.get(i), firstLines.get(i));
      }
      firstRows.clear();
    }

    private void convert(String[] row, long line) {
      if (row.length != columns) {
        throw new BadInputException(
            source
                + " line "
                + line
                + ": "
                + row.length
                + " fields, expected "
                + columns
                + " like the "
                + (header != null ? "header" : "first row"));
      }
      if ((long) (rows + 1) * columns > budget) {
        throw new BadInputException(
            source
                + ": more than "
                + budget
                + " values by line "
                + line
                + "; expected at most "
                + budget
                + " (the reader's budget)");
      }
      int width = labelColumn < 0 ? columns : columns - 1;
      if (featureCount + width > features.length) {
        features = Arrays.copyOf(features, (int) Math.min(budget, 2L * features.length + width));
      }
      if (rows == lines.length) {
        lines = Arrays.copyOf(lines, 2 * rows);
        labels = Arrays.copyOf(labels, 2 * rows);
      }
      for (int c = 0; c < columns; c++) {
        if (c == labelColumn) {
          labels[rows] = distinctLabels.computeIfAbsent(row[c], k -> k);
        } else {
          features[featureCount++] = feature(line, c, row[c]);
        }
      }
      lines[rows++] = line;
    }

    Table finish(String label) {
      if (columns < 0) {
        begin(label);
      }
      if (rows == 0) {
        throw new BadInputException(source + ": has a header but no data rows");
      }
      return new Table(
          file,
          header,
          columns,
          labelColumn,
          labeled ? Arrays.copyOf(labels, rows) : null,
          featureCount == features.length ? features : Arrays.copyOf(features, featureCount),
          Arrays.copyOf(lines, rows));
    }

    private int labelColumn(String label) {
      if (label == null) {
        return columns - 1;
      }
      if (header != null) {
        int named = header.indexOf(label);
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
          source
              + ": label column '"
              + label
              + "' does not exist; expected "
              + (header != null ? "one of " + String.join(", ", header) + ", or " : "")
              + "an index from 0 to "
              + (columns - 1)
              + " (negative from the end)");
    }

    private float feature(long line, int c, String text) {
      float v;
      try {
        v = Float.parseFloat(text);
      } catch (NumberFormatException e) {
        throw new BadInputException(cell(line, c, text) + " is not a number");
      }
      if (!Float.isFinite(v)) {
        throw new BadInputException(
            cell(line, c, text) + " is not finite; expected a finite number");
      }
      return v;
    }

    /** Where a value stands, and the value, for a message: "FILE line 3, column 2 ('x'): '?'". */
    private String cell(long line, int c, String text) {
      String column = header != null ? " ('" + header.get(c) + "')" : "";
      return source + " line " + line + ", column " + c + column + ": '" + text + "'";
    }
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

  private static final Pattern INTEGER = Pattern.compile("-?\\d+");

  private static List<String> classesOf(Table table) {
    boolean allIntegers = true;
    for (String label : table.labels()) {
      allIntegers &= INTEGER.matcher(label).matches();
    }
    if (allIntegers) {
      TreeSet<BigInteger> values = new TreeSet<>();
      for (String label : table.labels()) {
        values.add(new BigInteger(label));
      }
      return values.stream().map(String::valueOf).toList();
    }
    return List.copyOf(new TreeSet<>(Arrays.asList(table.labels())));
  }

  private static Dataset toDataset(Table table, List<String> classes) {
    Map<String, Integer> classIndex = new HashMap<>();
    for (int c = 0; c < classes.size(); c++) {
      classIndex.put(classes.get(c), c);
    }
    Map<String, Integer> byText = new HashMap<>();
    int[] labels = new int[table.rows()];
    for (int r = 0; r < labels.length; r++) {
      String text = table.labels()[r];
      Integer index = byText.computeIfAbsent(text, t -> classIndex.get(normalizeLabel(t)));
      if (index == null) {
        throw new BadInputException(
            table.file()
                + " line "
                + table.lines()[r]
                + ": label '"
                + text
                + "' is not one of the training classes "
                + classes);
      }
      labels[r] = index;
    }
    return new Dataset(
        table.file().getFileName().toString(),
        Matrix.wrap(labels.length, table.featureCount(), table.features()),
        labels,
        classes);
  }

  private static String normalizeLabel(String s) {
    return INTEGER.matcher(s).matches() ? new BigInteger(s).toString() : s;
  }
}

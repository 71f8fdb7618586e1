package dev.gakushu.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a killed process leaves in a folder, and what the next command on that folder makes of it:
 * temporary files of atomic writes are deleted; a journal's torn last line is cut off before the
 * search appends to it.
 */
class FaultyFoldersTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String[] SEARCH = {
    "tune", "--epochs", "1", "--hidden", "8", "--space", "lr=log(1e-3,1)", "--no-progress"
  };

  @TempDir Path tmp;

  /** Temporary files as a process killed before its renames leaves them, and a user's own file. */
  private static void leaveTemporaryFiles(Path dir) throws Exception {
    Files.writeString(dir.resolve(".status.json.0123456789abcdef.tmp"), "{\"sta");
    Files.writeString(dir.resolve(".checkpoint.safetensors.fedcba9876543210.tmp"), "half");
    Files.writeString(dir.resolve(".notes.tmp"), "mine");
  }

  private static void assertCleaned(Path dir) throws Exception {
    try (var files = Files.list(dir)) {
      assertThat(files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".tmp")))
          .containsExactly(".notes.tmp");
    }
  }

  @Test
  void resumingATrainRunDeletesTheTemporaryFilesAKillLeft() throws Exception {
    Path run = tmp.resolve("run");
    CliRunner first =
        CliRunner.run(
            "train", "--epochs", "1", "--hidden", "8", "--no-progress", "--out", run.toString());
    assertThat(first.status()).as(first.err()).isZero();
    leaveTemporaryFiles(run);
    CliRunner resumed = CliRunner.run("train", "--resume", run.toString());
    assertThat(resumed.status()).as(resumed.err()).isZero();
    assertCleaned(run);
  }

  @Test
  void resumingASearchDeletesTheTemporaryFilesAndCutsATornLastLine() throws Exception {
    Path search = tmp.resolve("search");
    CliRunner first = CliRunner.run(with("--trials", "2", "--out", search.toString()));
    assertThat(first.status()).as(first.err()).isZero();
    leaveTemporaryFiles(search);
    Path journal = search.resolve("journal.jsonl");
    Files.writeString(
        journal,
        "{\"type\":\"trial\",\"trial\":5,\"se",
        StandardCharsets.UTF_8,
        StandardOpenOption.APPEND);

    // the settings come from the folder: only how many trials
    CliRunner more = CliRunner.run("tune", "--resume", search.toString(), "--trials", "3");
    assertThat(more.status()).as(more.err()).isZero();
    assertCleaned(search);
    List<String> lines = Files.readAllLines(journal);
    for (String line : lines) {
      assertThat(JSON.readTree(line).isObject()).as(line).isTrue();
    }
    assertThat(lines.stream().filter(l -> l.contains("\"type\":\"trial\""))).hasSize(3);
  }

  private static String[] with(String... more) {
    List<String> all = new java.util.ArrayList<>(List.of(SEARCH));
    all.addAll(List.of(more));
    return all.toArray(String[]::new);
  }
}

package dev.gakushu.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gakushu.BadInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunDirectoryTest {
  @TempDir Path tmp;

  @Test
  void aHeldFolderIsRefusedNamingItsOwnerAndFreedOnClose() {
    Path dir = tmp.resolve("run");
    String me = "process " + ProcessHandle.current().pid() + " on ";
    try (RunDirectory run = RunDirectory.createAt(dir)) {
      assertThat(dir.resolve(RunLock.FILE))
          .content()
          .contains("\"pid\":" + ProcessHandle.current().pid());
      assertThatThrownBy(() -> RunDirectory.existing(dir))
          .isInstanceOf(BadInputException.class)
          .hasMessageStartingWith(dir + " is in use by " + me);
      assertThatThrownBy(() -> RunDirectory.createAt(dir))
          .isInstanceOf(BadInputException.class)
          .hasMessageContaining("is in use by " + me);
      run.write("a.txt", new byte[] {1});
    }
    assertThat(dir.resolve(RunLock.FILE)).doesNotExist();
    RunDirectory.existing(dir).close();
    assertThatThrownBy(() -> RunDirectory.createAt(dir)).hasMessageContaining("not empty");
  }

  @Test
  void aLockFileLeftByAKilledProcessDoesNotStopAResume() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("killed"));
    Files.writeString(dir.resolve(RunLock.FILE), "{\"pid\":1,\"host\":\"gone\"}");
    assertThat(RunLock.isHeld(dir)).isFalse();
    try (RunDirectory run = RunDirectory.existing(dir)) {
      assertThat(RunLock.isHeld(run.path())).isTrue();
      assertThat(dir.resolve(RunLock.FILE)).content().doesNotContain("gone");
    }
  }

  @Test
  void wholeFilesAreWrittenThroughUniqueTemporaryFilesThatNeverFollowLinks() throws Exception {
    Path dir = tmp.resolve("links");
    Path elsewhere = Files.writeString(tmp.resolve("precious.txt"), "keep");
    try (RunDirectory run = RunDirectory.createAt(dir)) {
      // a link planted where a fixed temporary name used to be
      Files.createSymbolicLink(dir.resolve(".summary.json.tmp"), elsewhere);
      run.writeJson("summary.json", java.util.Map.of("a", 1));
    }
    assertThat(elsewhere).content().isEqualTo("keep");
    assertThat(dir.resolve("summary.json")).content().contains("\"a\" : 1");
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("summary.json", ".summary.json.tmp");
    }
  }
}

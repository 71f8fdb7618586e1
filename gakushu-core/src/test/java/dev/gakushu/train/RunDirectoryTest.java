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

  /** Another process's lock: held while it lives, refused naming it, free once it has ended. */
  @Test
  void aFolderHeldByAnotherProcessIsHeldUntilItEnds() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("other"));
    Process holder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dgakushu.gemmTuning=off",
                "-cp",
                System.getProperty("java.class.path"),
                LockHolder.class.getName(),
                dir.toString())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    try (var out =
        new java.io.BufferedReader(
            new java.io.InputStreamReader(
                holder.getInputStream(), java.nio.charset.StandardCharsets.UTF_8))) {
      assertThat(out.readLine()).isEqualTo("held");
      assertThat(RunLock.isHeld(dir)).isTrue();
      assertThatThrownBy(() -> RunDirectory.existing(dir))
          .isInstanceOf(BadInputException.class)
          .hasMessageStartingWith(dir + " is in use by process " + holder.pid() + " on ");
    } finally {
      holder.getOutputStream().close();
    }
    assertThat(holder.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    assertThat(holder.exitValue()).isZero();
    assertThat(RunLock.isHeld(dir)).isFalse();
  }

  /** A claim whose lock file appeared meanwhile (another process published first) is refused. */
  @Test
  void aClaimBeatenToTheLockFileIsRefusedAndRemoved() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("beaten"));
    Files.writeString(dir.resolve(RunLock.FILE), "{\"pid\":7,\"host\":\"first\"}");
    assertThatThrownBy(() -> RunLock.acquire(dir, true))
        .isInstanceOf(BadInputException.class)
        .hasMessageStartingWith(dir + " is in use by process 7 on first");
    try (var files = Files.list(dir)) {
      assertThat(files).containsExactly(dir.resolve(RunLock.FILE));
    }
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

  @Test
  void theLockFileNamesThisProcessAndItsHost() throws Exception {
    Path dir = tmp.resolve("host");
    try (RunDirectory run = RunDirectory.createAt(dir)) {
      assertThat(run.path().resolve(RunLock.FILE))
          .content()
          .contains("\"host\":\"" + java.net.InetAddress.getLocalHost().getHostName() + "\"");
    }
  }

  @Test
  void aFolderIsMadeWithItsParentsAndAFolderHoldingOnlyAClaimCountsAsEmpty() throws Exception {
    Path nested = tmp.resolve("a/b/c");
    try (RunDirectory run = RunDirectory.createAt(nested)) {
      assertThat(run.path()).isDirectory();
    }
    Path claimed = Files.createDirectories(tmp.resolve("claimed"));
    Files.writeString(claimed.resolve("." + RunLock.FILE + ".12345"), "");
    try (RunDirectory run = RunDirectory.createAt(claimed)) {
      assertThat(run.path().resolve(RunLock.FILE)).exists();
    }
    Path file = Files.writeString(tmp.resolve("plain"), "x");
    assertThatThrownBy(() -> RunDirectory.createAt(file))
        .isInstanceOf(BadInputException.class)
        .hasMessage("run directory " + file + " is a file; expected a new or empty folder");
  }

  /**
   * Timestamped folders: with the name taken for every second of the next minute, the folder gets
   * the suffix -2.
   */
  @Test
  void aTimestampedFolderTakesTheNextSuffixWhenItsNameIsTaken() throws Exception {
    java.time.format.DateTimeFormatter stamp =
        java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    java.time.LocalDateTime now = java.time.LocalDateTime.now(java.time.ZoneId.systemDefault());
    java.util.Set<String> taken = new java.util.HashSet<>();
    for (int s = 0; s <= 60; s++) {
      String name = now.plusSeconds(s).format(stamp) + "-exp";
      Files.createDirectories(tmp.resolve("runs").resolve(name));
      taken.add(name);
    }
    try (RunDirectory run = RunDirectory.createUnder(tmp.resolve("runs"), "exp")) {
      String name = run.path().getFileName().toString();
      assertThat(name).endsWith("-exp-2");
      assertThat(taken).contains(name.substring(0, name.length() - 2));
      assertThat(run.path().resolve(RunLock.FILE)).exists();
    }
    Path file = Files.writeString(tmp.resolve("notafolder"), "x");
    assertThatThrownBy(() -> RunDirectory.createUnder(file, "exp"))
        .isInstanceOf(BadInputException.class)
        .hasMessageStartingWith("cannot create a run directory under " + file);
  }

  /** Complete lines are kept, up to the number asked; a line without its newline is dropped. */
  @Test
  void keepingLinesKeepsTheFirstCompleteOnes() throws Exception {
    try (RunDirectory run = RunDirectory.createAt(tmp.resolve("lines"))) {
      Path file = run.path().resolve("m.jsonl");
      Files.writeString(file, "a\n\nb\nc");
      run.keepJsonLines("m.jsonl", 2);
      assertThat(file).content().isEqualTo("a\n\n");
      Files.writeString(file, "a\n\nb\nc");
      run.keepJsonLines("m.jsonl", 5);
      assertThat(file).content().isEqualTo("a\n\nb\n");
      run.keepJsonLines("none.jsonl", 3);
      assertThat(run.path().resolve("none.jsonl")).content().isEmpty();
      run.appendJsonLine("m.jsonl", java.util.Map.of("k", 1));
      assertThat(file).content().isEqualTo("a\n\nb\n{\"k\":1}\n");
      Files.writeString(file, "\nb\nc");
      run.keepJsonLines("m.jsonl", 2);
      assertThat(file).as("a first line that is empty").content().isEqualTo("\nb\n");
    }
  }
}

package dev.gakushu.cli;

import dev.gakushu.data.Downloader;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** Draws a download's progress on the terminal (kilobytes received of the total). */
final class ConsoleDownloadProgress implements Downloader.Progress {
  private ProgressBar bar;

  /** A progress bar when standard error is a terminal, nothing otherwise. */
  static Downloader.Progress forTerminal() {
    return Terminal.interactive() ? new ConsoleDownloadProgress() : Downloader.Progress.NONE;
  }

  @Override
  public void started(String url, long totalBytes) {
    bar =
        new ProgressBarBuilder()
            .setTaskName(url.substring(url.lastIndexOf('/') + 1))
            .setInitialMax(totalBytes > 0 ? totalBytes / 1024 : -1)
            .setUnit(" KiB", 1)
            .setStyle(ProgressBarStyle.ASCII)
            .setConsumer(new ConsoleProgressBarConsumer(System.out))
            .build();
  }

  @Override
  public void advanced(long bytesSoFar) {
    if (bar != null) {
      bar.stepTo(bytesSoFar / 1024);
    }
  }

  @Override
  public void finished() {
    if (bar != null) {
      bar.close();
      bar = null;
    }
  }
}

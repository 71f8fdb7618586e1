package dev.gakushu.data;

/**
 * Where named data sets are looked for and whether they may be downloaded: the machine's side of
 * loading data, kept apart from a run's specification.
 *
 * @param offline whether downloading is forbidden
 * @param progress hears how a download advances
 */
public record DataAccess(DataLocations locations, boolean offline, Downloader.Progress progress) {
  /** The usual places ($GAKUSHU_DATA, the cache, /usr/share/datasets), downloads allowed, quiet. */
  public static DataAccess standard() {
    return new DataAccess(DataLocations.fromEnvironment(null), false, Downloader.Progress.NONE);
  }
}

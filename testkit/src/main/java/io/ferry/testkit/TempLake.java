package io.ferry.testkit;

import static java.util.Objects.requireNonNull;

/** Lake roots for tests. */
public final class TempLake {
  private TempLake() {}

  /**
   * The {@code file://} URI of a folder, to use as {@code lake.root}: the folder itself is the lake
   * root, so a run report lands at {@code dir/_runs/<job>/<run-id>/report.json}. Typically the
   * folder is a JUnit {@code @TempDir}.
   *
   * @return e.g. {@code file:///tmp/junit123}, without a trailing slash
   */
  public static String under(java.nio.file.Path dir) {
    String uri = requireNonNull(dir, "dir").toAbsolutePath().normalize().toUri().toString();
    return uri.endsWith("/") && !uri.endsWith(":///") ? uri.substring(0, uri.length() - 1) : uri;
  }
}

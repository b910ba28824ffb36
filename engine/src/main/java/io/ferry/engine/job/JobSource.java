package io.ferry.engine.job;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * The text of a job or environment file and where it came from.
 *
 * @param name what problems call the file: a path as given, {@code classpath:x.conf}, {@code
 *     s3://bucket/jobs/x.conf}
 * @param location the file's own location, to resolve relative paths (e.g. {@code sql-file})
 *     against; empty for text with no home
 */
public record JobSource(String name, Optional<String> location, String text) {
  public JobSource {
    requireNonNull(name, "name");
    requireNonNull(location, "location");
    requireNonNull(text, "text");
  }
}

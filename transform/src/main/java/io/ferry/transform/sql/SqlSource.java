package io.ferry.transform.sql;

import static java.util.Objects.requireNonNull;

import io.ferry.core.lake.Lake;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Where a stage's SQL comes from: written inline in the job ({@code sql}), or a file ({@code
 * sql-file}) already resolved against the job file's folder, read at run time through Hadoop's
 * FileSystem so that local paths, {@code file://} and {@code s3://} all work ({@code classpath:}
 * for job files shipped inside the launcher jar).
 *
 * @param inline the statement, when written in the job
 * @param file the resolved file, when the statement lives in a file
 */
public record SqlSource(Optional<String> inline, Optional<String> file) {
  private static final String CLASSPATH = "classpath:";

  public SqlSource {
    requireNonNull(inline, "inline");
    requireNonNull(file, "file");
    if (inline.isPresent() == file.isPresent()) {
      throw new IllegalArgumentException("exactly one of inline SQL and a SQL file");
    }
  }

  public static SqlSource inline(String sql) {
    return new SqlSource(Optional.of(sql), Optional.empty());
  }

  public static SqlSource file(String resolvedPath) {
    return new SqlSource(Optional.empty(), Optional.of(resolvedPath));
  }

  /**
   * The statement text.
   *
   * @throws UncheckedIOException naming the file when it cannot be read
   * @throws IllegalArgumentException naming the file when it is empty
   */
  public String text(Lake lake) {
    if (inline.isPresent()) {
      return inline.get();
    }
    String text = file.get().startsWith(CLASSPATH) ? resource() : read(lake);
    if (text.isBlank()) {
      throw new IllegalArgumentException("sql-file " + file.get() + " is empty");
    }
    return text;
  }

  private String resource() {
    String name = file.get().substring(CLASSPATH.length());
    try (InputStream in =
        Thread.currentThread().getContextClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalArgumentException("no sql-file " + file.get() + " on the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read sql-file " + file.get(), e);
    }
  }

  private String read(Lake lake) {
    Path path = new Path(file.get());
    try {
      FileSystem fs = lake.fileSystem(path);
      try (InputStream in = fs.open(path)) {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read sql-file " + path + ": " + e.getMessage(), e);
    }
  }

  /** How {@code ferry plan} and errors name the statement. */
  public String describe() {
    return inline.orElseGet(() -> "-- sql-file " + file.get());
  }
}

package io.ferry.transform.lake;

import io.ferry.core.lake.Lake;
import org.apache.hadoop.fs.Path;

/**
 * Paths written in lake stages: a URI ({@code s3://bucket/x}, {@code file:///x}) or an absolute
 * path stays as it is; anything else is relative to {@code lake.root}, so {@code curated/customers}
 * is {@code <lake.root>/curated/customers} in every environment.
 */
final class LakePaths {
  private LakePaths() {}

  static Path resolve(Lake lake, String path) {
    if (path.startsWith("/") || path.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
      return new Path(path);
    }
    return new Path(lake.root(), path);
  }

  /** A problem with a written path, or null. */
  static String problem(String path) {
    if (path.isBlank()) {
      return "is empty";
    }
    for (String part : path.split("/")) {
      if (part.equals("..")) {
        return "'..' is not allowed in a lake path; write the path from lake.root or a full URI";
      }
    }
    return null;
  }
}

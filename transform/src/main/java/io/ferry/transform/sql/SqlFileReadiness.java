package io.ferry.transform.sql;

import io.ferry.core.stage.PreflightContext;

/**
 * {@code ferry check} for a {@code sql} stage: a {@code sql-file} must be readable and not empty
 * where the run will read it. Inline SQL has nothing to check beyond validation.
 */
final class SqlFileReadiness {
  private SqlFileReadiness() {}

  static void check(SqlSource source, PreflightContext context) {
    if (source.file().isEmpty()) {
      return;
    }
    try {
      source.text(context.lake());
    } catch (RuntimeException e) {
      context
          .problems()
          .add(
              "sql-file",
              e.getMessage()
                  + "; write the path relative to the job file or as a full URI, and make sure"
                  + " the run can read it");
    }
  }
}

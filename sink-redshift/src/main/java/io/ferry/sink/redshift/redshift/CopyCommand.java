package io.ferry.sink.redshift.redshift;

import static java.util.Objects.requireNonNull;

import io.ferry.core.sql.SqlIdentifier;
import io.ferry.sink.redshift.staging.CsvEncoder;
import io.ferry.sink.redshift.staging.StagingFormat;
import java.util.Map;

/**
 * Redshift's {@code COPY} of staged files, listed by a manifest, into the staging table:
 *
 * <pre>
 * COPY "ferry_staging" FROM 's3://b/lake/_staging/j/s/r/manifest.json' IAM_ROLE '...' FORMAT AS PARQUET MANIFEST
 * COPY "ferry_staging" FROM '...' IAM_ROLE '...' FORMAT AS CSV GZIP NULL AS '\N'
 *   TIMEFORMAT 'auto' DATEFORMAT 'YYYY-MM-DD' MANIFEST
 * </pre>
 *
 * Parquet maps columns by position, so the staging table holds exactly the file's columns in file
 * order and no column list is given.
 */
public record CopyCommand(
    SqlIdentifier table,
    String manifestUrl,
    StagingFormat format,
    S3Credentials credentials,
    Map<String, String> options) {

  public CopyCommand {
    requireNonNull(table, "table");
    requireNonNull(manifestUrl, "manifestUrl");
    requireNonNull(format, "format");
    requireNonNull(credentials, "credentials");
    options = Map.copyOf(options);
  }

  /** The statement as sent to Redshift. Never log it: it may carry keys. */
  public String sql() {
    return render(credentials.clause());
  }

  /** The statement with keys masked. */
  public String display() {
    return render(credentials.display());
  }

  private String render(String authorization) {
    String head =
        "COPY "
            + table.quoted()
            + " FROM "
            + SqlIdentifier.literal(manifestUrl)
            + " "
            + authorization;
    String body =
        format == StagingFormat.PARQUET
            ? " FORMAT AS PARQUET"
            : " FORMAT AS CSV GZIP NULL AS "
                + SqlIdentifier.literal(CsvEncoder.REDSHIFT_NULL)
                + " TIMEFORMAT 'auto' DATEFORMAT 'YYYY-MM-DD'";
    return head + body + CopyOptions.render(options) + " MANIFEST";
  }
}

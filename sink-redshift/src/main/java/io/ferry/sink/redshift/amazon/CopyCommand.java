package io.ferry.sink.redshift.amazon;

import static java.util.Objects.requireNonNull;

import io.ferry.core.sql.SqlIdentifier;
import io.ferry.sink.redshift.staging.CsvForm;
import io.ferry.sink.redshift.staging.StagingFormat;
import java.util.Map;

/**
 * Redshift's {@code COPY} of staged files, listed by a manifest, into the session's staging table
 * (https://docs.aws.amazon.com/redshift/latest/dg/r_COPY.html):
 *
 * <pre>
 * COPY "ferry_staging" FROM 's3://b/lake/_staging/j/s/r/manifest.json' IAM_ROLE '...'
 *   FORMAT AS PARQUET [SERIALIZETOJSON] STATUPDATE OFF MANIFEST
 * COPY "ferry_staging" FROM '...' IAM_ROLE '...' FORMAT AS CSV GZIP NULL AS '@NULL@'
 *   TIMEFORMAT 'auto' DATEFORMAT 'YYYY-MM-DD' STATUPDATE OFF MANIFEST
 * </pre>
 *
 * Parquet maps columns by position, so the staging table holds exactly the file's columns in file
 * order and no column list is given; nested Parquet columns load into SUPER with SERIALIZETOJSON.
 * The staging table is temporary, so STATUPDATE OFF spares the statistics pass. The CSV NULL
 * sentinel holds no backslash, which a Redshift literal would read as an escape.
 *
 * @param nested whether the files hold nested columns (struct, array, map) bound for SUPER
 */
public record CopyCommand(
    SqlIdentifier table,
    String manifestUrl,
    StagingFormat format,
    S3Credentials credentials,
    Map<String, String> options,
    boolean nested) {

  /** How Redshift's CSV COPY reads the staged files: NULL as a sentinel, VARBYTE as bare hex. */
  public static final CsvForm CSV_FORM = new CsvForm("@NULL@", "", false, true);

  public CopyCommand {
    requireNonNull(table, "table");
    requireNonNull(manifestUrl, "manifestUrl");
    requireNonNull(format, "format");
    requireNonNull(credentials, "credentials");
    options = Map.copyOf(options);
    if (format == StagingFormat.BINARY) {
      throw new IllegalArgumentException("Redshift cannot read PostgreSQL's binary COPY format");
    }
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
        "COPY " + table.quoted() + " FROM " + RedshiftLiteral.of(manifestUrl) + " " + authorization;
    String body =
        format == StagingFormat.PARQUET
            ? " FORMAT AS PARQUET" + (nested ? " SERIALIZETOJSON" : "")
            : " FORMAT AS CSV GZIP NULL AS "
                + RedshiftLiteral.of(CSV_FORM.nullText())
                + " TIMEFORMAT 'auto' DATEFORMAT 'YYYY-MM-DD'";
    return head + body + " STATUPDATE OFF" + CopyOptions.render(options) + " MANIFEST";
  }
}

package io.ferry.sink.redshift.unload;

import static java.util.Objects.requireNonNull;

import io.ferry.sink.redshift.amazon.RedshiftLiteral;
import io.ferry.sink.redshift.amazon.S3Credentials;

/**
 * Redshift's {@code UNLOAD ('<query>') TO '<prefix>' <authorization> FORMAT AS PARQUET MANIFEST
 * ALLOWOVERWRITE}. The query is a string literal inside the statement, its quotes doubled, so it
 * runs exactly as written and cannot end the literal early.
 *
 * @param prefix the {@code s3://} key prefix of the files, e.g. {@code .../run=r1/part_}
 */
public record UnloadStatement(String query, String prefix, S3Credentials credentials) {

  public UnloadStatement {
    requireNonNull(query, "query");
    requireNonNull(prefix, "prefix");
    requireNonNull(credentials, "credentials");
  }

  /** The statement as sent to Redshift. Never log it: it may carry keys. */
  public String sql() {
    return render(credentials.clause());
  }

  /** The statement with keys masked. */
  public String display() {
    return render(credentials.display());
  }

  /** Where Redshift writes the manifest: the prefix followed by {@code manifest}. */
  public String manifestUrl() {
    return prefix + "manifest";
  }

  private String render(String authorization) {
    return "UNLOAD ("
        + RedshiftLiteral.of(query)
        + ") TO "
        + RedshiftLiteral.of(prefix)
        + " "
        + authorization
        + " FORMAT AS PARQUET MANIFEST ALLOWOVERWRITE";
  }
}

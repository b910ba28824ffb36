package io.ferry.sink.redshift.staging;

import static java.util.Objects.requireNonNull;

import java.io.Serializable;

/**
 * How a warehouse's {@code COPY ... CSV} reads a staged CSV file back to exactly the input values,
 * where the warehouses differ; carried to the staging tasks. Each warehouse owns its form.
 *
 * @param nullText what an unquoted NULL field holds, the COPY's {@code NULL AS}; empty for an
 *     unquoted empty field. A string equal to a non-empty {@code nullText} cannot be staged
 * @param binaryPrefix what precedes the hex digits of a binary value: {@code \x} for PostgreSQL's
 *     {@code bytea}, nothing for Redshift's {@code VARBYTE}
 * @param quoteEndMarker whether a field that is exactly {@code \.} (PostgreSQL's end-of-data
 *     marker) is quoted
 * @param gzip whether files are gzip-compressed
 */
public record CsvForm(String nullText, String binaryPrefix, boolean quoteEndMarker, boolean gzip)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  public CsvForm {
    requireNonNull(nullText, "nullText");
    requireNonNull(binaryPrefix, "binaryPrefix");
    if (nullText.indexOf('"') >= 0 || nullText.indexOf(',') >= 0) {
      throw new IllegalArgumentException("a NULL text cannot hold quotes or commas: " + nullText);
    }
  }
}

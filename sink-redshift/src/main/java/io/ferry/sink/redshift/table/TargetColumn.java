package io.ferry.sink.redshift.table;

import static java.util.Objects.requireNonNull;

import java.util.Locale;

/**
 * A column of an existing target table, as {@code information_schema.columns} describes it.
 *
 * @param dataType the catalog's type name, e.g. {@code character varying}, {@code numeric}, {@code
 *     timestamp with time zone}, {@code super}; {@code ?} when unknown
 * @param length the maximum length in bytes of a character type, else -1
 * @param precision a numeric's precision, else -1
 * @param scale a numeric's scale, else -1
 */
public record TargetColumn(String name, String dataType, int length, int precision, int scale) {

  public TargetColumn {
    requireNonNull(name, "name");
    dataType = dataType.toLowerCase(Locale.ROOT);
  }

  /** Whether the column is a {@code varchar(n)}, whose values must fit {@link #length} bytes. */
  public boolean isBoundedVarchar() {
    return (dataType.equals("character varying") || dataType.equals("varchar")) && length > 0;
  }

  /** The type as SQL shows it, for messages: {@code numeric(12,2)}, {@code varchar(64)}. */
  public String shown() {
    if (precision > 0 && (dataType.equals("numeric") || dataType.equals("decimal"))) {
      return dataType + "(" + precision + "," + Math.max(0, scale) + ")";
    }
    return length > 0 ? dataType + "(" + length + ")" : dataType;
  }
}

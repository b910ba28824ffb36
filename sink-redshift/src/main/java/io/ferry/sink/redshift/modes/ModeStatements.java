package io.ferry.sink.redshift.modes;

import static java.util.Objects.requireNonNull;

import io.ferry.core.sql.SqlIdentifier;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The statements that move rows from the session's staging table into the target, for each {@link
 * io.ferry.sink.redshift.LoadMode}. INSERT, DELETE and TRUNCATE are the same on Redshift and
 * PostgreSQL 15; MERGE differs: Redshift allows an alias on the source only
 * (https://docs.aws.amazon.com/redshift/latest/dg/r_MERGE.html), so its form names the target by
 * its table name, while PostgreSQL's form aliases both. Every identifier is quoted; the class never
 * sees a value.
 *
 * @param target the target table
 * @param staging the temporary staging table, holding exactly the loaded columns
 * @param columns the loaded columns as the target's catalog spells them, in staging order
 * @param mergeKeys the columns that identify a row, a subset of {@code columns}; empty unless merge
 */
public record ModeStatements(
    SqlIdentifier target, SqlIdentifier staging, List<String> columns, List<String> mergeKeys) {
  private static final String TARGET_ALIAS = "t";
  private static final String SOURCE_ALIAS = "s";
  private static final String SOURCE_ALIAS_BESIDE_S = "ferry_source";
  private static final int SHOWN_DUPLICATES = 5;

  public ModeStatements {
    requireNonNull(target, "target");
    requireNonNull(staging, "staging");
    columns = List.copyOf(columns);
    mergeKeys = List.copyOf(mergeKeys);
    if (columns.isEmpty()) {
      throw new IllegalArgumentException("a load needs at least one column");
    }
    if (!columns.containsAll(mergeKeys)) {
      throw new IllegalArgumentException(
          "merge keys " + mergeKeys + " must be among the loaded columns " + columns);
    }
  }

  public String insert() {
    String list = list(columns);
    return "INSERT INTO "
        + target.quoted()
        + " ("
        + list
        + ") SELECT "
        + list
        + " FROM "
        + staging.quoted();
  }

  public String delete() {
    return "DELETE FROM " + target.quoted();
  }

  public String truncate() {
    return "TRUNCATE TABLE " + target.quoted();
  }

  /**
   * PostgreSQL's MERGE: {@code MERGE INTO <target> AS t USING <staging> AS s ON t."k" = s."k" ...}.
   * Updates every loaded column of the rows whose keys match and inserts the rest. When every
   * column is a key there is nothing to update, so matched rows set their keys to themselves: an
   * upsert needs a WHEN MATCHED action.
   */
  public String mergeWithTargetAlias() {
    return merge(TARGET_ALIAS, " AS " + TARGET_ALIAS, SOURCE_ALIAS);
  }

  /**
   * Redshift's MERGE, whose target takes no alias: {@code MERGE INTO "sch"."orders" USING
   * "ferry_staging" AS s ON "orders"."k" = s."k" ...}; the ON clause names the target's columns by
   * its table name and the SET clause names them bare, as the MERGE page requires. A target named
   * {@code s} gets the source alias {@value #SOURCE_ALIAS_BESIDE_S} instead.
   */
  public String mergeNamingTheTarget() {
    String source = target.name().equals(SOURCE_ALIAS) ? SOURCE_ALIAS_BESIDE_S : SOURCE_ALIAS;
    return merge(SqlIdentifier.of(target.name()).quoted(), "", source);
  }

  private String merge(String targetRef, String targetAlias, String source) {
    requireKeys();
    String on =
        mergeKeys.stream()
            .map(k -> targetRef + "." + quote(k) + " = " + qualified(source, k))
            .collect(Collectors.joining(" AND "));
    List<String> updated = new ArrayList<>(columns);
    updated.removeAll(mergeKeys);
    if (updated.isEmpty()) {
      updated = mergeKeys;
    }
    String set =
        SqlIdentifier.list(
            updated.stream().map(SqlIdentifier::of).toList(),
            c -> c.quoted() + " = " + source + "." + c.quoted());
    String values =
        SqlIdentifier.list(
            columns.stream().map(SqlIdentifier::of).toList(), c -> source + "." + c.quoted());
    return "MERGE INTO "
        + target.quoted()
        + targetAlias
        + " USING "
        + staging.quoted()
        + " AS "
        + source
        + " ON "
        + on
        + " WHEN MATCHED THEN UPDATE SET "
        + set
        + " WHEN NOT MATCHED THEN INSERT ("
        + list(columns)
        + ") VALUES ("
        + values
        + ")";
  }

  /** Counts staged rows with a NULL merge key, which MERGE could never match. */
  public String nullKeysQuery() {
    requireKeys();
    return "SELECT count(*) FROM "
        + staging.quoted()
        + " WHERE "
        + mergeKeys.stream().map(k -> quote(k) + " IS NULL").collect(Collectors.joining(" OR "));
  }

  /** The first key values that occur more than once in the staging table, with their counts. */
  public String duplicateKeysQuery() {
    requireKeys();
    String keys = list(mergeKeys);
    return "SELECT "
        + keys
        + ", count(*) FROM "
        + staging.quoted()
        + " GROUP BY "
        + keys
        + " HAVING count(*) > 1 ORDER BY "
        + keys
        + " LIMIT "
        + SHOWN_DUPLICATES;
  }

  private void requireKeys() {
    if (mergeKeys.isEmpty()) {
      throw new IllegalStateException("merge needs merge keys");
    }
  }

  private static String list(List<String> names) {
    return SqlIdentifier.list(
        names.stream().map(SqlIdentifier::of).toList(), SqlIdentifier::quoted);
  }

  private static String quote(String column) {
    return SqlIdentifier.of(column).quoted();
  }

  private static String qualified(String alias, String column) {
    return alias + "." + quote(column);
  }
}

package io.ferry.sink.redshift.modes;

import io.ferry.core.sql.SqlIdentifier;

/**
 * The session's temporary staging table: the target's types for the loaded columns only, in file
 * order, without the target's constraints, so columns the input lacks do not trip NOT NULL before
 * their defaults apply. It lives as long as the load's connection.
 */
public final class StagingTable {
  public static final SqlIdentifier NAME = SqlIdentifier.of("ferry_staging");

  private StagingTable() {}

  /** {@code CREATE TEMP TABLE ... AS SELECT <columns> FROM <target> WHERE 1 = 0}. */
  public static String createSql(SqlIdentifier target, String columnList) {
    return "CREATE TEMP TABLE "
        + NAME.quoted()
        + " AS SELECT "
        + columnList
        + " FROM "
        + target.quoted()
        + " WHERE 1 = 0";
  }
}

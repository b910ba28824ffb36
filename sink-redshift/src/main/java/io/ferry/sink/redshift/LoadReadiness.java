package io.ferry.sink.redshift;

import static java.util.Objects.requireNonNull;

import io.ferry.core.connection.ConnectionSpec;
import io.ferry.core.sql.SqlIdentifier;
import io.ferry.core.stage.PreflightContext;
import io.ferry.core.stage.StageProblems;
import io.ferry.sink.redshift.warehouse.RedshiftWarehouse;
import io.ferry.sink.redshift.warehouse.Warehouse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ferry check} for a {@code redshift-load} stage: logs in to the warehouse, then asks the
 * catalog, never by trying, whether the load could write: an existing target needs INSERT (and
 * DELETE where the mode removes rows); a missing one needs {@code create-table = true} and CREATE
 * on its schema, or on the database when the schema is missing too. Creates, locks and writes
 * nothing. The privilege functions and catalog tables exist on Redshift and PostgreSQL alike
 * (https://docs.aws.amazon.com/redshift/latest/dg/r_HAS_TABLE_PRIVILEGE.html,
 * https://docs.aws.amazon.com/redshift/latest/dg/r_HAS_SCHEMA_PRIVILEGE.html,
 * https://docs.aws.amazon.com/redshift/latest/dg/r_HAS_DATABASE_PRIVILEGE.html); each runs as a
 * statement of its own, as leader-node functions must on Redshift.
 */
final class LoadReadiness {
  static final String CURRENT_SCHEMA = "SELECT current_schema()";
  static final String SCHEMA_EXISTS =
      "SELECT count(*) FROM pg_catalog.pg_namespace WHERE nspname = ?";
  static final String TABLE_EXISTS =
      "SELECT count(*) FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n"
          + " ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relname = ?";
  static final String TABLE_PRIVILEGE = "SELECT has_table_privilege(?, ?)";
  static final String SCHEMA_PRIVILEGE = "SELECT has_schema_privilege(?, 'CREATE')";
  static final String DATABASE_PRIVILEGE =
      "SELECT has_database_privilege(current_database(), 'CREATE')";

  private final LoadSettings settings;
  private final Warehouse warehouse;

  LoadReadiness(LoadSettings settings, Warehouse warehouse) {
    this.settings = requireNonNull(settings, "settings");
    this.warehouse = requireNonNull(warehouse, "warehouse");
  }

  void check(PreflightContext context) {
    StageProblems problems = context.problems();
    ConnectionSpec connection = context.connection(settings.connection());
    Connection opened;
    try {
      opened = warehouse.open(connection);
    } catch (SQLException e) {
      context.cannotLogIn(connection, "the warehouse", e);
      return;
    }
    try (Connection c = opened) {
      c.setAutoCommit(false);
      LoadSettings load = settings;
      if (warehouse instanceof RedshiftWarehouse redshift && !redshift.caseSensitive(c)) {
        load = settings.foldedToLowerCase();
      }
      SqlIdentifier table = load.table();
      String schema = table.schema().isPresent() ? table.schema().get() : one(c, CURRENT_SCHEMA);
      String qualified = SqlIdentifier.of(schema, table.name()).quoted();
      if (count(c, TABLE_EXISTS, schema, table.name()) > 0) {
        for (String privilege : privileges(load.mode())) {
          if (!"t".equals(one(c, TABLE_PRIVILEGE, qualified, privilege))) {
            problems.add(
                "table",
                "user "
                    + connection.user().orElse("(the connection's)")
                    + " lacks "
                    + privilege
                    + " on "
                    + qualified
                    + "; GRANT "
                    + privilege
                    + " ON "
                    + qualified
                    + " to it");
          }
        }
      } else if (!load.createTable()) {
        problems.add(
            "table",
            qualified
                + " does not exist; create it, or set create-table = true to let the load create it");
      } else if (count(c, SCHEMA_EXISTS, schema) > 0) {
        if (!"t".equals(one(c, SCHEMA_PRIVILEGE, schema))) {
          problems.add(
              "table",
              qualified
                  + " does not exist and the user may not create tables in schema "
                  + SqlIdentifier.of(schema).quoted()
                  + "; GRANT CREATE ON SCHEMA to it, or create the table");
        }
      } else if (!"t".equals(one(c, DATABASE_PRIVILEGE))) {
        problems.add(
            "table",
            "schema "
                + SqlIdentifier.of(schema).quoted()
                + " does not exist and the user may not create schemas; create it, or GRANT"
                + " CREATE ON DATABASE to the user");
      }
    } catch (SQLException e) {
      problems.add(
          "table",
          "the warehouse could not say whether the target can be written: "
              + e.getMessage()
              + "; check the table name and that the user may read the catalog");
    }
  }

  private static List<String> privileges(LoadMode mode) {
    List<String> out = new ArrayList<>(List.of("INSERT"));
    if (mode == LoadMode.OVERWRITE || mode == LoadMode.MERGE) {
      out.add("DELETE");
    }
    if (mode == LoadMode.MERGE) {
      out.add("UPDATE");
    }
    return out;
  }

  private static long count(Connection c, String sql, String... args) throws SQLException {
    return Long.parseLong(one(c, sql, args));
  }

  /** The first column of the only row, as text; booleans come back as {@code t} or {@code f}. */
  private static String one(Connection c, String sql, String... args) throws SQLException {
    try (PreparedStatement p = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        p.setString(i + 1, args[i]);
      }
      try (ResultSet rows = p.executeQuery()) {
        rows.next();
        Object value = rows.getObject(1);
        if (value instanceof Boolean b) {
          return b ? "t" : "f";
        }
        return String.valueOf(value);
      } finally {
        c.rollback();
      }
    }
  }
}

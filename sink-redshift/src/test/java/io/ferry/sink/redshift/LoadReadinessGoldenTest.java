package io.ferry.sink.redshift;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The catalog statements {@code ferry check} sends to the warehouse before a load, pinned as
 * written. Each is a leader-node query on Redshift and runs alone, never joined with user tables.
 */
class LoadReadinessGoldenTest {

  /** https://docs.aws.amazon.com/redshift/latest/dg/r_CURRENT_SCHEMA.html */
  @Test
  void currentSchema() {
    assertEquals("SELECT current_schema()", LoadReadiness.CURRENT_SCHEMA);
  }

  /**
   * PG_NAMESPACE and PG_CLASS are catalog tables Redshift keeps from PostgreSQL
   * (https://docs.aws.amazon.com/redshift/latest/dg/c_join_PG.html).
   */
  @Test
  void schemaAndTableExistence() {
    assertEquals(
        "SELECT count(*) FROM pg_catalog.pg_namespace WHERE nspname = ?",
        LoadReadiness.SCHEMA_EXISTS);
    assertEquals(
        "SELECT count(*) FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n"
            + " ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relname = ?",
        LoadReadiness.TABLE_EXISTS);
  }

  /**
   * HAS_TABLE_PRIVILEGE(table, privilege), HAS_SCHEMA_PRIVILEGE(schema, 'CREATE'),
   * HAS_DATABASE_PRIVILEGE(database, 'CREATE') for the current user
   * (https://docs.aws.amazon.com/redshift/latest/dg/r_HAS_TABLE_PRIVILEGE.html,
   * https://docs.aws.amazon.com/redshift/latest/dg/r_HAS_SCHEMA_PRIVILEGE.html,
   * https://docs.aws.amazon.com/redshift/latest/dg/r_HAS_DATABASE_PRIVILEGE.html).
   */
  @Test
  void privilegeFunctions() {
    assertEquals("SELECT has_table_privilege(?, ?)", LoadReadiness.TABLE_PRIVILEGE);
    assertEquals("SELECT has_schema_privilege(?, 'CREATE')", LoadReadiness.SCHEMA_PRIVILEGE);
    assertEquals(
        "SELECT has_database_privilege(current_database(), 'CREATE')",
        LoadReadiness.DATABASE_PRIVILEGE);
  }
}

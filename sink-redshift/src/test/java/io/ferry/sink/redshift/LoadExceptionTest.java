package io.ferry.sink.redshift;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ferry.core.connection.ConnectionSpec;
import io.ferry.core.sql.SqlIdentifier;
import io.ferry.core.stage.FailureKind;
import io.ferry.core.stage.StageFailure;
import io.ferry.core.stage.StandardFailureCode;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Each family of load failure keeps a kind and a code; the end-to-end tests pin them on a run. */
class LoadExceptionTest {
  private static final ConnectionSpec WAREHOUSE =
      new ConnectionSpec(
          "wh",
          "jdbc:redshift://rs.internal:5439/dw",
          Optional.of("etl"),
          Optional.empty(),
          Optional.empty(),
          Map.of());

  private static LoadException load(Throwable failure) {
    return LoadException.of(SqlIdentifier.parse("a.b"), WAREHOUSE, failure);
  }

  @Test
  void warehouseErrorsAreTargetFailuresAndConnectionErrorsSayTheTargetIsUnavailable() {
    assertEquals(
        StandardFailureCode.TARGET_UNAVAILABLE, load(new SQLException("refused", "08001")).code());
    assertEquals(
        StandardFailureCode.TARGET_UNAVAILABLE,
        load(new SQLException("password authentication failed", "28P01")).code());
    assertEquals(
        StandardFailureCode.TARGET_WRITE_FAILED,
        load(new CopyFailedException(
                "Load into table 'b' failed; first rejected rows (stl_load_errors): ...",
                new SQLException("Load into table 'b' failed", "XX000")))
            .code());
    assertEquals(FailureKind.TARGET, load(new SQLException("x", "42P01")).code().kind());
  }

  @Test
  void constraintViolationsAreDataAndStageFailuresKeepTheirCodeAndKey() {
    assertEquals(
        StandardFailureCode.DATA_INVALID,
        load(new SQLException("null value in column \"id\" violates not-null", "23502")).code());
    LoadException missing =
        load(
            StageFailure.about(
                "merge-keys", StandardFailureCode.CONFIG_VALUE_NOT_FOUND, "merge key 'k' ..."));
    assertEquals(StandardFailureCode.CONFIG_VALUE_NOT_FOUND, missing.code());
    assertEquals(Optional.of("merge-keys"), missing.key());
    assertEquals(
        "cannot load table \"a\".\"b\" through connection 'wh' at rs.internal:5439: merge key 'k'"
            + " ...",
        missing.getMessage());
  }

  @Test
  void anythingElseIsInternal() {
    assertEquals(FailureKind.INTERNAL, load(new IllegalStateException("unexpected")).code().kind());
  }
}

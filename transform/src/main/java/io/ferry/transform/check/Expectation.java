package io.ferry.transform.check;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One data-quality expectation of a {@code check} stage, parsed and validated from the job by
 * {@link Expectations}. Column names are stored as written and quoted when they reach Spark.
 */
public sealed interface Expectation {

  /** The {@code type} as written in the job, e.g. {@code not-null}. */
  String type();

  Level level();

  /** The optional {@code description} from the job. */
  Optional<String> description();

  /** A short label for the run report and errors, e.g. {@code not-null(customer_id, email)}. */
  String label();

  /** The row count lies within {@code [min, max]}; either bound may be absent. */
  record RowCount(OptionalLong min, OptionalLong max, Level level, Optional<String> description)
      implements Expectation {
    public RowCount {
      requireNonNull(min, "min");
      requireNonNull(max, "max");
      requireNonNull(level, "level");
      requireNonNull(description, "description");
    }

    @Override
    public String type() {
      return "row-count";
    }

    @Override
    public String label() {
      return "row-count("
          + (min.isPresent() ? ">= " + min.getAsLong() : "")
          + (min.isPresent() && max.isPresent() ? ", " : "")
          + (max.isPresent() ? "<= " + max.getAsLong() : "")
          + ")";
    }
  }

  /** None of the columns is NULL in any row. */
  record NotNull(List<String> columns, Level level, Optional<String> description)
      implements Expectation {
    public NotNull {
      columns = List.copyOf(columns);
      requireNonNull(level, "level");
      requireNonNull(description, "description");
    }

    @Override
    public String type() {
      return "not-null";
    }

    @Override
    public String label() {
      return "not-null(" + String.join(", ", columns) + ")";
    }
  }

  /** No two rows share the values of the column set (NULLs compare equal, as in GROUP BY). */
  record Unique(List<String> columns, Level level, Optional<String> description)
      implements Expectation {
    public Unique {
      columns = List.copyOf(columns);
      requireNonNull(level, "level");
      requireNonNull(description, "description");
    }

    @Override
    public String type() {
      return "unique";
    }

    @Override
    public String label() {
      return "unique(" + String.join(", ", columns) + ")";
    }
  }

  /**
   * Every non-NULL value of the column is one of {@code values}; combine with not-null for NULLs.
   */
  record AcceptedValues(
      String column, List<Object> values, Level level, Optional<String> description)
      implements Expectation {
    public AcceptedValues {
      requireNonNull(column, "column");
      values = List.copyOf(values);
      requireNonNull(level, "level");
      requireNonNull(description, "description");
    }

    @Override
    public String type() {
      return "accepted-values";
    }

    @Override
    public String label() {
      return "accepted-values(" + column + ")";
    }
  }

  /** A Spark SQL boolean expression every row satisfies; NULL counts as not satisfied. */
  record SqlCondition(String condition, Level level, Optional<String> description)
      implements Expectation {
    public SqlCondition {
      requireNonNull(condition, "condition");
      requireNonNull(level, "level");
      requireNonNull(description, "description");
    }

    @Override
    public String type() {
      return "sql";
    }

    @Override
    public String label() {
      return "sql(" + condition.strip() + ")";
    }
  }

  /** A Spark SQL query over earlier stages' views that must return no rows. */
  record SqlQuery(String query, Level level, Optional<String> description) implements Expectation {
    public SqlQuery {
      requireNonNull(query, "query");
      requireNonNull(level, "level");
      requireNonNull(description, "description");
    }

    @Override
    public String type() {
      return "sql";
    }

    @Override
    public String label() {
      return "sql(query returns no rows)";
    }
  }
}

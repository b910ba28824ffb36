package io.ferry.core.option;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.ferry.core.connection.ConnectionSpec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class OptionRuleTest {
  enum Mode {
    APPEND,
    MERGE
  }

  enum Dialect {
    REDSHIFT,
    POSTGRES
  }

  enum Format {
    PARQUET,
    CSV,
    BINARY
  }

  static final StageOption<Mode> MODE =
      StageOption.enumOf("mode", Mode.class, "Mode.").withDefault(Mode.APPEND);
  static final StageOption<Dialect> DIALECT =
      StageOption.enumOf("dialect", Dialect.class, "Dialect.").withDefault(Dialect.REDSHIFT);
  static final StageOption<List<String>> MERGE_KEYS =
      StageOption.stringList("merge-keys", "Keys.").optional();
  static final StageOption<String> IAM_ROLE = StageOption.string("iam-role", "Role.").optional();
  static final StageOption<Format> FORMAT =
      StageOption.enumOf("staging-format", Format.class, "Format.").optional();

  static final OptionRule MERGE_NEEDS_KEYS = OptionRule.when(MODE, Mode.MERGE).requires(MERGE_KEYS);
  static final OptionRule POSTGRES_HAS_NO_ROLE =
      OptionRule.when(DIALECT, Dialect.POSTGRES).forbids(IAM_ROLE);
  static final OptionRule POSTGRES_FORMATS =
      OptionRule.when(DIALECT, Dialect.POSTGRES).allows(FORMAT, Format.BINARY, Format.CSV);

  private static OptionValues values(String hocon) {
    Config stage = ConfigFactory.parseString(hocon);
    Map<StageOption<?>, Object> values = new HashMap<>();
    for (StageOption<?> o : List.of(MODE, DIALECT, MERGE_KEYS, IAM_ROLE, FORMAT)) {
      if (stage.hasPath(o.name())) {
        values.put(o, o.type().read(stage, o.name()));
      }
    }
    return new OptionValues(values, Map.of(), stage);
  }

  private static List<String> messages(OptionRule rule, String hocon) {
    return rule.check(values(hocon)).stream()
        .map(v -> v.at().map(o -> o.name() + ": ").orElse("") + v.message())
        .toList();
  }

  @Test
  void aConditionOnAConnectionLooksAtTheSubprotocolOfTheUrlItNames() {
    StageOption<String> connection = StageOption.connection("connection", "Connection.").required();
    OptionRule rule = OptionRule.whenConnection(connection, "postgresql").forbids(IAM_ROLE);
    Map<String, ConnectionSpec> connections =
        Map.of(
            "pg", spec("pg", "jdbc:postgresql://h:5432/dw"),
            "rs", spec("rs", "jdbc:redshift:iam://c:eu-west-1/dw"));
    Function<String, List<String>> check =
        hocon -> {
          Config stage = ConfigFactory.parseString(hocon);
          Map<StageOption<?>, Object> values = new HashMap<>();
          values.put(connection, stage.getString("connection"));
          if (stage.hasPath("iam-role")) {
            values.put(IAM_ROLE, stage.getString("iam-role"));
          }
          return rule.check(new OptionValues(values, Map.of(), stage, connections)).stream()
              .map(OptionRule.Violation::message)
              .toList();
        };

    assertEquals(
        List.of("'iam-role' does not apply when connection is jdbc:postgresql:; remove it"),
        check.apply("connection = pg, iam-role = r"));
    assertEquals(List.of(), check.apply("connection = rs, iam-role = r"));
    assertEquals(List.of(), check.apply("connection = undefined, iam-role = r"));
    assertEquals(
        "when connection is jdbc:postgresql:, 'iam-role' must not be set", rule.describe());
  }

  private static ConnectionSpec spec(String name, String url) {
    return new ConnectionSpec(
        name, url, Optional.empty(), Optional.empty(), Optional.empty(), Map.of());
  }

  @Test
  void aConditionalRequirementAppliesOnlyWhenItsConditionHoldsAndPointsAtTheCondition() {
    assertEquals(
        List.of("mode: mode = merge requires 'merge-keys' to be set"),
        messages(MERGE_NEEDS_KEYS, "mode = merge"));
    assertEquals(List.of(), messages(MERGE_NEEDS_KEYS, "mode = merge, merge-keys = [id]"));
    assertEquals(List.of(), messages(MERGE_NEEDS_KEYS, "mode = append"));
  }

  @Test
  void aConditionOnAValueSeesTheDefaultWhenTheOptionIsUnset() {
    OptionRule redshiftNeedsRole = OptionRule.when(DIALECT, Dialect.REDSHIFT).requires(IAM_ROLE);
    assertEquals(
        List.of("dialect = redshift requires 'iam-role' to be set"),
        messages(redshiftNeedsRole, "mode = append"));
  }

  @Test
  void aForbiddenOptionIsNamedAtItsOwnLine() {
    assertEquals(
        List.of("iam-role: 'iam-role' does not apply when dialect = postgres; remove it"),
        messages(POSTGRES_HAS_NO_ROLE, "dialect = postgres, iam-role = \"arn:aws:iam::1:role/r\""));
    assertEquals(List.of(), messages(POSTGRES_HAS_NO_ROLE, "iam-role = \"arn:aws:iam::1:role/r\""));
  }

  @Test
  void anAllowedValuesRuleNamesTheValuesThatApply() {
    assertEquals(
        List.of(
            "staging-format: staging-format = parquet does not apply when dialect = postgres; use"
                + " binary or csv"),
        messages(POSTGRES_FORMATS, "dialect = postgres, staging-format = parquet"));
    assertEquals(List.of(), messages(POSTGRES_FORMATS, "dialect = postgres, staging-format = csv"));
    assertEquals(List.of(), messages(POSTGRES_FORMATS, "dialect = postgres"));
  }

  @Test
  void conditionsCombineWithAnd() {
    OptionRule rule =
        OptionRule.when(DIALECT, Dialect.REDSHIFT).and(MODE, Mode.MERGE).requires(MERGE_KEYS);
    assertEquals(
        List.of("mode: dialect = redshift and mode = merge requires 'merge-keys' to be set"),
        messages(rule, "mode = merge"));
    assertEquals(
        List.of("dialect: dialect = redshift and mode = merge requires 'merge-keys' to be set"),
        messages(rule, "dialect = redshift, mode = merge"));
    assertEquals(List.of(), messages(rule, "mode = merge, dialect = postgres"));
  }

  @Test
  void everyRuleDescribesItselfForTheDocs() {
    assertEquals("mode = merge requires 'merge-keys'", MERGE_NEEDS_KEYS.describe());
    assertEquals(
        "when dialect = postgres, 'iam-role' must not be set", POSTGRES_HAS_NO_ROLE.describe());
    assertEquals(
        "when dialect = postgres, staging-format is binary or csv", POSTGRES_FORMATS.describe());
    assertEquals(
        "iam-role requires 'merge-keys'", OptionRule.requires(IAM_ROLE, MERGE_KEYS).describe());
    assertEquals(
        "exactly one of 'iam-role', 'merge-keys'",
        OptionRule.exactlyOneOf(IAM_ROLE, MERGE_KEYS).describe());
  }

  @Test
  void aConflictPointsAtTheSecondOptionSetAndAMissingOneAtTheStage() {
    assertEquals(
        List.of("merge-keys: exactly one of 'iam-role', 'merge-keys' must be set, found 2"),
        messages(OptionRule.exactlyOneOf(IAM_ROLE, MERGE_KEYS), "iam-role = r, merge-keys = [id]"));
    assertEquals(
        List.of("merge-keys: at most one of 'iam-role', 'merge-keys' may be set, found 2"),
        messages(OptionRule.atMostOneOf(IAM_ROLE, MERGE_KEYS), "iam-role = r, merge-keys = [id]"));
  }

  @Test
  void anUnconditionalExactlyOneOfPointsAtTheStage() {
    List<OptionRule.Violation> violations =
        OptionRule.exactlyOneOf(IAM_ROLE, MERGE_KEYS).check(values("mode = append"));
    assertEquals(
        List.of(
            new OptionRule.Violation(
                Optional.empty(), "exactly one of 'iam-role', 'merge-keys' must be set, found 0")),
        violations);
  }
}

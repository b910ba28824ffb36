package io.ferry.engine.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.typesafe.config.Config;
import io.ferry.core.option.OptionRule;
import io.ferry.core.option.OptionType;
import io.ferry.core.option.StageOption;
import io.ferry.core.sql.SqlIdentifier;
import io.ferry.core.stage.Stage;
import io.ferry.core.stage.StageFactory;
import io.ferry.core.stage.StageOutput;
import io.ferry.core.stage.StageProblems;
import io.ferry.core.stage.StageSpec;
import io.ferry.engine.stage.StageRegistry;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How validation reads declared options: typed, once, with rules, aliases and located keys. */
class DeclaredOptionsTest {
  enum Mode {
    APPEND,
    MERGE
  }

  static final StageOption<SqlIdentifier> TABLE =
      StageOption.sqlName("table", "Target table.").required();
  static final StageOption<Integer> PARTITIONS =
      StageOption.integer("partitions", "Parallel writes.").between(1, 64).withDefault(4);
  static final StageOption<Mode> MODE =
      StageOption.enumOf("mode", Mode.class, "How rows arrive.").withDefault(Mode.APPEND);
  static final StageOption<List<SqlIdentifier>> KEYS =
      StageOption.columns("merge-keys", "Row identity.").deprecatedAlias("merge-key").optional();
  static final StageOption<List<? extends Config>> CHECKS =
      StageOption.of("checks", OptionType.OBJECT_LIST, "Checks, each { column = ... }.").optional();

  /** A stage type whose own validation reserves the table name 'reserved'. */
  static final class Typed implements StageFactory {
    @Override
    public String type() {
      return "typed";
    }

    @Override
    public String description() {
      return "Declares one option of each kind.";
    }

    @Override
    public List<StageOption<?>> options() {
      return List.of(TABLE, PARTITIONS, MODE, KEYS, CHECKS);
    }

    @Override
    public List<OptionRule> rules() {
      return List.of(OptionRule.when(MODE, Mode.MERGE).requires(KEYS));
    }

    @Override
    public void validate(StageSpec spec, StageProblems problems) {
      if (spec.options().get(TABLE).name().equals("reserved")) {
        problems.add(TABLE, "'reserved' is reserved");
      }
      List<? extends Config> checks = spec.options().find(CHECKS).orElse(List.of());
      for (int i = 0; i < checks.size(); i++) {
        if (!checks.get(i).hasPath("column")) {
          problems.add("checks[" + i + "].column", "missing");
        }
      }
    }

    @Override
    public Stage create(StageSpec spec) {
      return context -> StageOutput.none();
    }
  }

  private static JobSpec validate(String stage) {
    String text =
        """
        job { name = typed }
        lake { root = "file:///tmp/lake" }
        stages = [
        %s
        ]
        """
            .formatted(stage);
    JobSource source = new JobSource("jobs/typed.conf", Optional.empty(), text);
    return JobValidator.validate(
        JobLoader.load(source, Optional.empty(), Map.of()), source, StageRegistry.of(new Typed()));
  }

  private static List<String> problems(String stage) {
    InvalidJobException e = assertThrows(InvalidJobException.class, () -> validate(stage));
    return e.problems().stream().sorted().map(Problem::toString).toList();
  }

  @Test
  void theStageGetsTypedValuesParsedAtValidation() {
    StageSpec spec =
        validate(
                "{ name = t, type = typed, table = \"Sales.Orders\", mode = merge,"
                    + " merge-keys = [Id] }")
            .stages()
            .get(0);
    assertEquals(SqlIdentifier.of("sales", "orders"), spec.options().get(TABLE));
    assertEquals(List.of(SqlIdentifier.of("id")), spec.options().get(KEYS));
    assertEquals(4, spec.options().get(PARTITIONS));
    assertEquals("jobs/typed.conf:4", spec.options().location(TABLE).toString());
  }

  @Test
  void theStagesOwnValidationRunsDespiteAnUnknownKey() {
    assertEquals(
        List.of(
            "jobs/typed.conf:4: stages[0].tabel: unknown option for stage type 'typed' (did you"
                + " mean 'table'?); run 'ferry stages typed' to list its options",
            "jobs/typed.conf:4: stages[0].table: 'reserved' is reserved"),
        problems("{ name = t, type = typed, table = reserved, tabel = x }"));
  }

  @Test
  void theStagesOwnValidationWaitsWhenADeclaredOptionFailsToRead() {
    assertEquals(
        List.of("jobs/typed.conf:4: stages[0].partitions: must be between 1 and 64, found 65"),
        problems("{ name = t, type = typed, table = reserved, partitions = 65 }"));
  }

  @Test
  void aConditionalRuleNamesItsCondition() {
    assertEquals(
        List.of("jobs/typed.conf:4: stages[0].mode: mode = merge requires 'merge-keys' to be set"),
        problems("{ name = t, type = typed, table = t, mode = merge }"));
  }

  @Test
  void aNestedKeyPointsAtItsOwnLine() {
    assertEquals(
        List.of("jobs/typed.conf:6: stages[0].checks[1].column: missing"),
        problems(
            """
            { name = t, type = typed, table = t, checks = [
                { column = a }
                { colum = b }
              ] }
            """));
  }

  @Test
  void aDeprecatedNameIsReadWithAWarningNamingTheNewOne() {
    JobSpec job = validate("{ name = t, type = typed, table = t, mode = merge, merge-key = [id] }");
    assertEquals(List.of(SqlIdentifier.of("id")), job.stages().get(0).options().get(KEYS));
    assertEquals(
        List.of(
            "jobs/typed.conf:4: stages[0].merge-key: 'merge-key' is deprecated; write 'merge-keys'"),
        job.warnings().stream().map(Problem::toString).toList());
    assertEquals("jobs/typed.conf:4", job.stages().get(0).options().location(KEYS).toString());
  }

  @Test
  void writingBothTheOldAndTheNewNameIsAProblem() {
    assertEquals(
        List.of(
            "jobs/typed.conf:4: stages[0].merge-key: 'merge-key' is the old name of 'merge-keys';"
                + " keep 'merge-keys' only"),
        problems("{ name = t, type = typed, table = t, merge-keys = [id], merge-key = [id] }"));
  }
}

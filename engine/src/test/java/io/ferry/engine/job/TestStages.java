package io.ferry.engine.job;

import io.ferry.core.option.OptionRule;
import io.ferry.core.option.StageOption;
import io.ferry.core.stage.StageFactory;
import io.ferry.core.stage.StageOutput;
import io.ferry.core.stage.StageProblems;
import io.ferry.core.stage.StageSpec;
import io.ferry.engine.stage.StageRegistry;
import java.util.List;

/** Stage types for core's own tests. */
public final class TestStages {
  public static final StageOption<String> CONNECTION =
      StageOption.connection("connection", "The source connection.").required();
  public static final StageOption<String> TABLE =
      StageOption.string("table", "A table.").optional();
  public static final StageOption<String> QUERY =
      StageOption.string("query", "A query.").optional();
  public static final StageOption<Integer> PARTITIONS =
      StageOption.integer("partitions", "Parallel reads.").withDefault(4);
  public static final StageOption<java.util.Map<String, String>> READER =
      StageOption.stringMap("reader", "Reader options.").optional();

  /** A source with declared options and a rule, like jdbc-ingest. */
  public static final class Source implements StageFactory {
    @Override
    public String type() {
      return "test-source";
    }

    @Override
    public String description() {
      return "Reads a table for tests.";
    }

    @Override
    public List<StageOption<?>> options() {
      return List.of(CONNECTION, TABLE, QUERY, PARTITIONS, READER);
    }

    @Override
    public List<OptionRule> rules() {
      return List.of(OptionRule.exactlyOneOf(TABLE, QUERY));
    }

    @Override
    public void validate(StageSpec spec, StageProblems problems) {
      if (spec.options().get(PARTITIONS) < 1) {
        problems.add(PARTITIONS, "must be at least 1");
      }
    }

    @Override
    public io.ferry.core.stage.Stage create(StageSpec spec) {
      return context -> StageOutput.none();
    }
  }

  /** A stage that reads an input. */
  public static final class Sink implements StageFactory {
    @Override
    public String type() {
      return "test-sink";
    }

    @Override
    public String description() {
      return "Writes its input for tests.";
    }

    @Override
    public List<StageOption<?>> options() {
      return List.of();
    }

    @Override
    public boolean readsInput() {
      return true;
    }

    @Override
    public io.ferry.core.stage.Stage create(StageSpec spec) {
      return context -> StageOutput.none();
    }
  }

  public static StageRegistry registry() {
    return StageRegistry.of(new Source(), new Sink());
  }

  private TestStages() {}
}

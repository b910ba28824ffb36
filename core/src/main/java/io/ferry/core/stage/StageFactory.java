package io.ferry.core.stage;

import io.ferry.core.option.OptionRule;
import io.ferry.core.option.StageOption;
import java.util.List;

/**
 * A stage type, found through {@link java.util.ServiceLoader}: a module registers its factory in
 * {@code META-INF/services/io.ferry.core.stage.StageFactory}. Factories are created once per
 * process and must be stateless.
 *
 * <p>The declared {@link #options()} and {@link #rules()} drive validation of every stage of this
 * type before Spark starts, {@code ferry stages} and docs/stages.md; there is no other list of a
 * stage's options.
 */
public interface StageFactory {

  /** The {@code type} written in job files, lower case with dashes, e.g. {@code jdbc-ingest}. */
  String type();

  /** One sentence for {@code ferry stages} and docs. */
  String description();

  /** Every option this type accepts besides {@code name}, {@code type}, {@code input}. */
  List<StageOption<?>> options();

  /** Rules between options (exactly one of, requires). */
  default List<OptionRule> rules() {
    return List.of();
  }

  /** Whether stages of this type read an input dataset (so {@code input} applies). */
  default boolean readsInput() {
    return false;
  }

  /**
   * Checks that go beyond single options and declared rules. Called during validation, only when
   * every declared option of the stage read cleanly; must not touch Spark, files or the network.
   */
  default void validate(StageSpec spec, StageProblems problems) {}

  /** Creates the stage. No I/O here: connections open in {@link Stage#run}. */
  Stage create(StageSpec spec);
}

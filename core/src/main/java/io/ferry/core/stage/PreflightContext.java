package io.ferry.core.stage;

import com.typesafe.config.Config;
import io.ferry.core.connection.ConnectionSpec;
import io.ferry.core.lake.Lake;
import java.util.List;

/**
 * What a stage sees during {@code ferry check}. Valid only during {@link ChecksReadiness#check}.
 */
public interface PreflightContext {

  /** The job's name. */
  String job();

  /** The job's resolved {@code params}, for paths and SQL that use {@code ${params.x}}. */
  Config params();

  /** The lake under {@code lake.root}, reached as a run would reach it; read it, write nothing. */
  Lake lake();

  /** A connection from {@code connections}; its password resolves on first use. */
  ConnectionSpec connection(String name);

  /**
   * The stages that run before this one, in job order: what they write may not exist yet when the
   * check runs (a model {@code model-train} writes, a raw run an earlier ingest commits).
   */
  List<StageSpec> earlierStages();

  /** Where problems go, each located at the option it concerns. */
  StageProblems problems();

  /**
   * Records that the stage could not log in to {@code connection}, at the stage's {@code
   * connection} option, with the driver's message and what to check.
   *
   * @param what what the connection leads to, e.g. {@code "the warehouse"}
   */
  default void cannotLogIn(ConnectionSpec connection, String what, Exception e) {
    problems()
        .add(
            "connection",
            "cannot log in to "
                + what
                + " through connection '"
                + connection.name()
                + "' at "
                + connection.host()
                + ": "
                + e.getMessage()
                + "; check that the host is reachable from here and the user and password (or the"
                + " secret they come from) are right");
  }
}

package io.ferry.engine.job;

import java.util.List;
import java.util.stream.Collectors;

/** A job that failed validation, with every problem found. Maps to exit code 2. */
public final class InvalidJobException extends RuntimeException {
  private final List<Problem> problems;

  public InvalidJobException(List<Problem> problems) {
    super(render(problems));
    this.problems = List.copyOf(problems);
  }

  public List<Problem> problems() {
    return problems;
  }

  private static String render(List<Problem> problems) {
    return problems.size()
        + (problems.size() == 1 ? " problem" : " problems")
        + " in the job:\n"
        + problems.stream().sorted().map(p -> "  " + p).collect(Collectors.joining("\n"));
  }
}

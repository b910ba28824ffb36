package io.ferry.bench.measure;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One process to start: its arguments, extra environment variables, and where its standard input
 * comes from. Its standard output goes to the file {@code stdout} names ({@code /dev/null} for a
 * null sink), else with its standard error to the run's log.
 *
 * @param args the program and its arguments
 * @param env variables added to the harness's environment (passwords go here, never in args)
 * @param stdin a file to read as standard input, e.g. a COPY file
 * @param stdout a file to write standard output to; empty: the run's log
 */
public record Command(
    List<String> args, Map<String, String> env, Optional<Path> stdin, Optional<Path> stdout) {

  public Command {
    args = List.copyOf(requireNonNull(args, "args"));
    env = Map.copyOf(requireNonNull(env, "env"));
    requireNonNull(stdin, "stdin");
    requireNonNull(stdout, "stdout");
    if (args.isEmpty()) {
      throw new IllegalArgumentException("a command needs a program");
    }
  }

  public static Command of(List<String> args, Map<String, String> env) {
    return new Command(args, env, Optional.empty(), Optional.empty());
  }

  public Command withStdin(Path file) {
    return new Command(args, env, Optional.of(file), stdout);
  }

  public Command withStdout(Path file) {
    return new Command(args, env, stdin, Optional.of(file));
  }
}

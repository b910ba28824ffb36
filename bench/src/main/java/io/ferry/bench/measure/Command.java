package io.ferry.bench.measure;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One process to start: its arguments, extra environment variables, and where its standard input
 * comes from. Its standard output is thrown away unless {@code stdout} names a file; its standard
 * error goes to the run's log.
 *
 * @param args the program and its arguments
 * @param env variables added to the harness's environment (passwords go here, never in args)
 * @param stdin a file to read as standard input, e.g. a COPY file
 * @param stdout a file to write standard output to; empty: discarded (a null sink)
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

  /** The command line as a user would type it, without the environment (it holds secrets). */
  public String display() {
    StringBuilder out = new StringBuilder(String.join(" ", args));
    stdin.ifPresent(in -> out.append(" < ").append(in));
    out.append(" > ").append(stdout.map(Path::toString).orElse("/dev/null"));
    return out.toString();
  }
}

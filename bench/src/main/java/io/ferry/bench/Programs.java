package io.ferry.bench;

import static java.util.Objects.requireNonNull;

import io.ferry.bench.measure.Command;
import io.ferry.testkit.PostgresDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The commands of the cold ways, each a fresh process: {@code bin/ferry}, a hand-written Spark
 * program in its own JVM (with bin/ferry's JVM flags and heap, so both start alike), and {@code
 * psql}. Passwords travel in environment variables, never on command lines.
 */
public final class Programs {
  /** The variable the benchmark's job files and hand-written programs read the password from. */
  public static final String PASSWORD_ENV = "BENCH_PG_PASSWORD";

  /** bin/ferry's default heap, given to the hand-written programs too. */
  static final String HEAP = "-Xmx1g";

  private static final List<String> JVM_FLAGS =
      List.of(
          "-Duser.timezone=UTC",
          "-Dfile.encoding=UTF-8",
          "--add-opens=java.base/java.lang=ALL-UNNAMED",
          "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
          "--add-opens=java.base/java.nio=ALL-UNNAMED",
          "--add-opens=java.base/java.util=ALL-UNNAMED",
          "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
          "--add-opens=java.base/java.net=ALL-UNNAMED",
          "--add-opens=java.base/java.io=ALL-UNNAMED",
          "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
          "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED");

  private final Path root;
  private final PostgresDatabase db;
  private final String classpath;
  private final Optional<Path> profiles;
  private final List<String> extraFlags;

  /**
   * @param root the checkout (bin/ferry, conf/log4j2.properties)
   * @param db the database every way reads from or writes to
   * @param profiles when present, every JVM way records a JFR profile there, named after its run
   * @param extraFlags flags added to every JVM way ({@code --jvm-flags})
   */
  Programs(Path root, PostgresDatabase db, Optional<Path> profiles, List<String> extraFlags) {
    this.root = requireNonNull(root, "root");
    this.db = requireNonNull(db, "db");
    this.profiles = requireNonNull(profiles, "profiles");
    this.extraFlags = List.copyOf(requireNonNull(extraFlags, "extraFlags"));
    this.classpath = benchClasspath(root);
    for (Path dir : profiles.stream().toList()) {
      try {
        Files.createDirectories(dir);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create the profiles folder " + dir, e);
      }
    }
  }

  /**
   * {@code bin/ferry ARGS...}, the way a user starts Ferry.
   *
   * @param runName names the JFR recording when profiling
   */
  public Command ferry(String runName, String... args) {
    markBuildCurrent();
    List<String> command = new ArrayList<>();
    command.add(root.resolve("bin/ferry").toString());
    command.addAll(List.of(args));
    Map<String, String> env = new HashMap<>(env());
    List<String> flags = new ArrayList<>(extraFlags);
    profile(runName)
        .ifPresent(
            flag -> {
              flags.add(flag);
              // JDK 17.0.15's JVM crashes (KlassFactory::check_shared_class_file_load_hook) when a
              // flight recording runs beside bin/ferry's class-data sharing archive.
              env.put("FERRY_CDS", "off");
            });
    if (!flags.isEmpty()) {
      flags.add(0, HEAP);
      env.put("FERRY_JAVA_OPTS", String.join(" ", flags));
    }
    return Command.of(command, env);
  }

  /**
   * {@code java <bin/ferry's flags> -cp <Spark's classpath> MAIN ARGS...}: a hand-written program.
   *
   * @param runName names the JFR recording when profiling
   */
  public Command java(String runName, Class<?> main, String... args) {
    List<String> command = new ArrayList<>(jvm());
    profile(runName).ifPresent(flag -> command.add(1, flag));
    command.add(main.getName());
    command.addAll(List.of(args));
    return Command.of(command, env());
  }

  /**
   * bin/ferry rebuilds when a source file is newer than its build stamp ({@code
   * launcher/target/ferry.built}), or when the stamp is missing, as after a Maven build. The
   * harness built (or checked) everything when it started; a source edited during a run must not
   * start a build inside a measured process, so every Ferry command first marks the build as
   * current.
   */
  private void markBuildCurrent() {
    Path stamp = root.resolve("launcher/target/ferry.built");
    try {
      if (!Files.exists(stamp)) {
        Files.createFile(stamp);
      }
      Files.setLastModifiedTime(stamp, FileTime.from(Instant.now()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot mark " + stamp + " as the current build", e);
    }
  }

  /** The environment every way gets: the database password. */
  public Map<String, String> env() {
    return Map.of(PASSWORD_ENV, db.password());
  }

  private Optional<String> profile(String runName) {
    return profiles.map(
        dir ->
            "-XX:StartFlightRecording=filename="
                + dir.resolve(runName + ".jfr")
                + ",settings=profile");
  }

  /** {@code java <flags> -cp <classpath>}, with no main class yet. */
  public List<String> jvm() {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add(HEAP);
    command.addAll(extraFlags);
    command.addAll(JVM_FLAGS);
    command.add("-Dlog4j2.configurationFile=" + root.resolve("conf/log4j2.properties"));
    command.add("-cp");
    command.add(classpath);
    return command;
  }

  /** The JVM flags Spark needs on Java 17 (bin/ferry's), e.g. for executors. */
  public static List<String> jvmFlags() {
    return JVM_FLAGS;
  }

  /** {@code psql -c SQL} against the benchmark database; its output into /dev/null. */
  public Command psql(String sql) {
    return new Command(
        List.of("psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-c", sql),
        Map.of(
            "PGHOST", "localhost",
            "PGPORT", Integer.toString(port()),
            "PGUSER", db.user(),
            "PGDATABASE", db.name(),
            "PGPASSWORD", db.password()),
        Optional.empty(),
        Optional.of(Path.of("/dev/null")));
  }

  public Path root() {
    return root;
  }

  /** The harness's own classpath files, written by the bench module's build. */
  public String classpath() {
    return classpath;
  }

  private int port() {
    String url = db.jdbcUrl();
    String hostPort = url.substring(url.indexOf("//") + 2, url.indexOf('/', url.indexOf("//") + 2));
    return Integer.parseInt(hostPort.substring(hostPort.indexOf(':') + 1));
  }

  private static String benchClasspath(Path root) {
    Path target = root.resolve("bench/target");
    try {
      return target.resolve("classes")
          + ":"
          + Files.readString(target.resolve("bench.classpath")).strip()
          + ":"
          + Files.readString(target.resolve("bench-runtime.classpath")).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read the harness's classpath files under "
              + target
              + "; build it first: ./mvnw -pl bench -am -DskipTests package",
          e);
    }
  }
}

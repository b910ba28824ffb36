package io.ferry.bench.validate;

import io.ferry.bench.Benchmark;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code bench/run validate [JOB] [ROUNDS]}: {@code bin/ferry validate JOB --env local} as a user
 * starts it, each run a fresh process (JVM start included), alternating runs with bin/ferry's
 * class-data sharing archive and without it ({@code FERRY_CDS=off}). Wall and CPU time of each run
 * come from {@code /usr/bin/time}; the first run, which writes the archive, is reported apart.
 */
public final class ValidateBenchmark implements Benchmark {
  private static final String TIME = "/usr/bin/time";

  private record Run(double wallSeconds, double cpuSeconds) {}

  @Override
  public String name() {
    return "validate";
  }

  @Override
  public String description() {
    return "bin/ferry validate of a job, fresh process per run, with and without the CDS archive"
        + " [JOB=conf/jobs/demo.conf] [ROUNDS=7]";
  }

  @Override
  public String run(List<String> args) throws Exception {
    // bench/target/classes -> the checkout
    Path root =
        Path.of(ValidateBenchmark.class.getProtectionDomain().getCodeSource().getLocation().toURI())
            .getParent()
            .getParent()
            .getParent();
    String job = args.isEmpty() ? "conf/jobs/demo.conf" : args.get(0);
    int rounds = args.size() > 1 ? Integer.parseInt(args.get(1)) : 7;
    Files.deleteIfExists(root.resolve("launcher/target/ferry.jsa"));
    validate(root, job, Map.of()); // builds bin/ferry's classpath when sources changed
    Files.deleteIfExists(root.resolve("launcher/target/ferry.jsa"));
    Run first = validate(root, job, Map.of());
    List<Run> withArchive = new ArrayList<>();
    List<Run> without = new ArrayList<>();
    for (int i = 0; i < rounds; i++) {
      withArchive.add(validate(root, job, Map.of()));
      without.add(validate(root, job, Map.of("FERRY_CDS", "off")));
    }
    return String.format(
        Locale.ROOT,
        """
        ## validate: `bin/ferry validate %s --env local`, fresh process per run, median of %d alternating rounds

        | way | wall s | CPU s (user + sys) | runs, wall (s) |
        |---|---|---|---|
        | **bin/ferry (class-data sharing archive)** | **%.2f** | %.2f | %s |
        | bin/ferry, FERRY_CDS=off | %.2f | %.2f | %s |
        | first run, writing the archive | %.2f | %.2f | |
        """,
        job,
        rounds,
        median(withArchive, Run::wallSeconds),
        median(withArchive, Run::cpuSeconds),
        walls(withArchive),
        median(without, Run::wallSeconds),
        median(without, Run::cpuSeconds),
        walls(without),
        first.wallSeconds(),
        first.cpuSeconds());
  }

  private static Run validate(Path root, String job, Map<String, String> env)
      throws IOException, InterruptedException {
    Path times = Files.createTempFile("ferry-validate", ".time");
    ProcessBuilder pb =
        new ProcessBuilder(
                TIME,
                "-f",
                "%e %U %S",
                "-o",
                times.toString(),
                root.resolve("bin/ferry").toString(),
                "validate",
                job,
                "--env",
                "local")
            .directory(root.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD);
    pb.environment().putAll(env);
    int exit = pb.start().waitFor();
    String[] figures = Files.readString(times, StandardCharsets.UTF_8).strip().split("\\s+");
    Files.delete(times);
    if (exit != 0) {
      throw new IllegalStateException("bin/ferry validate " + job + " exited with " + exit);
    }
    double[] f = new double[3];
    for (int i = 0; i < 3; i++) {
      f[i] = Double.parseDouble(figures[figures.length - 3 + i]);
    }
    return new Run(f[0], f[1] + f[2]);
  }

  private static double median(List<Run> runs, java.util.function.ToDoubleFunction<Run> figure) {
    double[] sorted = runs.stream().mapToDouble(figure).sorted().toArray();
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  private static String walls(List<Run> runs) {
    return runs.stream()
        .map(r -> String.format(Locale.ROOT, "%.2f", r.wallSeconds()))
        .toList()
        .toString();
  }
}

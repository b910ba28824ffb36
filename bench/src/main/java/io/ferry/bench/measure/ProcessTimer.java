package io.ferry.bench.measure;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Runs a {@link Command} as its own process and measures the whole of it: wall time, CPU, peak
 * resident memory, and the database CPU spent meanwhile.
 *
 * <p>With GNU time ({@code /usr/bin/time}) present, CPU and peak RSS come from the kernel's
 * accounting of the exited process ({@code wait4}'s rusage). Without it they are sampled every 20
 * ms from {@code /proc/<pid>}: the CPU of the process and its reaped children at the last sample
 * before it exited (so up to 20 ms short), and the largest {@code VmHWM} of the process and its
 * descendants. The system property {@code bench.proc-sampling=true} forces the sampling.
 *
 * <p>A process that runs longer than the timeout is killed with its descendants and reported as a
 * failure naming its log.
 */
public final class ProcessTimer {
  private static final Path GNU_TIME = Path.of("/usr/bin/time");
  private static final int LOG_TAIL_LINES = 15;

  private final Path logs;
  private final Duration timeout;
  private final LongSupplier serverCpuMillis;
  private final boolean gnuTime;

  /**
   * @param logs folder for each run's standard error (and GNU time's figures)
   * @param timeout the longest one process may run
   * @param serverCpuMillis the database's accumulated CPU so far, read before and after each run
   */
  public ProcessTimer(Path logs, Duration timeout, LongSupplier serverCpuMillis) {
    this.logs = requireNonNull(logs, "logs");
    this.timeout = requireNonNull(timeout, "timeout");
    this.serverCpuMillis = requireNonNull(serverCpuMillis, "serverCpuMillis");
    this.gnuTime = Files.isExecutable(GNU_TIME) && !Boolean.getBoolean("bench.proc-sampling");
  }

  /** How CPU and memory are measured, for the results page. */
  public String method() {
    return gnuTime
        ? "`/usr/bin/time` (the kernel's rusage of the exited process: user + system CPU, maximum"
            + " resident set size)"
        : "`/proc/<pid>` sampled every 20 ms (CPU of the process and its reaped children; largest"
            + " VmHWM of the process and its descendants)";
  }

  /**
   * Runs the command to its end.
   *
   * @param name names the log file, e.g. {@code ingest-mixed-ferry-r1}
   * @throws WayFailedException when the process exits non-zero or times out; the message has the
   *     log's last lines
   */
  public ProcessSample run(String name, Command command) throws IOException, InterruptedException {
    Files.createDirectories(logs);
    Path log = logs.resolve(name + ".log");
    Path figures = logs.resolve(name + ".time");
    List<String> args = new ArrayList<>();
    if (gnuTime) {
      args.addAll(List.of(GNU_TIME.toString(), "-o", figures.toString(), "-f", "%e %U %S %M"));
    }
    args.addAll(command.args());
    ProcessBuilder builder = new ProcessBuilder(args).redirectError(log.toFile());
    builder.environment().putAll(command.env());
    command.stdin().ifPresent(in -> builder.redirectInput(in.toFile()));
    if (command.stdout().isPresent()) {
      builder.redirectOutput(command.stdout().get().toFile());
    } else {
      // Standard output joins the log; without a redirect of its own it would go to a pipe that
      // nobody reads, taking standard error with it.
      builder.redirectOutput(log.toFile()).redirectErrorStream(true);
    }
    long serverBefore = serverCpuMillis.getAsLong();
    long start = System.nanoTime();
    Process process = builder.start();
    Sampler sampler = gnuTime ? null : new Sampler(process);
    boolean ended = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    long wall = (System.nanoTime() - start) / 1_000_000;
    if (sampler != null) {
      sampler.stop();
    }
    if (!ended) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly().waitFor();
      throw new WayFailedException(
          "timed out after " + timeout.toSeconds() + " s and was killed; log " + log + tail(log));
    }
    if (process.exitValue() != 0) {
      throw new WayFailedException(
          "exited with status " + process.exitValue() + "; log " + log + tail(log));
    }
    long serverCpu = settled(serverCpuMillis) - serverBefore;
    if (sampler != null) {
      return new ProcessSample(
          wall,
          sampler.cpuMillis.get(),
          sampler.peakKib.get(),
          serverCpu,
          OptionalLong.empty(),
          Map.of());
    }
    List<String> lines = Files.readAllLines(figures, StandardCharsets.UTF_8);
    String[] f = lines.get(lines.size() - 1).strip().split(" ");
    long cpu = Math.round((Double.parseDouble(f[1]) + Double.parseDouble(f[2])) * 1000);
    return new ProcessSample(
        wall, cpu, Long.parseLong(f[3]), serverCpu, OptionalLong.empty(), Map.of());
  }

  /**
   * The database's CPU once the backends of the ended run were reaped: they exit a moment after
   * their client closed the connection, so read until two readings 50 ms apart agree (at most 1 s).
   */
  static long settled(LongSupplier serverCpuMillis) throws InterruptedException {
    long last = serverCpuMillis.getAsLong();
    for (int i = 0; i < 20; i++) {
      Thread.sleep(50);
      long now = serverCpuMillis.getAsLong();
      if (now == last) {
        return now;
      }
      last = now;
    }
    return last;
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return ":\n    "
          + String.join(
              "\n    ", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
    } catch (IOException e) {
      return " (unreadable: " + e.getMessage() + ")";
    }
  }

  /** Samples a running process's CPU and peak RSS from {@code /proc} every 20 ms. */
  private static final class Sampler {
    private final AtomicLong cpuMillis = new AtomicLong();
    private final AtomicLong peakKib = new AtomicLong();
    private final Thread thread;

    Sampler(Process process) {
      thread =
          new Thread(
              () -> {
                while (process.isAlive()) {
                  ProcStat.cpuMillisWithChildren(process.pid())
                      .ifPresent(cpu -> cpuMillis.accumulateAndGet(cpu, Math::max));
                  ProcStat.peakRssKib(process.pid())
                      .ifPresent(kib -> peakKib.accumulateAndGet(kib, Math::max));
                  process
                      .descendants()
                      .forEach(
                          child ->
                              ProcStat.peakRssKib(child.pid())
                                  .ifPresent(kib -> peakKib.accumulateAndGet(kib, Math::max)));
                  try {
                    Thread.sleep(20);
                  } catch (InterruptedException e) {
                    return;
                  }
                }
              },
              "bench-proc-sampler");
      thread.setDaemon(true);
      thread.start();
    }

    void stop() throws InterruptedException {
      thread.join();
    }
  }
}

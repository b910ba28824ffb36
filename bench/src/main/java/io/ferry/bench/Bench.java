package io.ferry.bench;

import java.util.Arrays;
import java.util.List;
import java.util.ServiceLoader;
import java.util.TimeZone;

/** The harness's entry point: {@code bench/run NAME [ARGS...]} or {@code bench/run --list}. */
public final class Bench {
  private Bench() {}

  public static void main(String[] args) throws Exception {
    TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
    List<Benchmark> all =
        ServiceLoader.load(Benchmark.class).stream().map(ServiceLoader.Provider::get).toList();
    if (args.length == 0 || args[0].equals("--list")) {
      System.out.println("Benchmarks (bench/run NAME [ARGS...]):");
      all.forEach(b -> System.out.printf("  %-12s %s%n", b.name(), b.description()));
      return;
    }
    Benchmark benchmark =
        all.stream()
            .filter(b -> b.name().equals(args[0]))
            .findFirst()
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "no benchmark named '" + args[0] + "'; try --list"));
    System.out.println(benchmark.run(Arrays.asList(args).subList(1, args.length)));
  }
}

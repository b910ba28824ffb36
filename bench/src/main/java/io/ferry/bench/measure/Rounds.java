package io.ferry.bench.measure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs ways in alternating rounds: every round runs each way once, and the order rotates by one
 * each round so that no way always runs first (on a cooler machine) or last. A way that fails is
 * recorded with its reason and skipped in later rounds; the others go on.
 */
public final class Rounds {
  private Rounds() {}

  /**
   * @param name prefix of the runs' names, e.g. {@code ingest-mixed}
   * @return each way's runs, in the ways' order
   */
  public static Map<String, WayRuns> alternate(String name, List<Way> ways, int rounds)
      throws InterruptedException {
    Map<String, WayRuns> results = new LinkedHashMap<>();
    ways.forEach(way -> results.put(way.key(), new WayRuns(way)));
    for (int round = 0; round < rounds; round++) {
      List<Way> order = new ArrayList<>(ways);
      for (int i = 0; i < round % Math.max(1, ways.size()); i++) {
        order.add(order.remove(0));
      }
      for (Way way : order) {
        WayRuns runs = results.get(way.key());
        if (runs.failure().isPresent()) {
          continue;
        }
        String runName = name + "-" + way.key() + "-r" + round;
        try {
          way.before().run();
          ProcessSample sample = way.trial().run(runName);
          runs.add(sample);
          System.err.printf(
              Locale.ROOT,
              "bench: %s %.2f s wall, %.1f s CPU, %d MiB peak RSS%s%n",
              runName,
              sample.wallMillis() / 1000.0,
              sample.cpuMillis() / 1000.0,
              sample.peakRssKib() / 1024,
              sample.stageMillis().isPresent()
                  ? String.format(
                      Locale.ROOT,
                      ", stage %.2f s %s",
                      sample.stageMillis().getAsLong() / 1000.0,
                      sample.phases())
                  : "");
        } catch (InterruptedException e) {
          throw e;
        } catch (Exception e) {
          runs.fail(runName + ": " + e.getMessage());
          System.err.println("bench: " + runName + " FAILED: " + e.getMessage());
        }
      }
    }
    return results;
  }
}

package io.ferry.bench.report;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * What one comparison puts on the results page.
 *
 * @param key the comparison's name, e.g. {@code ingest}
 * @param title the section's heading
 * @param markdown the section's body: tables and notes
 * @param ratios the ratios it found, those with targets first in the page's summary
 */
public record Section(String key, String title, String markdown, List<Ratio> ratios) {

  public Section {
    requireNonNull(key, "key");
    requireNonNull(title, "title");
    requireNonNull(markdown, "markdown");
    ratios = List.copyOf(requireNonNull(ratios, "ratios"));
  }
}

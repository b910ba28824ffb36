package io.ferry.bench.report;

import java.util.ArrayList;
import java.util.List;

/**
 * The results page: where and when, the exact command, every target with its measured value and
 * verdict, then each comparison's section and how the harness measures.
 */
public final class ResultsPage {
  private ResultsPage() {}

  /**
   * @param header the page's opening (machine, date, commit, command), Markdown
   * @param chartFile the chart's file name, beside the page
   * @param method how the harness measures, Markdown
   */
  public static String render(
      String header, String chartFile, List<Section> sections, String method) {
    StringBuilder md = new StringBuilder("# Benchmark results\n\n");
    md.append(
        "Written by the harness itself (`bench/run all`); do not edit by hand: run it again."
            + " Every figure below comes from the one run described here.\n\n");
    md.append(header).append('\n');
    md.append("![Ratios against their targets](").append(chartFile).append(")\n\n");
    md.append("## Targets (issue 14)\n\n");
    md.append("| ratio | measured | target | verdict |\n|---|---|---|---|\n");
    List<Ratio> all = new ArrayList<>();
    sections.forEach(s -> all.addAll(s.ratios()));
    for (Ratio r : all) {
      if (r.target().isPresent()) {
        md.append("| ")
            .append(r.label())
            .append(" | ")
            .append(r.valueText())
            .append(" | ")
            .append(r.targetText())
            .append(" | ")
            .append(r.verdict())
            .append(" |\n");
      }
    }
    md.append('\n');
    for (Section s : sections) {
      md.append("## ").append(s.title()).append("\n\n").append(s.markdown()).append('\n');
    }
    md.append("## How the harness measures\n\n").append(method);
    return md.toString();
  }
}

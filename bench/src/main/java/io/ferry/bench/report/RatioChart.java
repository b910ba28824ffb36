package io.ferry.bench.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * The results page's chart: every measured ratio as a horizontal bar, with its target beside it
 * when the issue gives one (lower is better for both). Drawn with JFreeChart, headless.
 */
public final class RatioChart {
  private static final String MEASURED = "measured ratio";
  private static final String TARGET = "target (at most)";

  private RatioChart() {}

  /** Writes the PNG; only ratios (unit ×) with a value are drawn. */
  public static void write(List<Ratio> ratios, String title, Path png) throws IOException {
    System.setProperty("java.awt.headless", "true");
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    int bars = 0;
    for (Ratio r : ratios) {
      if (!r.unit().equals("×") || r.value().isEmpty()) {
        continue;
      }
      data.addValue(r.value().getAsDouble(), MEASURED, r.label());
      if (r.target().isPresent()) {
        data.addValue(r.target().get().goal(), TARGET, r.label());
      }
      bars++;
    }
    CategoryAxis labels = new CategoryAxis();
    labels.setTickLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    labels.setMaximumCategoryLabelWidthRatio(0.6f);
    // Ratios span from about 0.1 (Ferry against Spark) to hundreds (fixed costs against a tiny
    // COPY): a log axis keeps both readable, with 1.0 (as fast as the other way) marked.
    LogAxis values = new LogAxis("ratio, log scale (below 1: Ferry is faster)");
    values.setBase(10);
    values.setSmallestValue(0.01);
    BarRenderer renderer = new BarRenderer();
    renderer.setBarPainter(new StandardBarPainter());
    renderer.setShadowVisible(false);
    renderer.setSeriesPaint(0, new Color(0x1f77b4));
    renderer.setSeriesPaint(1, new Color(0xbbbbbb));
    renderer.setItemMargin(0.0);
    CategoryPlot plot = new CategoryPlot(data, labels, values, renderer);
    plot.setOrientation(PlotOrientation.HORIZONTAL);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    plot.addRangeMarker(new ValueMarker(1.0, Color.DARK_GRAY, new BasicStroke(1.5f)));
    JFreeChart chart = new JFreeChart(title, new Font(Font.SANS_SERIF, Font.BOLD, 14), plot, true);
    chart.setBackgroundPaint(Color.WHITE);
    ChartUtils.saveChartAsPNG(png.toFile(), chart, 1200, 140 + 34 * Math.max(1, bars));
  }
}

package io.ferry.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class TargetTest {

  @Test
  void aRatioIsMetAtOrBelowItsGoalAndWithinTheBarUpToIt() {
    Target t = Target.atMost(1.5, 2.0);

    assertEquals("met", t.verdict(1.5));
    assertEquals("missed, within the bar", t.verdict(1.9));
    assertEquals("missed", t.verdict(2.01));
    assertEquals("≤ 1.50× (bar 2.00×)", t.text());
  }

  @Test
  void ratiosDivideMediansAndSayWhenAWayHasNoFigure() {
    Ratio r =
        Ratio.of("a ÷ b", OptionalDouble.of(3.0), OptionalDouble.of(4.0))
            .against(Target.atMost(0.6));
    Ratio missing = Ratio.of("a ÷ b", OptionalDouble.empty(), OptionalDouble.of(4.0));

    assertEquals("0.75×", r.valueText());
    assertEquals("missed", r.verdict());
    assertEquals("n/a", missing.valueText());
    assertEquals("not measured", missing.against(Target.atMost(1)).verdict());
  }

  @Test
  void secondsAreHeldAgainstAnAbsoluteGoal() {
    Ratio r = Ratio.seconds("validate", OptionalDouble.of(0.8), Target.atMost(1.0));

    assertEquals("0.80 s", r.valueText());
    assertEquals("≤ 1.00 s", r.targetText());
    assertEquals("met", r.verdict());
  }
}

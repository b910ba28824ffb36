package io.ferry.engine.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.ferry.core.secret.Redactor;
import io.ferry.core.stage.FailureCode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The run report as JSON; the whole text goes through the {@link Redactor}. */
public final class RunReportJson {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private RunReportJson() {}

  public static String render(RunReport report) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("job", report.job());
    root.put("run_id", report.runId());
    root.put("status", report.status().name().toLowerCase());
    root.put("started_at", report.startedAt().toString());
    root.put("ended_at", report.endedAt().toString());
    root.put("duration_ms", report.duration().toMillis());
    root.put("spark_master", report.sparkMaster());
    root.put("spark_application_id", report.sparkApplicationId());
    root.put("error", report.error().orElse(null));
    root.put("error_kind", kind(report.failureCode()));
    root.put("error_code", code(report.failureCode()));
    List<Map<String, Object>> stages = report.stages().stream().map(RunReportJson::stage).toList();
    root.put("stages", stages);
    try {
      return Redactor.global().redact(JSON.writeValueAsString(root));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render the run report", e);
    }
  }

  private static String kind(Optional<FailureCode> code) {
    return code.map(c -> c.kind().name().toLowerCase(Locale.ROOT)).orElse(null);
  }

  private static String code(Optional<FailureCode> code) {
    return code.map(FailureCode::name).orElse(null);
  }

  private static Map<String, Object> stage(StageReport s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", s.name());
    m.put("type", s.type());
    m.put("status", s.status().name().toLowerCase());
    m.put("started_at", s.startedAt().map(Object::toString).orElse(null));
    m.put("duration_ms", s.durationMillis());
    m.put("rows_in", s.rowsIn().isPresent() ? s.rowsIn().getAsLong() : null);
    m.put("rows_out", s.rowsOut().isPresent() ? s.rowsOut().getAsLong() : null);
    m.put("executor_cpu_ms", s.executorCpuMillis());
    m.put("process_cpu_ms", s.processCpuMillis());
    m.put("metrics", s.metrics());
    m.put("error", s.error().orElse(null));
    m.put("error_kind", kind(s.failureCode()));
    m.put("error_code", code(s.failureCode()));
    return m;
  }
}

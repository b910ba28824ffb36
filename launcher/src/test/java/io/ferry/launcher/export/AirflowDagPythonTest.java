package io.ferry.launcher.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.emr.model.RunJobFlowRequest;
import software.amazon.awssdk.services.emr.model.StepConfig;

/**
 * The DAG files are Python that compiles and evaluates to the intended operator calls.
 *
 * <p>Airflow cannot be installed here (no PyPI), so the files run against a stand-in
 * (src/test/resources/export/airflow-stub) whose operators take exactly the keyword arguments of
 * the Amazon provider's, checked by reading apache/airflow
 * providers/amazon/src/airflow/providers/amazon/aws/operators/emr.py: EmrCreateJobFlowOperator
 * (emr_conn_id, job_flow_overrides), EmrAddStepsOperator (job_flow_id, steps),
 * EmrTerminateJobFlowOperator (job_flow_id), EmrServerlessStartJobOperator (application_id,
 * execution_role_arn, job_driver, configuration_overrides, client_request_token, config, name,
 * waiter_delay, waiter_max_attempts; client_request_token is not among its template_fields and
 * defaults to str(uuid4()) in __init__) and sensors/emr.py: EmrStepSensor (job_flow_id, step_id).
 * What the stand-in proves: the literals are the values Ferry built, and no parameter is misspelt.
 * What it cannot: that a given Airflow release runs the DAG.
 */
class AirflowDagPythonTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Path STUB = Path.of("src/test/resources/export/airflow-stub").toAbsolutePath();
  @TempDir static Path dir;

  @BeforeAll
  static void needsPython() {
    assumeTrue(
        python("-c", "pass").code() == 0,
        "ASSUMPTION: python3 is not on this machine; the DAG files were neither compiled nor run");
  }

  record Result(int code, String out) {}

  static Result python(String... args) {
    List<String> command = new ArrayList<>(List.of("python3"));
    command.addAll(List.of(args));
    try {
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
      builder
          .environment()
          .putAll(Map.of("PYTHONDONTWRITEBYTECODE", "1", "PYTHONPATH", STUB.toString()));
      Process process = builder.start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return new Result(-1, out + "\n(timed out)");
      }
      return new Result(process.exitValue(), out);
    } catch (IOException e) {
      return new Result(-1, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Result(-1, e.toString());
    }
  }

  static JsonNode calls(String target) throws IOException {
    Path dag = ExportGoldenTest.GOLDEN.resolve(ExportGoldenTest.fileName(target)).toAbsolutePath();
    Result result = python(STUB.resolve("run_dag.py").toString(), dag.toString());
    assertEquals(0, result.code(), result.out());
    return JSON.readTree(result.out());
  }

  static JsonNode call(JsonNode calls, String operator) {
    for (JsonNode call : calls) {
      if (call.get("operator").asText().equals(operator)) {
        return call;
      }
    }
    throw new AssertionError("no " + operator + " in " + calls);
  }

  @Test
  void bothDagFilesCompile() {
    for (String target : List.of("airflow", "airflow-serverless")) {
      Path dag = ExportGoldenTest.GOLDEN.resolve(ExportGoldenTest.fileName(target));
      Result result =
          python(
              "-c",
              "import py_compile, sys; py_compile.compile(sys.argv[1], cfile=sys.argv[2],"
                  + " doraise=True)",
              dag.toString(),
              dir.resolve(target + ".pyc").toString());
      assertEquals(0, result.code(), target + ": " + result.out());
    }
  }

  @Test
  void clusterDagCreatesAddsWatchesAndAlwaysTerminatesTheClusterOfTheStepFunctionsExport()
      throws IOException {
    JsonNode calls = calls("airflow");
    List<String> operators = new ArrayList<>();
    calls.forEach(c -> operators.add(c.get("operator").asText()));
    assertEquals(
        List.of(
            "DAG",
            "EmrCreateJobFlowOperator",
            "EmrAddStepsOperator",
            "EmrStepSensor",
            "EmrTerminateJobFlowOperator",
            "task"),
        operators);

    JsonNode create = call(calls, "EmrCreateJobFlowOperator").get("kwargs");
    JsonNode stateMachine = JSON.readTree(ExportGoldenTest.golden("step-functions"));
    assertEquals(
        stateMachine.get("States").get("Create cluster").get("Parameters"),
        create.get("job_flow_overrides"));
    assertEquals(JSON.nullNode(), create.get("emr_conn_id"));
    assertEquals(
        List.of(),
        AwsShapes.mismatches(create.get("job_flow_overrides"), RunJobFlowRequest.builder()));

    JsonNode steps = call(calls, "EmrAddStepsOperator").get("kwargs").get("steps");
    assertEquals(1, steps.size());
    assertEquals(List.of(), AwsShapes.mismatches(steps.get(0), StepConfig.builder()));
    JsonNode emrStep = JSON.readTree(ExportGoldenTest.golden("emr-step")).get("Steps").get(0);
    ArrayNode args = ((ObjectNode) emrStep.deepCopy()).withArray("/HadoopJarStep/Args");
    args.set(args.size() - 1, new TextNode("{{ ts_nodash }}"));
    assertEquals(args, steps.get(0).get("HadoopJarStep").get("Args"));

    JsonNode sensor = call(calls, "EmrStepSensor").get("kwargs");
    assertEquals(
        "{{ task_instance.xcom_pull(task_ids='run_job')[0] }}", sensor.get("step_id").asText());
    assertEquals(JSON.readTree("{\"xcom\": \"create_cluster\"}"), sensor.get("job_flow_id"));
    assertEquals(10800, sensor.get("timeout").asInt());

    JsonNode terminate = call(calls, "EmrTerminateJobFlowOperator").get("kwargs");
    assertEquals("all_done", terminate.get("trigger_rule").asText());
    assertEquals(JSON.readTree("{\"xcom\": \"create_cluster\"}"), terminate.get("job_flow_id"));

    JsonNode failRun = call(calls, "task").get("kwargs");
    assertEquals("one_failed", failRun.get("trigger_rule").asText());
    assertEquals("RuntimeError", failRun.get("raises").asText());
  }

  @Test
  void serverlessDagTemplatesADeterministicClientTokenPerRunAndTry() throws IOException {
    JsonNode start = call(calls("airflow-serverless"), "FerryStartJobOperator");
    JsonNode kwargs = start.get("kwargs");
    assertEquals(
        "ferry-orders-{{ ts_nodash }}-{{ ti.try_number }}",
        kwargs.get("client_request_token").asText());
    assertEquals(
        "client_request_token",
        start.get("template_fields").get(start.get("template_fields").size() - 1).asText());

    JsonNode request = JSON.readTree(ExportGoldenTest.golden("emr-serverless"));
    ObjectNode driver = request.get("jobDriver").deepCopy();
    ArrayNode args = driver.withArray("/sparkSubmit/entryPointArguments");
    args.set(args.size() - 1, new TextNode("{{ ts_nodash }}"));
    assertEquals(driver, kwargs.get("job_driver"));
    assertEquals(request.get("configurationOverrides"), kwargs.get("configuration_overrides"));
    assertEquals(request.get("executionRoleArn"), kwargs.get("execution_role_arn"));
    assertEquals(request.get("applicationId"), kwargs.get("application_id"));
    assertEquals(
        JSON.readTree("{\"executionTimeoutMinutes\": 180, \"tags\": {\"ferry:job\": \"orders\"}}"),
        kwargs.get("config"));
    assertEquals(190, kwargs.get("waiter_max_attempts").asInt());
    assertEquals(2, kwargs.get("retries").asInt());
  }
}

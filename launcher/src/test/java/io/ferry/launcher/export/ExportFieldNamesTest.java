package io.ferry.launcher.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.emr.model.AddJobFlowStepsRequest;
import software.amazon.awssdk.services.emr.model.DescribeClusterRequest;
import software.amazon.awssdk.services.emr.model.RunJobFlowRequest;
import software.amazon.awssdk.services.emr.model.StepConfig;

/**
 * Every field name the exports write is one the AWS API knows: EMR request bodies against the AWS
 * SDK v2 model classes, the Step Functions tasks' Parameters against the EMR API shapes they pass
 * through, EMR Serverless and Data Pipeline fields against their reference pages (the SDK's
 * emrserverless module is not served by this machine's registry, and there is no Data Pipeline
 * definition model).
 */
class ExportFieldNamesTest {
  static final ObjectMapper JSON = new ObjectMapper();

  /**
   * StartJobRun's request fields, from the EMR Serverless API Reference:
   * https://docs.aws.amazon.com/emr-serverless/latest/APIReference/API_StartJobRun.html and the
   * JobDriver, SparkSubmit, ConfigurationOverrides, MonitoringConfiguration and
   * S3MonitoringConfiguration pages it links. "s" marks a string, 0 a number, "map" a string map.
   */
  static final String START_JOB_RUN =
      """
      {
        "applicationId": "s", "clientToken": "s", "executionRoleArn": "s", "name": "s",
        "mode": "s", "executionTimeoutMinutes": 0, "tags": "map",
        "executionIamPolicy": { "policy": "s", "policyArns": ["s"] },
        "retryPolicy": { "maxAttempts": 0, "maxFailedAttemptsPerHour": 0 },
        "jobDriver": {
          "sparkSubmit": { "entryPoint": "s", "entryPointArguments": ["s"], "sparkSubmitParameters": "s" },
          "hive": { "query": "s", "initQueryFile": "s", "parameters": "s" }
        },
        "configurationOverrides": {
          "monitoringConfiguration": {
            "s3MonitoringConfiguration": { "logUri": "s", "encryptionKeyArn": "s" },
            "managedPersistenceMonitoringConfiguration": { "enabled": true, "encryptionKeyArn": "s" }
          }
        }
      }
      """;

  /**
   * The fields of the Data Pipeline objects the export writes, from the AWS Data Pipeline Developer
   * Guide's object reference: dp-object-default.html (Default), dp-object-schedule.html,
   * dp-object-emrcluster.html, dp-object-emractivity.html under
   * https://docs.aws.amazon.com/datapipeline/latest/DeveloperGuide/.
   */
  static final Map<String, Set<String>> DATA_PIPELINE_FIELDS =
      Map.of(
          "Default",
          Set.of(
              "id",
              "name",
              "scheduleType",
              "failureAndRerunMode",
              "role",
              "resourceRole",
              "pipelineLogUri",
              "schedule"),
          "Schedule",
          Set.of("id", "name", "type", "period", "startDateTime", "endDateTime", "occurrences"),
          "EmrCluster",
          Set.of(
              "id",
              "name",
              "type",
              "releaseLabel",
              "applications",
              "masterInstanceType",
              "coreInstanceType",
              "coreInstanceCount",
              "region",
              "subnetId",
              "terminateAfter",
              "role",
              "resourceRole"),
          "EmrActivity",
          Set.of(
              "id",
              "name",
              "type",
              "runsOn",
              "step",
              "maximumRetries",
              "attemptTimeout",
              "schedule"));

  static JsonNode golden(String target) throws IOException {
    return JSON.readTree(ExportGoldenTest.golden(target));
  }

  @Test
  void emrStepRequestIsAnAddJobFlowStepsRequest() throws IOException {
    assertEquals(
        List.of(), AwsShapes.mismatches(golden("emr-step"), AddJobFlowStepsRequest.builder()));
  }

  @Test
  void stepFunctionsEmrTasksPassParametersOfTheEmrApiShapes() throws IOException {
    JsonNode states = golden("step-functions").get("States");
    List<String> mismatches = new ArrayList<>();
    Iterator<Map.Entry<String, JsonNode>> it = states.fields();
    int tasks = 0;
    while (it.hasNext()) {
      JsonNode state = it.next().getValue();
      if (!state.has("Resource")) {
        continue;
      }
      tasks++;
      JsonNode parameters = state.get("Parameters");
      switch (state.get("Resource").asText()) {
        case StepFunctionsMachine.CREATE_CLUSTER ->
            mismatches.addAll(AwsShapes.mismatches(parameters, RunJobFlowRequest.builder()));
        case StepFunctionsMachine.ADD_STEP -> {
          // addStep takes one Step (a StepConfig) and the ClusterId DescribeCluster also takes.
          ObjectNode rest = parameters.deepCopy();
          mismatches.addAll(AwsShapes.mismatches(rest.remove("Step"), StepConfig.builder()));
          mismatches.addAll(AwsShapes.mismatches(rest, DescribeClusterRequest.builder()));
        }
        case StepFunctionsMachine.TERMINATE_CLUSTER ->
            mismatches.addAll(AwsShapes.mismatches(parameters, DescribeClusterRequest.builder()));
        default -> mismatches.add("unexpected resource " + state.get("Resource"));
      }
    }
    assertEquals(List.of(), mismatches);
    assertEquals(4, tasks);
  }

  @Test
  void aMisspeltOrMistypedFieldIsCaught() {
    ObjectNode request = Json.object();
    request.put("Name", "x");
    request.put("ReleaseLable", "emr-7.12.0");
    request.putObject("Instances").put("KeepJobFlowAliveWhenNoSteps", "yes");
    List<String> mismatches = AwsShapes.mismatches(request, RunJobFlowRequest.builder());
    assertEquals(2, mismatches.size(), mismatches.toString());
    assertTrue(
        mismatches.get(0).startsWith("$.ReleaseLable: not a field of the shape; its fields: ["),
        mismatches.get(0));
    assertEquals(
        "$.Instances.KeepJobFlowAliveWhenNoSteps: expected Boolean, found STRING \"yes\"",
        mismatches.get(1));
    assertEquals(
        List.of("$.sparkSubmit.entrypoint: not a field"),
        skeletonMismatches(
            JSON.valueToTree(Map.of("sparkSubmit", Map.of("entrypoint", "s3://b/x.jar"))),
            startJobRun().get("jobDriver"),
            "$",
            false));
  }

  @Test
  void emrServerlessRequestUsesStartJobRunFields() throws IOException {
    assertEquals(
        List.of(), skeletonMismatches(golden("emr-serverless"), startJobRun(), "$", false));
  }

  @Test
  void stepFunctionsServerlessTaskPassesStartJobRunFields() throws IOException {
    JsonNode task = golden("step-functions-serverless").get("States").get("Run Ferry job");
    assertEquals(StepFunctionsMachine.START_JOB_RUN, task.get("Resource").asText());
    assertEquals(List.of(), skeletonMismatches(task.get("Parameters"), startJobRun(), "$", true));
  }

  @Test
  void dataPipelineObjectsUseTheirTypesFields() throws IOException {
    List<String> mismatches = new ArrayList<>();
    for (JsonNode object : golden("data-pipeline").get("objects")) {
      String type = object.has("type") ? object.get("type").asText() : object.get("id").asText();
      Set<String> fields = DATA_PIPELINE_FIELDS.get(type);
      object
          .fieldNames()
          .forEachRemaining(
              f -> {
                if (fields == null || !fields.contains(f)) {
                  mismatches.add(type + "." + f);
                }
              });
    }
    assertEquals(List.of(), mismatches);
  }

  static JsonNode startJobRun() {
    try {
      return JSON.readTree(START_JOB_RUN);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  /**
   * Field names of {@code node} missing from {@code skeleton}; with {@code pascal}, names are the
   * Step Functions spelling (ApplicationId for applicationId).
   */
  static List<String> skeletonMismatches(
      JsonNode node, JsonNode skeleton, String path, boolean pascal) {
    List<String> out = new ArrayList<>();
    if (skeleton.isTextual() && skeleton.asText().equals("map")) {
      return out;
    }
    if (skeleton.isObject()) {
      node.fields()
          .forEachRemaining(
              e -> {
                String key = e.getKey().replaceAll("\\.\\$$", "");
                String name =
                    pascal ? Character.toLowerCase(key.charAt(0)) + key.substring(1) : key;
                if (!skeleton.has(name)) {
                  out.add(path + "." + key + ": not a field");
                } else if (!e.getKey().endsWith(".$")) {
                  out.addAll(
                      skeletonMismatches(
                          e.getValue(), skeleton.get(name), path + "." + key, pascal));
                }
              });
    } else if (skeleton.isArray()) {
      for (JsonNode item : node) {
        out.addAll(skeletonMismatches(item, skeleton.get(0), path + "[]", pascal));
      }
    } else if (skeleton.isTextual() != node.isTextual()
        || skeleton.isNumber() != node.isNumber()
        || skeleton.isBoolean() != node.isBoolean()) {
      out.add(path + ": expected " + skeleton.getNodeType() + ", found " + node.getNodeType());
    }
    return out;
  }
}

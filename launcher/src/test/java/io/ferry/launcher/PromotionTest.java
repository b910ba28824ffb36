package io.ferry.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * conf/jobs/demo.conf is promoted by parameters only: conf/env/local, dev and prod say where it
 * runs and which warehouse it loads, and {@code ferry plan --env prod} shows the production job.
 */
class PromotionTest {
  static final String JOB =
      Path.of(System.getProperty("ferry.project.root", ".."), "conf/jobs/demo.conf").toString();

  static String plan(String env, String... sets) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String[] args = new String[4 + 2 * sets.length];
    args[0] = "plan";
    args[1] = JOB;
    args[2] = "--env";
    args[3] = env;
    for (int i = 0; i < sets.length; i++) {
      args[4 + 2 * i] = "--set";
      args[5 + 2 * i] = sets[i];
    }
    int code = Ferry.execute(new PrintWriter(out), new PrintWriter(err), args);
    assertEquals(0, code, out + "\n" + err);
    return out.toString();
  }

  @Test
  void planWithTheProdEnvShowsTheProductionJobWithSecretsMasked() {
    String secret = "Pw-" + Long.toHexString(System.nanoTime());
    String plan = plan("prod", "params.run_date=2026-11-23", "connections.app.password=" + secret);

    assertTrue(plan.contains("Job 'demo' from " + JOB + " with env prod\n"), plan);
    assertTrue(plan.contains("Lake: s3://my-company-lake/ferry\n"), plan);
    assertTrue(
        plan.contains(
            "issues: COPY \"ferry_staging\" FROM"
                + " '<lake.root>/_staging/<job>/load_revenue/<run-id>/manifest.json'"
                + " IAM_ROLE 'arn:aws:iam::123456789012:role/ferry-prod-redshift-copy'"
                + " FORMAT AS PARQUET STATUPDATE OFF MANIFEST\n"),
        plan);
    assertTrue(
        plan.contains(
            "url=\"jdbc:redshift://prod-cluster.abc123.eu-west-1.redshift.amazonaws.com:5439/dw\""),
        plan);
    assertTrue(plan.contains("secrets-manager=\"prod/ferry/redshift\""), plan);
    assertTrue(plan.contains("\"spark.sql.shuffle.partitions\"=400"), plan);
    assertTrue(plan.contains("\"run_date\"=\"2026-11-23\""), plan);
    assertTrue(plan.contains("password=\"*****\""), plan);
    assertFalse(plan.contains(secret), plan);
  }

  @Test
  void eachEnvironmentChoosesTheWarehouseOfTheSameJob() {
    String local = plan("local");
    assertTrue(local.contains("Lake: file:///tmp/ferry-lake\n"), local);
    assertTrue(
        local.contains(
            "issues: COPY \"warehouse\".\"customer_revenue\" (<input columns>) FROM STDIN WITH"
                + " (FORMAT binary)\n"),
        local);
    assertFalse(local.contains("IAM_ROLE"), local);

    String dev = plan("dev");
    assertTrue(dev.contains("Lake: s3://my-company-dev-lake/ferry\n"), dev);
    assertTrue(
        dev.contains("IAM_ROLE 'arn:aws:iam::123456789012:role/ferry-dev-redshift-copy'"), dev);
  }
}

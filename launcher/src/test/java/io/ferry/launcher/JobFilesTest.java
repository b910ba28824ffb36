package io.ferry.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class JobFilesTest {
  @Test
  void envFilesAreLookedForBesideTheJobsFolderThenInConfThenOnTheClasspath() {
    assertEquals(
        List.of("conf/env/prod.conf", "classpath:conf/env/prod.conf"),
        JobFiles.envCandidates("prod", "conf/jobs/x.conf"));
    assertEquals(
        List.of("s3://bucket/env/prod.conf", "conf/env/prod.conf", "classpath:conf/env/prod.conf"),
        JobFiles.envCandidates("prod", "s3://bucket/jobs/x.conf"));
    assertEquals(
        List.of("/srv/ferry/env/dev.conf", "conf/env/dev.conf", "classpath:conf/env/dev.conf"),
        JobFiles.envCandidates("dev", "/srv/ferry/jobs/x.conf"));
    assertEquals(List.of("envs/custom.conf"), JobFiles.envCandidates("envs/custom.conf", "x.conf"));
  }
}

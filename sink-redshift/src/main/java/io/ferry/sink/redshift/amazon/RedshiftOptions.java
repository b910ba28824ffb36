package io.ferry.sink.redshift.amazon;

import static java.util.Objects.requireNonNull;

import io.ferry.sink.redshift.staging.StagingFormat;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The options only the Redshift dialect reads.
 *
 * @param stagingFormat Parquet (default) or gzip CSV
 * @param authorization IAM role or the SDK's provider chain
 * @param iamRole the role's ARN, for {@link Authorization#IAM_ROLE}
 * @param slices the cluster's slices; empty reads {@code stv_slices}
 * @param filesPerSlice staged files per slice; empty sizes files by the input's estimated size
 * @param copyOptions extra COPY parameters by name, each checked by {@link CopyOptions}
 */
public record RedshiftOptions(
    StagingFormat stagingFormat,
    Authorization authorization,
    Optional<String> iamRole,
    OptionalInt slices,
    OptionalInt filesPerSlice,
    Map<String, String> copyOptions) {
  public static final RedshiftOptions DEFAULTS =
      new RedshiftOptions(
          StagingFormat.PARQUET,
          Authorization.IAM_ROLE,
          Optional.empty(),
          OptionalInt.empty(),
          OptionalInt.empty(),
          Map.of());

  public RedshiftOptions {
    requireNonNull(stagingFormat, "stagingFormat");
    if (stagingFormat == StagingFormat.BINARY) {
      throw new IllegalArgumentException("Redshift cannot read PostgreSQL's binary COPY format");
    }
    requireNonNull(authorization, "authorization");
    requireNonNull(iamRole, "iamRole");
    requireNonNull(slices, "slices");
    requireNonNull(filesPerSlice, "filesPerSlice");
    copyOptions = Map.copyOf(copyOptions);
  }
}

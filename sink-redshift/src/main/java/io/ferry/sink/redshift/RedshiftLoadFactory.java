package io.ferry.sink.redshift;

import io.ferry.core.option.OptionRule;
import io.ferry.core.option.OptionValues;
import io.ferry.core.option.StageOption;
import io.ferry.core.sql.SqlIdentifier;
import io.ferry.core.stage.Stage;
import io.ferry.core.stage.StageFactory;
import io.ferry.core.stage.StageProblems;
import io.ferry.core.stage.StageSpec;
import io.ferry.sink.redshift.redshift.Authorization;
import io.ferry.sink.redshift.redshift.CopyOptions;
import io.ferry.sink.redshift.redshift.RedshiftOptions;
import io.ferry.sink.redshift.staging.StagingFormat;
import io.ferry.sink.redshift.table.TableLayout;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The {@code redshift-load} stage type: stages its input in the lake and loads it into a warehouse
 * table in one transaction, exactly once per run id.
 */
public final class RedshiftLoadFactory implements StageFactory {
  public static final String TYPE = "redshift-load";

  static final StageOption<String> CONNECTION =
      StageOption.connection(
              "connection", "Name of the entry under 'connections' for the warehouse to load into.")
          .required();
  static final StageOption<String> TABLE =
      StageOption.string(
              "table",
              "Target table, schema-qualified (analytics.orders); always quoted, unquoted parts fold"
                  + " to lower case and double-quoted parts keep their case.")
          .required();
  static final StageOption<Dialect> DIALECT =
      StageOption.enumOf(
              "dialect",
              Dialect.class,
              "Warehouse dialect: redshift loads with COPY from S3, postgres streams the staged"
                  + " files through COPY FROM STDIN for local runs.")
          .withDefault(Dialect.REDSHIFT);
  static final StageOption<LoadMode> MODE =
      StageOption.enumOf(
              "mode",
              LoadMode.class,
              "How rows reach the target, in one transaction: append inserts every row; overwrite"
                  + " replaces the contents (DELETE + INSERT, keeps grants and views);"
                  + " truncate-insert replaces them with TRUNCATE (not transactional on Redshift);"
                  + " merge updates rows whose merge-keys exist and inserts the others.")
          .withDefault(LoadMode.APPEND);
  static final StageOption<List<String>> MERGE_KEYS =
      StageOption.stringList(
              "merge-keys",
              "Columns that identify a row, for mode = merge. Input rows with equal keys are an"
                  + " error unless dedupe-by is set.")
          .optional();
  static final StageOption<String> DEDUPE_BY =
      StageOption.string(
              "dedupe-by",
              "For mode = merge: among input rows with equal merge keys, the one with the greatest"
                  + " value of this column wins.")
          .optional();
  static final StageOption<Boolean> CREATE_TABLE =
      StageOption.bool(
              "create-table",
              "Whether a missing target schema and table are created, with columns named and typed"
                  + " after the input.")
          .withDefault(true);
  static final StageOption<SchemaEvolution> SCHEMA_EVOLUTION =
      StageOption.enumOf(
              "schema-evolution",
              SchemaEvolution.class,
              "When the input has columns the table lacks: none fails listing them, add-columns"
                  + " adds them in the load's transaction.")
          .withDefault(SchemaEvolution.NONE);
  static final StageOption<List<String>> PRE_SQL =
      StageOption.stringList(
              "pre-sql", "Statements run inside the load's transaction before the data moves.")
          .withDefault(List.of());
  static final StageOption<List<String>> POST_SQL =
      StageOption.stringList(
              "post-sql",
              "Statements run inside the load's transaction after the data moved, before COMMIT.")
          .withDefault(List.of());
  static final StageOption<Boolean> KEEP_STAGED =
      StageOption.bool(
              "keep-staged", "Whether the staged files stay in the lake after the load committed.")
          .withDefault(false);
  static final StageOption<Integer> MAX_LENGTH =
      StageOption.integer(
              "max-length",
              "Redshift: size in bytes of the varchar columns of a created table; by default the"
                  + " longest value in the data, rounded up to a power of two.")
          .optional();
  static final StageOption<StagingFormat> STAGING_FORMAT =
      StageOption.enumOf(
              "staging-format",
              StagingFormat.class,
              "Format of the staged files. Redshift: parquet (default) or gzip csv. postgres:"
                  + " binary (default; PostgreSQL's binary COPY format, which the server reads in"
                  + " about half the time of CSV) or csv; a load whose column types have no"
                  + " binary encoding stages csv and says so in the run report (copy_fallback).")
          .optional();
  static final StageOption<Authorization> AUTHORIZATION =
      StageOption.enumOf(
              "authorization",
              Authorization.class,
              "Redshift: how COPY reads S3: iam-role (the role in iam-role) or provider-chain"
                  + " (temporary keys from the AWS SDK's default chain, masked everywhere).")
          .withDefault(Authorization.IAM_ROLE);
  static final StageOption<String> IAM_ROLE =
      StageOption.string(
              "iam-role",
              "Redshift: ARN of the IAM role the cluster assumes to read the staged files.")
          .optional();
  static final StageOption<Integer> SLICES =
      StageOption.integer(
              "slices",
              "Redshift: the cluster's slices; the staged file count is a multiple of it. Read from"
                  + " stv_slices when not set.")
          .optional();
  static final StageOption<Integer> FILES_PER_SLICE =
      StageOption.integer(
              "files-per-slice",
              "Redshift: staged files per slice; by default about 256 MB per file by Spark's size"
                  + " estimate, 1 to 16.")
          .optional();
  static final StageOption<Map<String, String>> COPY_OPTIONS =
      StageOption.stringMap(
              "copy-options",
              "Redshift: extra COPY parameters, e.g. { acceptinvchars = \"?\" }; an empty value is"
                  + " a bare keyword. Parameters Redshift rejects for Parquet are refused.")
          .withDefault(Map.of());
  static final StageOption<String> DISTSTYLE =
      StageOption.string("diststyle", "Redshift, created tables: auto, even, key or all.")
          .optional();
  static final StageOption<String> DISTKEY =
      StageOption.string("distkey", "Redshift, created tables: the distribution key column.")
          .optional();
  static final StageOption<List<String>> SORTKEY =
      StageOption.stringList("sortkey", "Redshift, created tables: compound sort key columns.")
          .withDefault(List.of());
  static final StageOption<Map<String, String>> ENCODINGS =
      StageOption.stringMap(
              "encodings", "Redshift, created tables: compression encoding by column, e.g. zstd.")
          .withDefault(Map.of());

  private static final List<StageOption<?>> REDSHIFT_ONLY =
      List.of(
          MAX_LENGTH,
          AUTHORIZATION,
          IAM_ROLE,
          SLICES,
          FILES_PER_SLICE,
          COPY_OPTIONS,
          DISTSTYLE,
          DISTKEY,
          SORTKEY,
          ENCODINGS);

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public String description() {
    return "Loads its input into a warehouse table through files staged in the lake, in one"
        + " transaction with its bookkeeping, exactly once per run id.";
  }

  @Override
  public List<StageOption<?>> options() {
    return List.of(
        CONNECTION,
        TABLE,
        DIALECT,
        MODE,
        MERGE_KEYS,
        DEDUPE_BY,
        CREATE_TABLE,
        SCHEMA_EVOLUTION,
        PRE_SQL,
        POST_SQL,
        KEEP_STAGED,
        STAGING_FORMAT,
        AUTHORIZATION,
        IAM_ROLE,
        SLICES,
        FILES_PER_SLICE,
        COPY_OPTIONS,
        MAX_LENGTH,
        DISTSTYLE,
        DISTKEY,
        SORTKEY,
        ENCODINGS);
  }

  @Override
  public List<OptionRule> rules() {
    return List.of(OptionRule.requires(DEDUPE_BY, MERGE_KEYS));
  }

  @Override
  public boolean readsInput() {
    return true;
  }

  @Override
  public void validate(StageSpec spec, StageProblems problems) {
    OptionValues options = spec.options();
    try {
      SqlIdentifier.parse(options.get(TABLE));
    } catch (IllegalArgumentException e) {
      problems.add(TABLE, e.getMessage());
    }
    LoadMode mode = options.get(MODE);
    List<String> keys = options.find(MERGE_KEYS).orElse(List.of());
    if (mode == LoadMode.MERGE && keys.isEmpty()) {
      problems.add(MERGE_KEYS, "mode = merge needs merge-keys, the columns that identify a row");
    }
    if (mode != LoadMode.MERGE && options.isSet(MERGE_KEYS)) {
      problems.add(MERGE_KEYS, "merge-keys applies to mode = merge only");
    }
    Dialect dialect = options.get(DIALECT);
    if (dialect == Dialect.POSTGRES) {
      for (StageOption<?> option : REDSHIFT_ONLY) {
        if (options.isSet(option)) {
          problems.add(option, option.name() + " applies to dialect = redshift only");
        }
      }
      if (options.find(STAGING_FORMAT).orElse(StagingFormat.BINARY) == StagingFormat.PARQUET) {
        problems.add(STAGING_FORMAT, "the postgres dialect stages binary or csv");
      }
      return;
    }
    if (options.find(STAGING_FORMAT).orElse(StagingFormat.PARQUET) == StagingFormat.BINARY) {
      problems.add(
          STAGING_FORMAT,
          "binary is PostgreSQL's COPY format, for dialect = postgres; Redshift stages parquet or"
              + " csv");
    }
    if (options.get(AUTHORIZATION) == Authorization.IAM_ROLE && !options.isSet(IAM_ROLE)) {
      problems.add(
          IAM_ROLE,
          "authorization = iam-role needs iam-role, the ARN of a role the cluster may assume"
              + " (or set authorization = provider-chain)");
    }
    if (options.isSet(IAM_ROLE) && !options.get(IAM_ROLE).startsWith("arn:aws")) {
      problems.add(IAM_ROLE, "expected an IAM role ARN (arn:aws:iam::<account>:role/<name>)");
    }
    positive(options, SLICES, problems);
    positive(options, FILES_PER_SLICE, problems);
    positive(options, MAX_LENGTH, problems);
    CopyOptions.problems(options.get(COPY_OPTIONS), redshiftFormat(options))
        .forEach(p -> problems.add(COPY_OPTIONS, p));
    layout(options).problems().forEach(p -> problems.add(DISTSTYLE, p));
  }

  private static void positive(
      OptionValues options, StageOption<Integer> option, StageProblems problems) {
    if (options.isSet(option) && options.get(option) < 1) {
      problems.add(option, "must be at least 1, found " + options.get(option));
    }
  }

  private static TableLayout layout(OptionValues options) {
    return new TableLayout(
        options.find(DISTSTYLE),
        options.find(DISTKEY),
        options.get(SORTKEY),
        options.get(ENCODINGS));
  }

  @Override
  public Stage create(StageSpec spec) {
    OptionValues options = spec.options();
    Dialect dialect = options.get(DIALECT);
    LoadSettings settings =
        new LoadSettings(
            options.get(CONNECTION),
            SqlIdentifier.parse(options.get(TABLE)),
            dialect,
            options.get(MODE),
            options.get(CREATE_TABLE),
            options.find(MERGE_KEYS).orElse(List.of()),
            options.find(DEDUPE_BY),
            options.get(PRE_SQL),
            options.get(POST_SQL),
            options.get(SCHEMA_EVOLUTION),
            optionalInt(options, MAX_LENGTH),
            layout(options),
            options.get(KEEP_STAGED),
            new RedshiftOptions(
                dialect == Dialect.POSTGRES ? StagingFormat.PARQUET : redshiftFormat(options),
                options.get(AUTHORIZATION),
                options.find(IAM_ROLE),
                optionalInt(options, SLICES),
                optionalInt(options, FILES_PER_SLICE),
                options.get(COPY_OPTIONS)),
            dialect == Dialect.POSTGRES
                ? options.find(STAGING_FORMAT).orElse(StagingFormat.BINARY)
                : StagingFormat.BINARY);
    return new RedshiftLoadStage(spec.name(), spec.input(), settings);
  }

  private static StagingFormat redshiftFormat(OptionValues options) {
    StagingFormat format = options.find(STAGING_FORMAT).orElse(StagingFormat.PARQUET);
    return format == StagingFormat.BINARY ? StagingFormat.PARQUET : format;
  }

  private static OptionalInt optionalInt(OptionValues options, StageOption<Integer> option) {
    Optional<Integer> value = options.find(option);
    return value.isPresent() ? OptionalInt.of(value.get()) : OptionalInt.empty();
  }
}

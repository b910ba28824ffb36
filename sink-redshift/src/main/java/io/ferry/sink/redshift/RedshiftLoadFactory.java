package io.ferry.sink.redshift;

import io.ferry.core.connection.ConnectionSpec;
import io.ferry.core.option.OptionRule;
import io.ferry.core.option.OptionValues;
import io.ferry.core.option.StageOption;
import io.ferry.core.sql.SqlIdentifier;
import io.ferry.core.stage.Stage;
import io.ferry.core.stage.StageFactory;
import io.ferry.core.stage.StageProblems;
import io.ferry.core.stage.StageSpec;
import io.ferry.sink.redshift.amazon.Authorization;
import io.ferry.sink.redshift.amazon.CopyOptions;
import io.ferry.sink.redshift.amazon.RedshiftOptions;
import io.ferry.sink.redshift.staging.StagingFormat;
import io.ferry.sink.redshift.table.TableLayout;
import io.ferry.sink.redshift.warehouse.ConnectionForms;
import io.ferry.sink.redshift.warehouse.Dialect;
import io.ferry.sink.redshift.warehouse.PostgresWarehouse;
import io.ferry.sink.redshift.warehouse.RedshiftWarehouse;
import io.ferry.sink.redshift.warehouse.Warehouse;
import java.nio.charset.StandardCharsets;
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
              "connection",
              "Name of the entry under 'connections' for the warehouse to load into: a"
                  + " jdbc:redshift://, jdbc:redshift:iam:// or jdbc:postgresql:// URL, with what its"
                  + " form needs (jdbc:redshift:// a user and a password; jdbc:redshift:iam:// no"
                  + " password, and on a provisioned cluster DbUser or groupFederation = true).")
          .required();
  static final StageOption<SqlIdentifier> TABLE =
      StageOption.sqlName(
              "table",
              "Target table, schema-qualified (analytics.orders); always quoted, unquoted parts fold"
                  + " to lower case and double-quoted parts keep their case. On Redshift each part"
                  + " holds at most 127 bytes in UTF-8.")
          .required();
  static final StageOption<Dialect> DIALECT =
      StageOption.enumOf(
              "dialect",
              Dialect.class,
              "Not needed: the warehouse follows the connection's URL (jdbc:redshift:// and"
                  + " jdbc:redshift:iam:// load Redshift with COPY from S3, jdbc:postgresql://"
                  + " streams the staged files through COPY FROM STDIN). When set, it must agree"
                  + " with the URL.")
          .optional();
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
              "Redshift: size in bytes of the varchar columns of a created table; by default 4"
                  + " times the longest value in the data, at least 256, at most 65535.")
          .atLeast(1)
          .optional();
  static final StageOption<Boolean> WIDEN_COLUMNS =
      StageOption.bool(
              "widen-columns",
              "Redshift: whether varchar columns of an existing table that the staged values"
                  + " outgrow are widened (ALTER COLUMN ... TYPE varchar(n), outside the load's"
                  + " transaction, sized as created columns are) instead of failing the load.")
          .withDefault(false);
  static final StageOption<StagingFormat> STAGING_FORMAT =
      StageOption.enumOf(
              "staging-format",
              StagingFormat.class,
              "Format of the staged files. Redshift: parquet (default; cast to an existing"
                  + " table's column types first) or gzip csv. PostgreSQL: binary (default;"
                  + " PostgreSQL's binary COPY format, which the server reads in about half the"
                  + " time of CSV) or csv; a load whose column types have no binary encoding"
                  + " stages csv and says so in the run report (copy_fallback).")
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
              "Redshift: ARN of the IAM role the cluster assumes to read the staged files"
                  + " (arn:aws:iam::<account>:role/<name>).")
          .optional();
  static final StageOption<Integer> SLICES =
      StageOption.integer(
              "slices",
              "Redshift: the cluster's slices; the staged file count is a multiple of it. Read from"
                  + " stv_slices when not set; Serverless has none, and its files are sized by"
                  + " bytes.")
          .atLeast(1)
          .optional();
  static final StageOption<Integer> FILES_PER_SLICE =
      StageOption.integer(
              "files-per-slice",
              "Redshift: staged files per slice; by default about 256 MB per file by Spark's size"
                  + " estimate, 1 to 16.")
          .atLeast(1)
          .optional();
  static final StageOption<Map<String, String>> COPY_OPTIONS =
      StageOption.stringMap(
              "copy-options",
              "Redshift: extra COPY parameters, e.g. { acceptinvchars = \"?\", region ="
                  + " \"eu-west-1\" }; an empty value is a bare keyword. Parameters Redshift rejects"
                  + " for Parquet, and those that change values silently (emptyasnull,"
                  + " blanksasnull, truncatecolumns, acceptanydate), are refused.")
          .withDefault(Map.of());
  static final StageOption<String> DISTSTYLE =
      StageOption.string(
              "diststyle",
              "Redshift, created tables: auto, even, key or all; with distkey set, key (or"
                  + " unset).")
          .optional();
  static final StageOption<String> DISTKEY =
      StageOption.string("distkey", "Redshift, created tables: the distribution key column.")
          .optional();
  static final StageOption<List<String>> SORTKEY =
      StageOption.stringList("sortkey", "Redshift, created tables: compound sort key columns.")
          .withDefault(List.of());
  static final StageOption<Map<String, String>> ENCODINGS =
      StageOption.stringMap(
              "encodings",
              "Redshift, created tables: compression encoding by column, e.g. zstd: one of"
                  + " Redshift's encodings, checked against the column's type.")
          .withDefault(Map.of());

  private static final String REDSHIFT = Dialect.REDSHIFT.subprotocol();
  private static final String POSTGRES = Dialect.POSTGRES.subprotocol();

  private static final int MAX_IDENTIFIER_BYTES = 127;

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
        WIDEN_COLUMNS,
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

  /**
   * Every rule between options, for validation and docs/stages.md. The warehouse follows the
   * connection's URL, so rules about a warehouse are conditions on the connection. Checks of one
   * value that depend on the warehouse stay in {@link #validate}, each stated in its option's
   * description.
   */
  @Override
  public List<OptionRule> rules() {
    return List.of(
        OptionRule.when(MODE, LoadMode.MERGE).requires(MERGE_KEYS),
        OptionRule.when(MODE, LoadMode.APPEND, LoadMode.OVERWRITE, LoadMode.TRUNCATE_INSERT)
            .forbids(MERGE_KEYS),
        OptionRule.requires(DEDUPE_BY, MERGE_KEYS),
        OptionRule.whenConnection(CONNECTION, REDSHIFT).allows(DIALECT, Dialect.REDSHIFT),
        OptionRule.whenConnection(CONNECTION, POSTGRES).allows(DIALECT, Dialect.POSTGRES),
        OptionRule.whenConnection(CONNECTION, REDSHIFT)
            .allows(STAGING_FORMAT, StagingFormat.PARQUET, StagingFormat.CSV),
        OptionRule.whenConnection(CONNECTION, POSTGRES)
            .allows(STAGING_FORMAT, StagingFormat.BINARY, StagingFormat.CSV),
        OptionRule.whenConnection(CONNECTION, REDSHIFT)
            .and(AUTHORIZATION, Authorization.IAM_ROLE)
            .requires(IAM_ROLE),
        OptionRule.whenConnection(CONNECTION, POSTGRES)
            .forbids(
                MAX_LENGTH,
                WIDEN_COLUMNS,
                AUTHORIZATION,
                IAM_ROLE,
                SLICES,
                FILES_PER_SLICE,
                COPY_OPTIONS,
                DISTSTYLE,
                DISTKEY,
                SORTKEY,
                ENCODINGS));
  }

  @Override
  public boolean readsInput() {
    return true;
  }

  /**
   * The checks of one value that the declared rules cannot state: the connection's form, and on
   * Redshift the table name's length, the role's ARN, the COPY parameters and the table layout.
   * Each is stated in its option's description.
   */
  @Override
  public void validate(StageSpec spec, StageProblems problems) {
    OptionValues options = spec.options();
    Optional<ConnectionSpec> connection = options.connection(CONNECTION);
    connection.ifPresent(
        c -> ConnectionForms.warehouseProblems(c).forEach(p -> problems.add(CONNECTION, p)));
    boolean redshift =
        connection
            .flatMap(c -> Warehouse.nameOf(c.url()))
            .or(() -> options.find(DIALECT).map(Dialect::warehouse))
            .equals(Optional.of(Warehouse.REDSHIFT));
    if (!redshift) {
      return;
    }
    tableProblems(options.get(TABLE)).forEach(p -> problems.add(TABLE, p));
    options
        .find(IAM_ROLE)
        .filter(role -> !role.startsWith("arn:aws"))
        .ifPresent(
            role ->
                problems.add(
                    IAM_ROLE, "expected an IAM role ARN (arn:aws:iam::<account>:role/<name>)"));
    CopyOptions.problems(options.get(COPY_OPTIONS), redshiftFormat(options))
        .forEach(p -> problems.add(COPY_OPTIONS, p));
    layout(options).problems().forEach(p -> problems.add(DISTSTYLE, p));
  }

  /** Each part of a Redshift name has at most 127 bytes. */
  private static List<String> tableProblems(SqlIdentifier table) {
    return table.parts().stream()
        .filter(p -> p.getBytes(StandardCharsets.UTF_8).length > MAX_IDENTIFIER_BYTES)
        .map(
            p ->
                "'"
                    + p
                    + "' has "
                    + p.getBytes(StandardCharsets.UTF_8).length
                    + " bytes in UTF-8; Redshift names hold at most "
                    + MAX_IDENTIFIER_BYTES
                    + " (https://docs.aws.amazon.com/redshift/latest/dg/r_names.html)")
        .toList();
  }

  static TableLayout layout(OptionValues options) {
    return new TableLayout(
        options.find(DISTSTYLE),
        options.find(DISTKEY),
        options.get(SORTKEY),
        options.get(ENCODINGS));
  }

  @Override
  public Stage create(StageSpec spec) {
    OptionValues options = spec.options();
    LoadSettings settings =
        new LoadSettings(
            options.get(CONNECTION),
            options.get(TABLE),
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
            options.get(WIDEN_COLUMNS));
    return new RedshiftLoadStage(spec.name(), spec.input(), settings, warehouse(spec));
  }

  /** The warehouse the stage's connection reaches, with the stage's options for it. */
  private static Warehouse warehouse(StageSpec spec) {
    OptionValues options = spec.options();
    ConnectionSpec connection = spec.connections().get(options.get(CONNECTION));
    String name =
        Optional.ofNullable(connection)
            .flatMap(c -> Warehouse.nameOf(c.url()))
            .or(() -> options.find(DIALECT).map(Dialect::warehouse))
            .orElse(Warehouse.REDSHIFT);
    if (name.equals(Warehouse.POSTGRES)) {
      return new PostgresWarehouse(options.find(STAGING_FORMAT).orElse(StagingFormat.BINARY));
    }
    return new RedshiftWarehouse(
        new RedshiftOptions(
            redshiftFormat(options),
            options.get(AUTHORIZATION),
            options.find(IAM_ROLE),
            optionalInt(options, SLICES),
            optionalInt(options, FILES_PER_SLICE),
            options.get(COPY_OPTIONS)),
        optionalInt(options, MAX_LENGTH),
        connection != null && ConnectionForms.isServerless(connection));
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

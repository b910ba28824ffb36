package io.ferry.sink.redshift;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A JDBC connection that records every statement, COMMIT and ROLLBACK in order, answers queries
 * from canned rows, and fails statements on request: how the Redshift dialect is tested without a
 * cluster. Queries are answered by the first registered prefix that the SQL starts with; each
 * answer is a function of how many times that prefix was asked before, so catalog lookups can
 * change after a CREATE TABLE.
 */
final class RecordingConnection {
  private final List<String> log = new ArrayList<>();
  private final Map<String, Function<Integer, List<List<Object>>>> answers =
      new java.util.LinkedHashMap<>();
  private final Map<String, Integer> asked = new HashMap<>();
  private final Map<String, String> failures = new java.util.LinkedHashMap<>();
  private final Map<String, Integer> failuresLeft = new HashMap<>();

  RecordingConnection answer(String prefix, List<List<Object>> rows) {
    answers.put(prefix, n -> rows);
    return this;
  }

  RecordingConnection answer(String prefix, Function<Integer, List<List<Object>>> rows) {
    answers.put(prefix, rows);
    return this;
  }

  /** Statements starting with {@code prefix} throw an SQLException with {@code message}. */
  RecordingConnection fail(String prefix, String message) {
    failures.put(prefix, message);
    return this;
  }

  /** The first {@code times} statements starting with {@code prefix} fail, later ones run. */
  RecordingConnection fail(String prefix, String message, int times) {
    failures.put(prefix, message);
    failuresLeft.put(prefix, times);
    return this;
  }

  List<String> log() {
    return List.copyOf(log);
  }

  Connection connection() {
    return proxy(
        Connection.class,
        (p, m, args) ->
            switch (m.getName()) {
              case "createStatement" -> statement(null);
              case "prepareStatement" -> statement((String) args[0]);
              case "commit" -> {
                log.add("COMMIT");
                yield null;
              }
              case "rollback" -> {
                log.add("ROLLBACK");
                yield null;
              }
              case "setAutoCommit", "close" -> null;
              case "getAutoCommit" -> false;
              case "isClosed" -> false;
              case "unwrap" -> throw new SQLException("not a driver connection");
              default -> throw new UnsupportedOperationException(m.getName());
            });
  }

  private Object statement(String prepared) {
    return proxy(
        PreparedStatement.class,
        (p, m, args) -> {
          String name = m.getName();
          if (name.startsWith("set") || name.equals("close")) {
            return null;
          }
          String sql = prepared != null ? prepared : (String) args[0];
          return switch (name) {
            case "execute" -> {
              run(sql);
              yield false;
            }
            case "executeQuery" -> {
              run(sql);
              yield resultSet(rows(sql));
            }
            case "executeUpdate" -> {
              run(sql);
              yield 1;
            }
            case "executeLargeUpdate" -> {
              run(sql);
              yield 3L;
            }
            default -> throw new UnsupportedOperationException(name);
          };
        });
  }

  private void run(String sql) throws SQLException {
    log.add(sql);
    for (Map.Entry<String, String> f : failures.entrySet()) {
      if (sql.startsWith(f.getKey())) {
        Integer left = failuresLeft.get(f.getKey());
        if (left != null && left == 0) {
          continue;
        }
        if (left != null) {
          failuresLeft.put(f.getKey(), left - 1);
        }
        throw new SQLException(f.getValue(), "XX000");
      }
    }
  }

  private List<List<Object>> rows(String sql) {
    for (Map.Entry<String, Function<Integer, List<List<Object>>>> a : answers.entrySet()) {
      if (sql.startsWith(a.getKey())) {
        int n = asked.merge(a.getKey(), 1, Integer::sum) - 1;
        return a.getValue().apply(n);
      }
    }
    return List.of();
  }

  private static ResultSet resultSet(List<List<Object>> rows) {
    int[] at = {-1};
    return proxy(
        ResultSet.class,
        (p, m, args) ->
            switch (m.getName()) {
              case "next" -> ++at[0] < rows.size();
              case "getString" -> {
                Object v = rows.get(at[0]).get((Integer) args[0] - 1);
                yield v == null ? null : v.toString();
              }
              case "getLong" -> ((Number) rows.get(at[0]).get((Integer) args[0] - 1)).longValue();
              case "getInt" -> ((Number) rows.get(at[0]).get((Integer) args[0] - 1)).intValue();
              case "close" -> null;
              default -> throw new UnsupportedOperationException(m.getName());
            });
  }

  @SuppressWarnings("unchecked")
  private static <T> T proxy(Class<T> type, InvocationHandler handler) {
    return (T)
        Proxy.newProxyInstance(
            RecordingConnection.class.getClassLoader(), new Class<?>[] {type}, handler);
  }
}

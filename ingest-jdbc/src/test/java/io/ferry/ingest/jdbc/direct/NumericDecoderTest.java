package io.ferry.ingest.jdbc.direct;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;

class NumericDecoderTest {

  @Test
  void decodesToTheTargetScaleRoundingHalfUpLikeSparksJdbcSource() {
    Random random = new Random(20261124);
    int[][] types = {{10, 2}, {18, 0}, {18, 6}, {38, 18}, {12, 3}, {5, 5}, {38, 0}};
    for (int[] type : types) {
      NumericDecoder decoder =
          new NumericDecoder("c", DataTypes.createDecimalType(type[0], type[1]));
      for (BigDecimal value : samples(random)) {
        BigDecimal expected = value.setScale(type[1], RoundingMode.HALF_UP);
        if (expected.precision() > type[0]) {
          ColumnValueException e =
              assertThrows(
                  ColumnValueException.class,
                  () -> decoder.decimal(binary(value), 0),
                  value::toString);
          assertTrue(e.getMessage().startsWith("column 'c' holds "), e.getMessage());
        } else {
          BigDecimal actual = decoder.decimal(binary(value), 0).toJavaBigDecimal();
          assertEquals(expected, actual, () -> value + " as " + type[0] + "," + type[1]);
        }
      }
    }
  }

  @Test
  void nanAndInfinitiesFailNamingTheColumn() {
    NumericDecoder decoder = new NumericDecoder("price", DataTypes.createDecimalType(10, 2));
    for (int sign : new int[] {0xC000, 0xD000, 0xF000}) {
      byte[] special = {0, 0, 0, 0, (byte) (sign >> 8), 0, 0, 0};
      ColumnValueException e =
          assertThrows(ColumnValueException.class, () -> decoder.decimal(special, 0));
      assertTrue(e.getMessage().startsWith("column 'price' holds "), e.getMessage());
    }
  }

  private static List<BigDecimal> samples(Random random) {
    List<BigDecimal> values = new ArrayList<>();
    for (String fixed :
        new String[] {
          "0",
          "0.005",
          "-0.005",
          "0.0049999",
          "0.5",
          "-0.5",
          "1",
          "9999",
          "10000",
          "10000.00005",
          "-12345678.125",
          "99999999.995",
          "0.00012345",
          "123456789012345678901234567890.5",
          "1E+20",
          "1E-30",
          "-9999999999999999.5"
        }) {
      values.add(new BigDecimal(fixed));
    }
    for (int i = 0; i < 3000; i++) {
      BigInteger unscaled = new BigInteger(1 + random.nextInt(120), random);
      BigDecimal value = new BigDecimal(random.nextBoolean() ? unscaled : unscaled.negate());
      values.add(value.scaleByPowerOfTen(-random.nextInt(40) + random.nextInt(8)));
    }
    return values;
  }

  /** PostgreSQL's numeric_send. */
  static byte[] binary(BigDecimal value) {
    BigDecimal abs = value.abs();
    String plain = abs.toPlainString();
    int dot = plain.indexOf('.');
    String whole = dot < 0 ? plain : plain.substring(0, dot);
    String fraction = dot < 0 ? "" : plain.substring(dot + 1);
    whole = "0".repeat((4 - whole.length() % 4) % 4) + whole;
    fraction = fraction + "0".repeat((4 - fraction.length() % 4) % 4);
    String all = whole + fraction;
    List<Integer> digits = new ArrayList<>();
    for (int i = 0; i < all.length(); i += 4) {
      digits.add(Integer.parseInt(all.substring(i, i + 4)));
    }
    int weight = whole.length() / 4 - 1;
    while (!digits.isEmpty() && digits.get(0) == 0) {
      digits.remove(0);
      weight--;
    }
    while (!digits.isEmpty() && digits.get(digits.size() - 1) == 0) {
      digits.remove(digits.size() - 1);
    }
    if (digits.isEmpty()) {
      weight = 0;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    short16(out, digits.size());
    short16(out, weight);
    short16(out, value.signum() < 0 ? 0x4000 : 0);
    short16(out, Math.max(0, value.scale()));
    digits.forEach(d -> short16(out, d));
    return out.toByteArray();
  }

  private static void short16(ByteArrayOutputStream out, int v) {
    out.write((v >> 8) & 0xff);
    out.write(v & 0xff);
  }
}

package dev.colony.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.TreeMap;
import org.erdtman.jcs.JsonCanonicalizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The ledger's canonical JSON writer agrees with the RFC 8785 reference library. */
class CanonicalJsonTests {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "plain",
        "quote \" and backslash \\",
        "controls \u0000 \u0001 \u001f \b \f \n \r \t",
        "delete \u007f and line separator \u2028",
        "non-ASCII: café, 日本語, emoji 😀",
        "</script>"
      })
  void stringsAreWrittenAsTheReferenceCanonicalizerWritesThem(String value) throws Exception {
    var object = new TreeMap<String, Object>();
    object.put("value", value);

    var written = CanonicalJson.write(object);

    assertThat(written).isEqualTo(new JsonCanonicalizer(written).getEncodedString());
    assertThat(written)
        .isEqualTo(new JsonCanonicalizer("{\"value\":" + quoted(value) + "}").getEncodedString());
  }

  @Test
  void membersAreSortedAndNestedValuesWritten() throws Exception {
    var object = new TreeMap<String, Object>();
    object.put("z", 1L);
    object.put("a", List.of("x", "y"));
    object.put("m", true);
    object.put("B", 9007199254740991L);

    var written = CanonicalJson.write(object);

    assertThat(written)
        .isEqualTo("{\"B\":9007199254740991,\"a\":[\"x\",\"y\"],\"m\":true,\"z\":1}");
    assertThat(written).isEqualTo(new JsonCanonicalizer(written).getEncodedString());
  }

  @Test
  void integersBeyondTwoToThe53AreRefused() {
    var object = new TreeMap<String, Object>();
    object.put("n", 1L << 53);

    assertThatThrownBy(() -> CanonicalJson.write(object))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2^53");
  }

  private static String quoted(String value) {
    var out = new StringBuilder("\"");
    for (char c : value.toCharArray()) {
      out.append(String.format("\\u%04x", (int) c));
    }
    return out.append('"').toString();
  }
}

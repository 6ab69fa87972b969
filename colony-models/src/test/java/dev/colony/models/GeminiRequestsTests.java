package dev.colony.models;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GeminiRequestsTests {

  private static final String CALLS =
      "{\"role\":\"model\",\"parts\":[{\"functionCall\":{\"name\":\"a\",\"args\":{}}},"
          + "{\"functionCall\":{\"name\":\"b\",\"args\":{}}}]}";
  private static final String RESULT_A =
      "{\"role\":\"user\",\"parts\":[{\"functionResponse\":{\"name\":\"a\",\"response\":{}}}]}";
  private static final String RESULT_B =
      "{\"role\":\"user\",\"parts\":[{\"functionResponse\":{\"name\":\"b\",\"response\":{}}}]}";
  private static final String QUESTION = "{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]}";

  private static String body(String... contents) {
    return "{\"contents\":[" + String.join(",", contents) + "]}";
  }

  @Test
  void groupsTheResultsOfOneTurnsCallsIntoOneContent() {
    String repaired = GeminiRequests.repair(body(QUESTION, CALLS, RESULT_A, RESULT_B));

    var contents = ProviderContract.json(repaired).get("contents");
    assertThat(contents).hasSize(3);
    assertThat(contents.get(2).get("parts").findValuesAsText("name")).containsExactly("a", "b");
  }

  @Test
  void keepsAUserQuestionAfterResultsInItsOwnContent() {
    String repaired = GeminiRequests.repair(body(QUESTION, CALLS, RESULT_A, RESULT_B, QUESTION));

    assertThat(ProviderContract.json(repaired).get("contents")).hasSize(4);
  }

  @Test
  void keepsAThoughtSignatureGeminiReturned() {
    String signed =
        "{\"role\":\"model\",\"parts\":[{\"functionCall\":{\"name\":\"a\",\"args\":{}},"
            + "\"thoughtSignature\":\"CiQB0e2Kb\"}]}";

    String repaired = GeminiRequests.repair(body(QUESTION, signed, RESULT_A));

    assertThat(ProviderContract.json(repaired).at("/contents/1/parts/0/thoughtSignature").asText())
        .isEqualTo("CiQB0e2Kb");
  }

  @Test
  void leavesRequestsWithoutFunctionCallsAlone() {
    String body = body(QUESTION);

    assertThat(GeminiRequests.repair(body)).isSameAs(body);
  }

  @Test
  void keepsDecimalsAsSent() {
    String calls =
        "{\"role\":\"model\",\"parts\":[{\"functionCall\":{\"name\":\"a\",\"args\":{\"x\":0.10}}}]}";

    String repaired = GeminiRequests.repair(body(QUESTION, calls, RESULT_A));

    assertThat(repaired).contains("\"x\":0.10");
  }
}

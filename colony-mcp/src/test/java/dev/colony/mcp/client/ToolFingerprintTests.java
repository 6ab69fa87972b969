package dev.colony.mcp.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.spec.McpSchema;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ToolFingerprintTests {

  private static McpSchema.Tool.Builder search() {
    return McpSchema.Tool.builder()
        .name("search")
        .description("Searches issues.")
        .inputSchema(TestTools.QUERY_SCHEMA);
  }

  @Test
  void theSameDefinitionWithItsKeysInAnotherOrderHashesTheSame() {
    var forward = new LinkedHashMap<String, Object>();
    forward.put("type", "object");
    forward.put("properties", Map.of("query", Map.of("type", "string")));
    var backward = new LinkedHashMap<String, Object>();
    backward.put("properties", Map.of("query", Map.of("type", "string")));
    backward.put("type", "object");

    var one = ToolFingerprint.of(search().inputSchema(forward).build());
    var other = ToolFingerprint.of(search().inputSchema(backward).build());

    assertThat(one).isEqualTo(other);
    assertThat(one.sha256()).matches("[0-9a-f]{64}");
  }

  @Test
  void theDefinitionIsCanonicalJsonOfWhatTheModelSees() {
    var print =
        ToolFingerprint.of(
            search()
                .title("Search")
                .annotations(new McpSchema.ToolAnnotations(null, true, null, null, null, null))
                .build());

    assertThat(print.definition())
        .isEqualTo(
            "{\"annotations\":{\"readOnlyHint\":true},\"description\":\"Searches issues.\","
                + "\"inputSchema\":{\"properties\":{\"query\":{\"type\":\"string\"}},"
                + "\"required\":[\"query\"],\"type\":\"object\"},\"name\":\"search\","
                + "\"title\":\"Search\"}");
  }

  @Test
  void aChangedDescriptionSchemaOrAnnotationChangesTheHash() {
    var base = ToolFingerprint.of(search().build()).sha256();

    assertThat(ToolFingerprint.of(search().description("Searches issues!").build()).sha256())
        .isNotEqualTo(base);
    assertThat(ToolFingerprint.of(search().inputSchema(TestTools.OPEN).build()).sha256())
        .isNotEqualTo(base);
    assertThat(ToolFingerprint.of(search().outputSchema(Map.of("type", "object")).build()).sha256())
        .isNotEqualTo(base);
    assertThat(
            ToolFingerprint.of(
                    search()
                        .annotations(
                            new McpSchema.ToolAnnotations(null, false, true, null, null, null))
                        .build())
                .sha256())
        .isNotEqualTo(base);
  }

  @Test
  void metadataTheModelDoesNotSeeLeavesTheHashAlone() {
    var base = ToolFingerprint.of(search().build()).sha256();

    var withMeta = search().meta(Map.of("requestCount", 41)).icons(List.of()).build();

    assertThat(ToolFingerprint.of(withMeta).sha256()).isEqualTo(base);
  }
}

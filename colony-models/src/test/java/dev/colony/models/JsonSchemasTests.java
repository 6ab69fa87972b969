package dev.colony.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.model.chat.request.json.JsonAnyOfSchema;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonBooleanSchema;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonIntegerSchema;
import dev.langchain4j.model.chat.request.json.JsonNumberSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonRawSchema;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import org.junit.jupiter.api.Test;

class JsonSchemasTests {

  private static JsonObjectSchema raw(String schema) {
    return JsonSchemas.parameters(schema, true);
  }

  private static JsonObjectSchema typed(String schema) {
    return JsonSchemas.parameters(schema, false);
  }

  private static JsonNode rawProperty(JsonObjectSchema schema, String name) {
    return ProviderContract.json(((JsonRawSchema) schema.properties().get(name)).schema());
  }

  @Test
  void passesEachPropertyThroughAsSchemaText() {
    var schema =
        raw(
            """
            {"type":"object","properties":{
               "amount":{"type":"number","minimum":0,"exclusiveMaximum":500},
               "when":{"type":"string","format":"date"}}}""");

    assertThat(rawProperty(schema, "amount"))
        .isEqualTo(
            ProviderContract.json("{\"type\":\"number\",\"minimum\":0,\"exclusiveMaximum\":500}"));
    assertThat(rawProperty(schema, "when"))
        .isEqualTo(ProviderContract.json("{\"type\":\"string\",\"format\":\"date\"}"));
  }

  @Test
  void keepsRequiredAdditionalPropertiesAndDescription() {
    var schema =
        raw(
            """
            {"type":"object","description":"A refund.","properties":{"id":{"type":"string"}},
             "required":["id"],"additionalProperties":false}""");

    assertThat(schema.description()).isEqualTo("A refund.");
    assertThat(schema.required()).containsExactly("id");
    assertThat(schema.additionalProperties()).isFalse();
  }

  @Test
  void acceptsAToolWithoutArguments() {
    assertThat(raw("{\"type\":\"object\"}").properties()).isEmpty();
  }

  @Test
  void inlinesLocalReferences() {
    var schema =
        raw(
            """
            {"type":"object",
             "properties":{"ship_to":{"$ref":"#/$defs/Address","description":"Where to ship."}},
             "$defs":{"Address":{"type":"object","properties":{"city":{"type":"string"}}}}}""");

    assertThat(rawProperty(schema, "ship_to"))
        .isEqualTo(
            ProviderContract.json(
                """
                {"type":"object","properties":{"city":{"type":"string"}},
                 "description":"Where to ship."}"""));
    assertThat(schema.definitions()).isNullOrEmpty();
  }

  @Test
  void inlinesDraft07DefinitionsForGemini() {
    var schema =
        typed(
            """
            {"type":"object","properties":{"tags":{"type":"array","items":{"$ref":"#/definitions/Tag"}}},
             "definitions":{"Tag":{"type":"string"}}}""");

    assertThat(schema.properties().get("tags"))
        .isEqualTo(JsonArraySchema.builder().items(new JsonStringSchema()).build());
  }

  @Test
  void rejectsRecursiveReferences() {
    assertThatThrownBy(
            () ->
                raw(
                    """
                    {"type":"object","properties":{"node":{"$ref":"#/$defs/Node"}},
                     "$defs":{"Node":{"type":"object","properties":{"next":{"$ref":"#/$defs/Node"}}}}}"""))
        .isInstanceOf(JsonSchemas.UnsupportedSchema.class)
        .hasMessageContaining("recursive reference '#/$defs/Node'");
  }

  @Test
  void rejectsReferencesThatDoNotResolve() {
    assertThatThrownBy(
            () ->
                raw("{\"type\":\"object\",\"properties\":{\"a\":{\"$ref\":\"#/$defs/Missing\"}}}"))
        .isInstanceOf(JsonSchemas.UnsupportedSchema.class)
        .hasMessage(
            "at '/properties/a/$ref': reference '#/$defs/Missing' does not resolve to a schema");
  }

  @Test
  void rejectsRemoteReferences() {
    assertThatThrownBy(
            () ->
                raw(
                    "{\"type\":\"object\",\"properties\":{\"a\":{\"$ref\":\"https://example.com/a.json\"}}}"))
        .isInstanceOf(JsonSchemas.UnsupportedSchema.class)
        .hasMessageContaining("only local references");
  }

  @Test
  void rejectsReferencesThatExpandBeyondTheNodeLimit() {
    var defs = new StringBuilder("{");
    for (int i = 0; i < 20; i++) {
      defs.append(
          "\"d%d\":{\"type\":\"object\",\"properties\":{\"a\":{\"$ref\":\"#/$defs/d%d\"},\"b\":{\"$ref\":\"#/$defs/d%d\"}}},"
              .formatted(i, i + 1, i + 1));
    }
    defs.append("\"d20\":{\"type\":\"string\"}}");
    String schema =
        "{\"type\":\"object\",\"properties\":{\"x\":{\"$ref\":\"#/$defs/d0\"}},\"$defs\":"
            + defs
            + "}";

    assertThatThrownBy(() -> raw(schema))
        .isInstanceOf(JsonSchemas.UnsupportedSchema.class)
        .hasMessageContaining("expands to more than 10000 nodes");
  }

  @Test
  void rejectsSchemasNestedTooDeeply() {
    String schema =
        "{\"type\":\"object\",\"properties\":{\"a\":"
            + "{\"type\":\"array\",\"items\":".repeat(70)
            + "{\"type\":\"string\"}"
            + "}".repeat(70)
            + "}}";

    assertThatThrownBy(() -> raw(schema))
        .isInstanceOf(JsonSchemas.UnsupportedSchema.class)
        .hasMessageContaining("nests deeper than 64 levels");
  }

  @Test
  void rejectsTextThatIsNotJson() {
    assertThatThrownBy(() -> raw("{\"type\":"))
        .isInstanceOf(JsonSchemas.UnsupportedSchema.class)
        .hasMessageStartingWith("at '/': is not valid JSON");
  }

  @Test
  void rejectsArgumentsThatAreNotAnObject() {
    assertThatThrownBy(() -> raw("{\"type\":\"string\"}"))
        .isInstanceOf(JsonSchemas.UnsupportedSchema.class)
        .hasMessage("at '/type': the arguments schema must have type 'object'");
  }

  @Test
  void convertsEachTypeForGemini() {
    var schema =
        typed(
            """
            {"type":"object","properties":{
               "id":{"type":"string","description":"Order number."},
               "quantity":{"type":"integer"},
               "amount":{"type":"number"},
               "gift":{"type":"boolean"},
               "reason":{"type":"string","enum":["damaged","late"]},
               "lines":{"type":"array","items":{"type":"object",
                        "properties":{"sku":{"type":"string"}},"required":["sku"]}}},
             "required":["id"]}""");

    assertThat(schema)
        .isEqualTo(
            JsonObjectSchema.builder()
                .addProperty("id", JsonStringSchema.builder().description("Order number.").build())
                .addProperty("quantity", new JsonIntegerSchema())
                .addProperty("amount", new JsonNumberSchema())
                .addProperty("gift", new JsonBooleanSchema())
                .addProperty(
                    "reason", JsonEnumSchema.builder().enumValues("damaged", "late").build())
                .addProperty(
                    "lines",
                    JsonArraySchema.builder()
                        .items(
                            JsonObjectSchema.builder()
                                .addProperty("sku", new JsonStringSchema())
                                .required("sku")
                                .build())
                        .build())
                .required("id")
                .build());
  }

  @Test
  void treatsATypeListWithNullAsThatType() {
    var schema =
        typed("{\"type\":\"object\",\"properties\":{\"note\":{\"type\":[\"string\",\"null\"]}}}");

    assertThat(schema.properties().get("note")).isEqualTo(new JsonStringSchema());
  }

  @Test
  void convertsAlternativesToAnyOf() {
    var schema =
        typed(
            """
            {"type":"object","properties":{"ref":{"oneOf":[{"type":"string"},{"type":"integer"}]}}}""");

    assertThat(schema.properties().get("ref"))
        .isEqualTo(
            JsonAnyOfSchema.builder()
                .anyOf(new JsonStringSchema(), new JsonIntegerSchema())
                .build());
  }

  @Test
  void notesBoundsAndFormatsInTheDescriptionForGemini() {
    var schema =
        typed(
            """
            {"type":"object","properties":{"amount":{"type":"number","description":"Refund.",
                                                     "minimum":0,"maximum":500}}}""");

    assertThat(schema.properties().get("amount").description())
        .isEqualTo("Refund. (minimum 0, maximum 500)");
  }

  @Test
  void notesAllowedNumbersInTheDescriptionForGemini() {
    var schema = typed("{\"type\":\"object\",\"properties\":{\"stars\":{\"enum\":[1,2,3]}}}");

    assertThat(schema.properties().get("stars"))
        .isEqualTo(JsonIntegerSchema.builder().description("(one of 1, 2, 3)").build());
  }

  @Test
  void rejectsAPropertyWithoutATypeForGemini() {
    assertThatThrownBy(
            () ->
                typed(
                    "{\"type\":\"object\",\"properties\":{\"meta\":{\"description\":\"Anything.\"}}}"))
        .isInstanceOf(JsonSchemas.UnsupportedSchema.class)
        .hasMessageStartingWith("at '/properties/meta': has no 'type'");
  }

  @Test
  void rejectsAnArrayWithoutItemsForGemini() {
    assertThatThrownBy(
            () -> typed("{\"type\":\"object\",\"properties\":{\"tags\":{\"type\":\"array\"}}}"))
        .isInstanceOf(JsonSchemas.UnsupportedSchema.class)
        .hasMessageStartingWith("at '/properties/tags': an array needs an 'items' schema");
  }

  @Test
  void escapesPropertyNamesInLocations() {
    assertThatThrownBy(
            () -> typed("{\"type\":\"object\",\"properties\":{\"a/b\":{\"type\":\"tuple\"}}}"))
        .isInstanceOf(JsonSchemas.UnsupportedSchema.class)
        .hasMessageStartingWith("at '/properties/a~1b/type': unknown type 'tuple'");
  }
}

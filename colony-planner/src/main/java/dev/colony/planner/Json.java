package dev.colony.planner;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.TextNode;

/** JSON for the planner: arguments written with sorted map keys, results read leniently. */
final class Json {
  static final ObjectMapper MAPPER =
      JsonMapper.builder().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();

  private Json() {}

  /** {@code text} parsed, or as a text node if it is not valid JSON. */
  static JsonNode parse(String text) {
    try {
      JsonNode node = MAPPER.readTree(text);
      return node == null || node.isMissingNode() ? TextNode.valueOf(text) : node;
    } catch (JsonProcessingException e) {
      return TextNode.valueOf(text);
    }
  }

  /**
   * The arguments as JSON object text.
   *
   * @throws IllegalArgumentException if they cannot be written or are not an object
   */
  static String arguments(Object arguments) {
    JsonNode tree = MAPPER.valueToTree(arguments);
    if (tree == null || !tree.isObject()) {
      throw new IllegalArgumentException(
          "arguments must be written as a JSON object, got "
              + (tree == null ? "null" : tree.getNodeType()));
    }
    try {
      return MAPPER.writeValueAsString(tree);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("arguments could not be written as JSON: " + e, e);
    }
  }
}

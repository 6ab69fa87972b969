/**
 * Model clients over LangChain4j chat models: OpenAI-compatible endpoints, Anthropic, Amazon
 * Bedrock, Ollama and Gemini.
 *
 * <p>{@link dev.colony.models.ModelClients} is the entry point; everything else is package-private.
 */
package dev.colony.models;

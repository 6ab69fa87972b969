package dev.colony.mcp.client;

class InMemoryToolPinsTests extends ToolPinsContract {
  @Override
  ToolPins pins() {
    return new InMemoryToolPins();
  }
}

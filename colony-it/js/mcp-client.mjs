// Drives a Colony MCP server with the TypeScript SDK's client over Streamable HTTP, and prints one
// JSON object with what it saw. McpTypeScriptClientTests runs it and asserts on that object.
//
//   node js/mcp-client.mjs URL TOKEN        a session with Authorization: Bearer TOKEN: tools,
//                                           get_order, bad arguments, resources, prompts
//   node js/mcp-client.mjs URL --no-token   connects without a token; reports how it was refused
//
// A step that throws is reported as {"error": {...}} in its place, so one failure does not hide
// what the others saw. The exit code is 0 whenever the JSON was printed.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import {
  discoverOAuthProtectedResourceMetadata,
  extractWWWAuthenticateParams,
} from '@modelcontextprotocol/sdk/client/auth.js';

const [url, token] = process.argv.slice(2);
if (!url || !token) {
  console.error('usage: node js/mcp-client.mjs URL (TOKEN | --no-token)');
  process.exit(2);
}

const CLIENT_INFO = { name: 'colony-it-typescript-client', version: '1.0.0' };

function describe(error) {
  return {
    name: error?.constructor?.name ?? typeof error,
    code: error?.code ?? null,
    message: error instanceof Error ? error.message : String(error),
  };
}

async function attempt(step) {
  try {
    return await step();
  } catch (error) {
    return { error: describe(error) };
  }
}

/** Values for the variables of resource templates and the arguments of prompts. */
function samplesFrom(order) {
  const samples = { order_id: '1001' };
  const item = order?.structuredContent?.items?.[0];
  if (item && typeof item === 'object' && typeof item.sku === 'string') {
    samples.sku = item.sku;
  }
  return samples;
}

/** The URI of a level-1 RFC 6570 template with every variable given, or null. */
function expand(template, samples) {
  let complete = true;
  const uri = template.replace(/\{([^}]+)\}/g, (_, name) => {
    if (!(name in samples)) {
      complete = false;
      return '';
    }
    return encodeURIComponent(samples[name]);
  });
  return complete ? uri : null;
}

async function session() {
  const client = new Client(CLIENT_INFO);
  const transport = new StreamableHTTPClientTransport(new URL(url), {
    requestInit: { headers: { Authorization: `Bearer ${token}` } },
  });
  await client.connect(transport);

  const seen = {
    serverInfo: client.getServerVersion(),
    protocolVersion: transport.protocolVersion ?? null,
    sessionId: transport.sessionId ?? null,
    capabilities: client.getServerCapabilities(),
    instructions: client.getInstructions() ?? null,
  };
  seen.tools = await attempt(async () =>
    (await client.listTools()).tools.map((tool) => ({
      name: tool.name,
      description: tool.description ?? null,
      annotations: tool.annotations ?? null,
      hasOutputSchema: tool.outputSchema !== undefined,
    })),
  );
  // callTool validates structuredContent against the tool's outputSchema when it has one.
  seen.order = await attempt(() =>
    client.callTool({ name: 'get_order', arguments: { order_id: '1001' } }),
  );
  seen.badArguments = await attempt(() =>
    client.callTool({ name: 'get_order', arguments: { order_id: 'abc' } }),
  );

  const samples = samplesFrom(seen.order);
  if (seen.capabilities?.resources) {
    seen.resources = await attempt(async () => (await client.listResources()).resources);
    seen.resourceTemplates = await attempt(
      async () => (await client.listResourceTemplates()).resourceTemplates,
    );
    seen.resourceReads = [];
    for (const template of Array.isArray(seen.resourceTemplates) ? seen.resourceTemplates : []) {
      const uri = expand(template.uriTemplate, samples);
      if (uri !== null) {
        seen.resourceReads.push({ uri, result: await attempt(() => client.readResource({ uri })) });
      }
    }
  }
  if (seen.capabilities?.prompts) {
    seen.prompts = await attempt(async () => (await client.listPrompts()).prompts);
    seen.promptGets = [];
    for (const prompt of Array.isArray(seen.prompts) ? seen.prompts : []) {
      const args = {};
      for (const argument of prompt.arguments ?? []) {
        args[argument.name] = samples[argument.name] ?? `a sample ${argument.name}`;
      }
      seen.promptGets.push({
        name: prompt.name,
        arguments: args,
        result: await attempt(() => client.getPrompt({ name: prompt.name, arguments: args })),
      });
    }
  }
  seen.ping = await attempt(() => client.ping());
  seen.terminated = await attempt(async () => {
    await transport.terminateSession();
    return true;
  });
  await client.close();
  return seen;
}

async function withoutToken() {
  // Every response the transport gets, with its challenge as the SDK itself parses it.
  const responses = [];
  const observing = async (input, init) => {
    const response = await fetch(input, init);
    const challenge = extractWWWAuthenticateParams(response);
    responses.push({
      method: init?.method ?? 'GET',
      status: response.status,
      wwwAuthenticate: response.headers.get('www-authenticate'),
      resourceMetadataUrl: challenge.resourceMetadataUrl?.href ?? null,
      error: challenge.error ?? null,
    });
    return response;
  };
  const client = new Client(CLIENT_INFO);
  const transport = new StreamableHTTPClientTransport(new URL(url), { fetch: observing });
  const seen = { connected: false };
  try {
    await client.connect(transport);
    seen.connected = true;
    await client.close();
  } catch (error) {
    seen.error = describe(error);
  }
  seen.responses = responses;
  const metadataUrl = responses.find((r) => r.resourceMetadataUrl)?.resourceMetadataUrl;
  if (metadataUrl) {
    // The SDK's own discovery, validating the document against its RFC 9728 schema.
    seen.protectedResourceMetadata = await attempt(() =>
      discoverOAuthProtectedResourceMetadata(url, { resourceMetadataUrl: metadataUrl }),
    );
  }
  return seen;
}

try {
  const seen = token === '--no-token' ? await withoutToken() : await session();
  process.stdout.write(JSON.stringify(seen) + '\n');
} catch (error) {
  console.error('mcp-client:', error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
}

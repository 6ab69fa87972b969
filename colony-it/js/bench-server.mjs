// The TypeScript peer of colony-bench's McpToolCalls: the MCP TypeScript SDK's server with the
// same one tool Colony's benchmark server has (get_order: an order id in, a fixed two-item order
// out, as text and structuredContent), over Streamable HTTP at /mcp/bench, one session per client
// as the SDK's stateful servers keep them.
//
//   node js/bench-server.mjs PORT
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';

const port = Number(process.argv[2]);
if (!Number.isInteger(port) || port <= 0) {
  console.error('usage: node js/bench-server.mjs PORT');
  process.exit(2);
}

function order(orderId) {
  return {
    orderId,
    items: [
      { sku: 'LAMP-01', name: 'Brass desk lamp', quantity: 1 },
      { sku: 'SCARF-02', name: 'Wool scarf', quantity: 1 },
    ],
  };
}

function newServer() {
  const server = new McpServer({ name: 'typescript-bench', version: '1.0.0' });
  server.registerTool(
    'get_order',
    {
      description: 'Look up an order: its items.',
      inputSchema: { order_id: z.string().regex(/^[0-9]{1,12}$/) },
    },
    async ({ order_id }) => {
      const result = order(order_id);
      return { content: [{ type: 'text', text: JSON.stringify(result) }], structuredContent: result };
    },
  );
  return server;
}

const transports = new Map();

async function readBody(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? JSON.parse(text) : undefined;
}

createServer(async (req, res) => {
  try {
    if (!req.url.startsWith('/mcp/bench')) {
      res.writeHead(404).end();
      return;
    }
    const session = req.headers['mcp-session-id'];
    const body = req.method === 'POST' ? await readBody(req) : undefined;
    let transport = session ? transports.get(session) : undefined;
    if (!transport) {
      if (session || !isInitializeRequest(body)) {
        res.writeHead(400, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ jsonrpc: '2.0', error: { code: -32000, message: 'no session' }, id: null }));
        return;
      }
      transport = new StreamableHTTPServerTransport({
        sessionIdGenerator: () => randomUUID(),
        onsessioninitialized: (id) => transports.set(id, transport),
      });
      transport.onclose = () => transport.sessionId && transports.delete(transport.sessionId);
      await newServer().connect(transport);
    }
    await transport.handleRequest(req, res, body);
  } catch (error) {
    if (!res.headersSent) res.writeHead(500).end(String(error));
  }
}).listen(port, '127.0.0.1');

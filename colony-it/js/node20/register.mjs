// Lets @modelcontextprotocol/conformance 0.1.16 load on Node 20.
//
// Its bundle imports `globSync` from 'fs' at the top, an export that exists only from Node 22
// (upstream moved its own GitHub Action to Node 22 for this: modelcontextprotocol/conformance#162).
// It calls globSync only in `tier-check`, which Colony does not run; the `list`, `server` and
// `client` commands never do. On a Node without fs.globSync, this hook hands the conformance bundle
// (and nothing else) an 'fs' that has a globSync that fails loudly if it is ever called.
//
// Use: node --import ./js/node20/register.mjs node_modules/@modelcontextprotocol/conformance/dist/index.js ...
import fs from 'node:fs';
import { register } from 'node:module';

if (typeof fs.globSync !== 'function') {
  register('./hooks.mjs', import.meta.url);
}

// Module resolution hook registered by register.mjs: 'fs' as seen from the conformance bundle.
const FS_WITH_GLOB_SYNC = new URL('./fs-with-glob-sync.mjs', import.meta.url).href;

export async function resolve(specifier, context, nextResolve) {
  const fromConformance = (context.parentURL ?? '').includes('/@modelcontextprotocol/conformance/');
  if (fromConformance && (specifier === 'fs' || specifier === 'node:fs')) {
    return { url: FS_WITH_GLOB_SYNC, shortCircuit: true };
  }
  return nextResolve(specifier, context);
}

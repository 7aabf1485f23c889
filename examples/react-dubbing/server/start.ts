// `pnpm --filter @a2e-sdk/example-react-dubbing start`: the built app behind the proxy, against a Prism
// mock of the spec (or https://video.a2e.ai with `--live` and A2E_API_KEY).
import { createA2EProxy } from '@a2e-sdk/client/proxy';
import { startPrism } from '@a2e-sdk/tools/prism';
import { fileURLToPath } from 'node:url';
import { serve } from './serve.ts';

const live = process.argv.includes('--live');
if (live && !process.env.A2E_API_KEY) {
  console.error('--live needs A2E_API_KEY');
  process.exit(1);
}
const prism = live ? undefined : await startPrism();
const proxy = createA2EProxy({
  apiKey: live ? process.env.A2E_API_KEY! : 'sk_example_not_a_real_key',
  ...(prism && { baseUrl: prism.url }),
});
const server = await serve({
  root: fileURLToPath(new URL('../dist', import.meta.url)),
  proxy,
  port: Number(process.env.PORT ?? 5174),
});
console.log(`react-dubbing at ${server.url} → ${prism ? `Prism ${prism.url}` : 'https://video.a2e.ai'} (Ctrl-C stops)`);
process.once('SIGINT', async () => {
  await server.close();
  await prism?.stop();
  process.exit(0);
});

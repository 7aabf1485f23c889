// @vitest-environment node
// Server rendering: importing the package and rendering a hook touch no window or document, and send nothing.
import { createA2EClient } from '@a2e-sdk/client';
import { QueryClient } from '@tanstack/react-query';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';

describe('on a server', () => {
  it('imports, renders a query and a job hook without window/document, and makes no request', async () => {
    expect(typeof (globalThis as { window?: unknown }).window).toBe('undefined');
    expect(typeof (globalThis as { document?: unknown }).document).toBe('undefined');
    const { A2EProvider, useDubbing, useA2EJob } = await import('../src/index.js');
    const requests: string[] = [];
    const client = createA2EClient({
      baseUrl: 'http://never.test',
      apiKey: 'sk_x',
      fetch: async (url) => {
        requests.push(String(url));
        return new Response('{}');
      },
    });
    // biome-ignore lint/correctness/noComponentHookFactories: the component needs the module imported inside this test
    function Page() {
      const dubbing = useDubbing({ _id: 'd1' });
      const job = useA2EJob('dubbing', 'd1');
      return (
        <p>
          {dubbing.status}/{job.phase}
        </p>
      );
    }
    const html = renderToString(
      <A2EProvider client={client} queryClient={new QueryClient()}>
        <Page />
      </A2EProvider>,
    );
    expect(html).toBe('<p>pending<!-- -->/<!-- -->idle</p>');
    expect(requests).toEqual([]);
  });

  it('renders a provider given a relative baseUrl (a proxy on the same site) without a page to resolve it against', async () => {
    const { A2EProvider, useRemainingCoins } = await import('../src/index.js');
    // biome-ignore lint/correctness/noComponentHookFactories: the component needs the module imported inside this test
    function Coins() {
      return <p>{useRemainingCoins().status}</p>;
    }
    expect(
      renderToString(
        <A2EProvider baseUrl="/api/a2e">
          <Coins />
        </A2EProvider>,
      ),
    ).toBe('<p>pending</p>');
  });
});

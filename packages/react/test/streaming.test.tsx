// useStreamingAvatar in jsdom: the real createA2EProxy in front of a recording loopback stand-in of A2E's
// streaming endpoints, and a fake Agora client (the real SDK needs Agora's network). Every way the page
// lets go of a session ends in exactly one leave at A2E.
import { StreamingCapacityError } from '@a2e-sdk/client';
import { createA2EProxy } from '@a2e-sdk/client/proxy';
import { act, cleanup, renderHook, waitFor } from '@testing-library/react';
import { StrictMode, type ReactNode } from 'react';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { useStreamingAvatar, type StreamingAvatarOptions } from '../src/index.js';
import { startStandIn, type StandIn } from '../../client/test/helpers/streaming.js';
import { fakeAgora } from './fake-agora.js';

const KEY = 'sk_react_streaming_canary';
let a2e: StandIn;
beforeAll(async () => {
  a2e = await startStandIn();
});
afterAll(() => a2e.server.close());

let browserSent: { url: string; body: string }[];
let proxy: (request: Request) => Promise<Response>;
let pending: Promise<unknown>[];
/** What the page sends reaches the real proxy handler; every request is kept to check for the key. */
const pageFetch: typeof fetch = async (url, init) => {
  browserSent.push({ url: String(url), body: String(init?.body ?? '') });
  return proxy(new Request(url, init));
};
beforeEach(() => {
  a2e.reset();
  browserSent = [];
  pending = [];
  proxy = createA2EProxy({ apiKey: KEY, baseUrl: a2e.server.url });
  // jsdom has no sendBeacon: this one posts text/plain like the browser's (the real one runs in the Chromium test).
  Object.defineProperty(navigator, 'sendBeacon', {
    configurable: true,
    value: (url: string, data: string) => {
      browserSent.push({ url, body: data });
      pending.push(
        proxy(
          new Request(url, { method: 'POST', body: data, headers: { 'content-type': 'text/plain;charset=UTF-8' } }),
        ),
      );
      return true;
    },
  });
});
afterEach(() => {
  cleanup();
  Reflect.deleteProperty(navigator, 'sendBeacon');
});

const track = () => ({ play() {} });
const render = (
  options: Partial<StreamingAvatarOptions> & { agora: StreamingAvatarOptions['agora'] },
  wrapper?: (p: { children: ReactNode }) => ReactNode,
) =>
  renderHook(
    (props: Partial<StreamingAvatarOptions>) =>
      useStreamingAvatar({ avatarId: 'av1', durationSeconds: 60, fetch: pageFetch, ...options, ...props }),
    { initialProps: {}, ...(wrapper && { wrapper }) },
  );
/** Lets in-flight leaves reach the stand-in before counting. */
const settle = async () => {
  await Promise.all(pending);
  await new Promise((ok) => setTimeout(ok, 100));
};

describe('useStreamingAvatar', () => {
  it("joins as a viewer with the session's credentials and exposes tracks, state and assembled answers", async () => {
    const agora = fakeAgora();
    const { result, unmount } = render({ agora });
    await waitFor(() => expect(result.current.phase).toBe('connected'));
    const rtc = agora.clients[0]!;
    expect(rtc.config).toEqual({ mode: 'live', codec: 'vp8' });
    expect(rtc.role).toBe('audience');
    expect(rtc.joined).toEqual(['app-1', 'ch-1', 'agora-token-1', 1001]);
    expect(result.current.connectionState).toBe('CONNECTED');
    const video = track();
    const audio = track();
    act(() => rtc.publish(9, video, audio));
    await waitFor(() => expect(result.current.videoTrack).toBe(video));
    expect(result.current.audioTrack).toBe(audio);
    act(() => {
      rtc.say(9, 'Hi ', 'start');
      rtc.say(8, 'Other', 'start');
      rtc.say(9, 'there', 'end');
      rtc.say(8, ' one', 'end');
    });
    expect(result.current.messages.map((m) => [m.text, m.done])).toEqual([
      ['Hi there', true],
      ['Other one', true],
    ]);
    unmount();
    await settle();
  });

  it('asks and speaks through the proxy, and the key never reaches the page', async () => {
    const { result, unmount } = render({ agora: fakeAgora() });
    await waitFor(() => expect(result.current.phase).toBe('connected'));
    await act(() => result.current.ask('What do you sell?'));
    await act(() => result.current.speak('Welcome!'));
    expect(JSON.parse(a2e.calls('ask')[0]!.body)).toEqual({ channel: 'ch-1', text: 'What do you sell?' });
    expect(JSON.parse(a2e.calls('speak')[0]!.body)).toEqual({ channel: 'ch-1', text: 'Welcome!' });
    expect(a2e.calls('ask')[0]!.headers.authorization).toBe(`Bearer ${KEY}`);
    unmount();
    await settle();
    expect(browserSent.length).toBeGreaterThanOrEqual(4);
    for (const r of browserSent) expect(JSON.stringify(r)).not.toContain(KEY);
  });

  it('leaves once on unmount', async () => {
    const agora = fakeAgora();
    const { result, unmount } = render({ agora });
    await waitFor(() => expect(result.current.phase).toBe('connected'));
    unmount();
    await settle();
    expect(a2e.leaves()).toEqual(['ch-1']);
    expect(agora.clients[0]!.leaves).toBe(1);
  });

  it('leaves once by beacon on page hide, and not again on unmount', async () => {
    const { result, unmount } = render({ agora: fakeAgora() });
    await waitFor(() => expect(result.current.phase).toBe('connected'));
    act(() => {
      window.dispatchEvent(new Event('pagehide'));
    });
    await settle();
    expect(a2e.leaves()).toEqual(['ch-1']);
    expect(browserSent.filter((r) => r.url.endsWith('/leave'))).toHaveLength(1);
    unmount();
    await settle();
    expect(a2e.leaves()).toEqual(['ch-1']);
  });

  it('leaves once when joining fails', async () => {
    const { result, unmount } = render({ agora: fakeAgora(new Error('CAN_NOT_GET_GATEWAY_SERVER')) });
    await waitFor(() => expect(result.current.phase).toBe('error'));
    expect((result.current.error as Error).message).toBe('CAN_NOT_GET_GATEWAY_SERVER');
    await settle();
    expect(a2e.leaves()).toEqual(['ch-1']);
    unmount();
    await settle();
    expect(a2e.leaves()).toEqual(['ch-1']);
  });

  it('leaves once when Agora disconnects (token expiry), and once on an explicit leave', async () => {
    const agora = fakeAgora();
    const { result, unmount } = render({ agora });
    await waitFor(() => expect(result.current.phase).toBe('connected'));
    act(() => agora.clients[0]!.emit('connection-state-change', 'DISCONNECTED', 'CONNECTED', 'TOKEN_EXPIRE'));
    await act(() => result.current.leave());
    unmount();
    await settle();
    expect(a2e.leaves()).toEqual(['ch-1']);
  });

  it("starts one session under StrictMode's double mount", async () => {
    const { result, unmount } = render({ agora: fakeAgora() }, ({ children }) => <StrictMode>{children}</StrictMode>);
    await waitFor(() => expect(result.current.phase).toBe('connected'));
    expect(a2e.calls('agora-token')).toHaveLength(1);
    unmount();
    await settle();
    expect(a2e.leaves()).toEqual(['ch-1']);
  });

  it('ends in a StreamingCapacityError when no host is free, with nothing to leave', async () => {
    a2e.token = () => ({ body: { code: 1001, msg: 'hosts are occupied' } });
    const { result, unmount } = render({ agora: fakeAgora() });
    await waitFor(() => expect(result.current.phase).toBe('error'));
    expect(result.current.error).toBeInstanceOf(StreamingCapacityError);
    unmount();
    await settle();
    expect(a2e.leaves()).toEqual([]);
  });
});

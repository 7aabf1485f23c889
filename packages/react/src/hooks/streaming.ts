// useStreamingAvatar: the browser half of a streaming avatar session. It starts the session through the
// server's createA2EProxy (which holds the key), joins the Agora room as a viewer with the injected Agora
// web SDK, and leaves — exactly once — on unmount, on page hide (sendBeacon, which outlives the page) and
// on a fatal error, because A2E bills until leave is called, not until the viewer goes away.
import { APIError, createQaAssembler, streamingError, type QaAnswer } from '@a2e-sdk/client';
import { useCallback, useEffect, useRef, useState } from 'react';
import { absoluteBaseUrl } from '../provider.js';

/** A remote track as the Agora web SDK gives it; `play` renders it into an element (or its id). */
export interface AgoraRemoteTrack {
  play(element?: HTMLElement | string): void;
  stop?(): void;
}
export interface AgoraRemoteUser {
  uid: number | string;
  videoTrack?: AgoraRemoteTrack | undefined;
  audioTrack?: AgoraRemoteTrack | undefined;
}
/** The part of agora-rtc-sdk-ng's IAgoraRTCClient the hook uses. */
export interface AgoraClientLike {
  on(event: string, listener: (...args: never[]) => void): void;
  setClientRole?(role: 'audience'): unknown;
  join(appId: string, channel: string, token: string | null, uid?: number | string | null): Promise<unknown>;
  subscribe(user: AgoraRemoteUser, mediaType: 'video' | 'audio'): Promise<unknown>;
  leave(): Promise<unknown>;
}
/** The Agora web SDK (`import AgoraRTC from 'agora-rtc-sdk-ng'`), or a stand-in with the same shape. */
export interface AgoraLike {
  createClient(config: { mode: 'live'; codec: 'vp8' }): AgoraClientLike;
}

export interface StreamingAvatarOptions {
  /** The Agora web SDK; injected so this package does not bundle it (an optional peer) and tests can replace it. */
  agora: AgoraLike;
  /** Avatar to stream; the session starts when it is set and ends when it changes or is cleared. */
  avatarId: string | undefined;
  /** Session lifetime in seconds: it is charged up front. Default 300. */
  durationSeconds?: number;
  /** Where createA2EProxy is mounted (`''`: the page's origin, like A2EProvider's baseUrl). */
  baseUrl?: string;
  /** The fetch to the proxy. Default: the global fetch. */
  fetch?: typeof fetch;
}

export type StreamingAvatarPhase = 'idle' | 'starting' | 'joining' | 'connected' | 'left' | 'error';

export interface StreamingAvatarState {
  phase: StreamingAvatarPhase;
  /** Agora's own connection state (`CONNECTING`, `CONNECTED`, `RECONNECTING`, `DISCONNECTED`, …). */
  connectionState: string | undefined;
  channel: string | undefined;
  videoTrack: AgoraRemoteTrack | undefined;
  audioTrack: AgoraRemoteTrack | undefined;
  /** The avatar's answers, assembled from their data-channel pieces. */
  messages: readonly QaAnswer[];
  /** What ended the session in `error` (StreamingCapacityError when no avatar host was free). */
  error: unknown;
  ask(text: string): Promise<void>;
  speak(text: string): Promise<void>;
  /** Ends the session now (once; later calls and the unmount do nothing more). */
  leave(): Promise<void>;
}

interface Session {
  channel: string;
  secret: string;
  leave(viaBeacon?: boolean): Promise<void>;
}
type View = Omit<StreamingAvatarState, 'ask' | 'speak' | 'leave'>;
const IDLE: View = {
  phase: 'idle',
  connectionState: undefined,
  channel: undefined,
  videoTrack: undefined,
  audioTrack: undefined,
  messages: [],
  error: undefined,
};
const ROUTE = 'api/v1/streaming-avatar/';

async function postJson(
  fetchImpl: typeof fetch,
  url: string,
  body: unknown,
  operationId: string,
): Promise<Record<string, unknown>> {
  const response = await fetchImpl(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const parsed = (await response.json().catch(() => undefined)) as Record<string, unknown> | undefined;
  if (!response.ok || parsed?.code !== 0)
    throw streamingError({ status: response.status, headers: response.headers, body: parsed, operationId });
  return parsed;
}

export function useStreamingAvatar(options: StreamingAvatarOptions): StreamingAvatarState {
  const { agora, avatarId, durationSeconds = 300, baseUrl = '' } = options;
  const fetchRef = useRef(options.fetch);
  fetchRef.current = options.fetch;
  const [view, setView] = useState<View>(IDLE);
  const sessionRef = useRef<Session | undefined>(undefined);

  useEffect(() => {
    if (!avatarId) return undefined;
    const base = absoluteBaseUrl(baseUrl).replace(/\/?$/, '/') + ROUTE;
    const fetchImpl = (...args: Parameters<typeof fetch>) => (fetchRef.current ?? globalThis.fetch)(...args);
    const update = (patch: Partial<View>) => {
      if (!disposed) setView((v) => ({ ...v, ...patch }));
    };
    let disposed = false;
    let session: Session | undefined;
    let rtc: AgoraClientLike | undefined;

    const makeSession = (channel: string, secret: string): Session => {
      let leaving: Promise<void> | undefined;
      return {
        channel,
        secret,
        leave(viaBeacon = false) {
          if (leaving) return leaving;
          const body = JSON.stringify({ channel, session_secret: secret });
          // A beacon is the one request a closing page is sure to send; it posts text/plain, read as JSON by the proxy.
          const beaconed =
            viaBeacon &&
            typeof navigator !== 'undefined' &&
            typeof navigator.sendBeacon === 'function' &&
            navigator.sendBeacon(`${base}leave`, body);
          leaving = beaconed
            ? Promise.resolve()
            : fetchImpl(`${base}leave`, {
                method: 'POST',
                headers: { 'content-type': 'application/json' },
                body,
                keepalive: true,
              }).then(() => undefined);
          void rtc?.leave().catch(() => {});
          if (!disposed)
            setView((v) => ({
              ...v,
              phase: v.phase === 'error' ? 'error' : 'left',
              videoTrack: undefined,
              audioTrack: undefined,
            }));
          return leaving;
        },
      };
    };
    const fail = (error: unknown) => {
      update({ phase: 'error', error });
      void session?.leave().catch(() => {});
    };
    const onPageHide = () => {
      void session?.leave(true).catch(() => {});
    };

    // Deferred: React's StrictMode mounts, unmounts and mounts again at once; only the last mount may start (and pay for) a session.
    const timer = setTimeout(async () => {
      update({ ...IDLE, phase: 'starting' });
      let started: Record<string, unknown>;
      try {
        started = (
          await postJson(
            fetchImpl,
            `${base}agora-token`,
            { avatar_id: avatarId, expire_seconds: durationSeconds },
            'createStreamingAvatarToken',
          )
        ).data as Record<string, unknown>;
      } catch (error) {
        update({ phase: 'error', error });
        return;
      }
      const {
        appId,
        channel,
        token,
        uid,
        session_secret: secret,
      } = started as { appId: string; channel: string; token: string; uid: number | string; session_secret: string };
      session = makeSession(channel, secret);
      sessionRef.current = session;
      if (disposed) {
        void session.leave().catch(() => {});
        return;
      }
      addEventListener('pagehide', onPageHide);
      update({ phase: 'joining', channel });
      const qa = createQaAssembler();
      try {
        rtc = agora.createClient({ mode: 'live', codec: 'vp8' });
        rtc.on('connection-state-change', ((current: string) => {
          update({ connectionState: current });
          // Disconnected without our leave (token expired, kicked): the session is over, so end its billing too.
          if (current === 'DISCONNECTED') void session?.leave().catch(() => {});
        }) as never);
        rtc.on('user-published', (async (user: AgoraRemoteUser, mediaType: 'video' | 'audio') => {
          try {
            await rtc!.subscribe(user, mediaType);
            update(mediaType === 'video' ? { videoTrack: user.videoTrack } : { audioTrack: user.audioTrack });
          } catch (error) {
            fail(error);
          }
        }) as never);
        rtc.on('user-unpublished', ((_: AgoraRemoteUser, mediaType: 'video' | 'audio') =>
          update(mediaType === 'video' ? { videoTrack: undefined } : { audioTrack: undefined })) as never);
        rtc.on('stream-message', ((from: number | string, payload: Uint8Array) => {
          const messages = qa.push(from, payload);
          if (messages) update({ messages });
        }) as never);
        await rtc.setClientRole?.('audience');
        await rtc.join(appId, channel, token, uid);
        update({ phase: 'connected' });
      } catch (error) {
        fail(error);
      }
    }, 0);

    return () => {
      clearTimeout(timer);
      removeEventListener('pagehide', onPageHide);
      void session?.leave().catch(() => {});
      disposed = true;
      sessionRef.current = undefined;
      setView(IDLE);
    };
  }, [agora, avatarId, durationSeconds, baseUrl]);

  const send = useCallback(
    async (op: 'ask' | 'speak', text: string) => {
      const session = sessionRef.current;
      if (!session)
        throw new APIError({
          status: 409,
          headers: new Headers(),
          body: undefined,
          message: `${op}: no streaming session is open`,
        });
      const base = absoluteBaseUrl(baseUrl).replace(/\/?$/, '/') + ROUTE;
      await postJson(
        fetchRef.current ?? globalThis.fetch,
        `${base}${op}`,
        { channel: session.channel, text, session_secret: session.secret },
        op === 'ask' ? 'askStreamingAvatar' : 'speakStreamingAvatar',
      );
    },
    [baseUrl],
  );

  return {
    ...view,
    ask: useCallback((text: string) => send('ask', text), [send]),
    speak: useCallback((text: string) => send('speak', text), [send]),
    leave: useCallback(async () => {
      await sessionRef.current?.leave();
    }, []),
  };
}

// A stand-in for the Agora web SDK (agora-rtc-sdk-ng needs Agora's network): it records what the hook
// asks of it, and the test plays the avatar's side by emitting events.
import type { AgoraClientLike, AgoraLike, AgoraRemoteTrack, AgoraRemoteUser } from '../src/index.js';

type Listener = (...args: never[]) => unknown;

export class FakeAgoraClient implements AgoraClientLike {
  readonly listeners = new Map<string, Listener[]>();
  joined: unknown[] | undefined;
  role: string | undefined;
  leaves = 0;
  subscribed: string[] = [];
  constructor(
    readonly config: unknown,
    private readonly joinError?: Error,
  ) {}
  on(event: string, listener: Listener) {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
  }
  setClientRole(role: 'audience') {
    this.role = role;
  }
  async join(...args: unknown[]) {
    if (this.joinError) throw this.joinError;
    this.joined = args;
    this.emit('connection-state-change', 'CONNECTED', 'CONNECTING');
  }
  async subscribe(user: AgoraRemoteUser, mediaType: 'video' | 'audio') {
    this.subscribed.push(`${user.uid}:${mediaType}`);
  }
  async leave() {
    this.leaves++;
  }
  emit(event: string, ...args: unknown[]) {
    for (const l of this.listeners.get(event) ?? []) (l as (...a: unknown[]) => unknown)(...args);
  }
  /** The avatar publishes its tracks, as A2E's renderer does after the viewer joins. */
  publish(uid: number, video: AgoraRemoteTrack, audio: AgoraRemoteTrack) {
    const user = { uid, videoTrack: video, audioTrack: audio };
    this.emit('user-published', user, 'video');
    this.emit('user-published', user, 'audio');
  }
  /** One QA piece on the data channel, as UTF-8 JSON bytes. */
  say(uid: number, message: string, pos?: 'start' | 'middle' | 'end') {
    this.emit(
      'stream-message',
      uid,
      new TextEncoder().encode(JSON.stringify({ type: 'QA', message, ...(pos && { pos }) })),
    );
  }
}

export function fakeAgora(joinError?: Error): AgoraLike & { clients: FakeAgoraClient[] } {
  const clients: FakeAgoraClient[] = [];
  return {
    clients,
    createClient: (config) => {
      const c = new FakeAgoraClient(config, joinError);
      clients.push(c);
      return c;
    },
  };
}

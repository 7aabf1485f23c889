// The second page: talk to a streaming avatar. No key and no A2E call here: the session is started, driven
// and ended through createA2EProxy on this page's origin, and the hook leaves it when the page goes away.
import { useStreamingAvatar, type AgoraLike } from '@a2e-sdk/react';
import { StrictMode, useEffect, useRef, useState, type FormEvent } from 'react';
import { createRoot } from 'react-dom/client';
import { styles } from './styles.js';

const DEFAULT_AVATAR = '676e1f054c86ff839eae2cc3';

function Avatar({ agora }: { agora: AgoraLike }) {
  const avatarId = new URLSearchParams(location.search).get('avatar') ?? DEFAULT_AVATAR;
  const avatar = useStreamingAvatar({ agora, avatarId, durationSeconds: 120 });
  const video = useRef<HTMLDivElement>(null);
  const [question, setQuestion] = useState('');
  const [askError, setAskError] = useState<string>();
  useEffect(() => {
    if (video.current) avatar.videoTrack?.play(video.current);
  }, [avatar.videoTrack]);
  useEffect(() => {
    avatar.audioTrack?.play();
  }, [avatar.audioTrack]);

  const ask = (event: FormEvent) => {
    event.preventDefault();
    setAskError(undefined);
    avatar.ask(question).then(
      () => setQuestion(''),
      (e: unknown) => setAskError(String(e)),
    );
  };

  return (
    <main style={styles.main}>
      <h1 style={styles.title}>Talk to an avatar</h1>
      <p>
        Session: <span data-testid="phase">{avatar.phase}</span> · Agora:{' '}
        <span data-testid="connection">{avatar.connectionState ?? '—'}</span>
      </p>
      <div
        ref={video}
        data-testid="video"
        style={{ ...styles.card, minHeight: 240, background: '#111', color: '#eee' }}
      />
      <form onSubmit={ask} style={styles.card}>
        <label style={styles.label}>
          Question
          <input
            name="question"
            required
            value={question}
            onChange={(e) => setQuestion(e.target.value)}
            style={styles.input}
          />
        </label>
        <button type="submit" disabled={avatar.phase !== 'connected'} style={styles.button}>
          Ask
        </button>
        {askError && <p style={styles.error}>{askError}</p>}
      </form>
      <ol data-testid="answers">
        {avatar.messages.map((m) => (
          <li key={m.index} data-done={m.done}>
            {m.text}
          </li>
        ))}
      </ol>
      {avatar.phase === 'error' && (
        <p data-testid="error" style={styles.error}>
          {String(avatar.error)}
        </p>
      )}
      <button type="button" onClick={() => void avatar.leave()} style={styles.button}>
        Leave
      </button>
    </main>
  );
}

// Agora's CDN build of its web SDK defines window.AgoraRTC; with a bundler, `import AgoraRTC from 'agora-rtc-sdk-ng'` instead.
const agora = (window as { AgoraRTC?: AgoraLike }).AgoraRTC;
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    {agora ? <Avatar agora={agora} /> : <p style={styles.error}>Load Agora's web SDK (window.AgoraRTC) to stream.</p>}
  </StrictMode>,
);

// Choose a source and a language, start the dubbing, watch it, open the result.
import { useA2EJob, useDubbingList, useStartDubbing } from '@a2e-sdk/react';
import { useEffect, useState, type FormEvent } from 'react';
import { styles } from './styles.js';

const SAMPLE =
  'https://dh24as48lv9ce.cloudfront.net/adam2eve/stable/user_voice_clone/b89f5b2e-2c7a-4de5-89b4-17ffee2799b6/audio.WAV';
const LANGUAGES = { en: 'English', fr: 'French', es: 'Spanish', de: 'German', ja: 'Japanese', zh: 'Chinese' } as const;

export function App() {
  const [sourceUrl, setSourceUrl] = useState(SAMPLE);
  const [targetLang, setTargetLang] = useState<keyof typeof LANGUAGES>('fr');
  const start = useStartDubbing();
  const jobId = start.data?._id;
  const job = useA2EJob('dubbing', jobId, { intervalMs: 1000, backoffFactor: 1.5 });
  const recent = useDubbingList({ pageNum: 1, pageSize: 5 });
  const history = useStatusHistory(jobId, job.status);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    start.mutate({ name: 'example dubbing', source_url: sourceUrl, source_lang: 'auto', target_lang: targetLang });
  };
  const resultUrl = job.phase === 'success' ? job.record?.result_url : undefined;

  return (
    <main style={styles.main}>
      <h1 style={styles.title}>Dub a video</h1>
      <form onSubmit={submit} style={styles.card}>
        <label style={styles.label}>
          Source video or audio URL
          <input
            name="source_url"
            type="url"
            required
            value={sourceUrl}
            onChange={(e) => setSourceUrl(e.target.value)}
            style={styles.input}
          />
        </label>
        <label style={styles.label}>
          Target language
          <select
            name="target_lang"
            value={targetLang}
            onChange={(e) => setTargetLang(e.target.value as keyof typeof LANGUAGES)}
            style={styles.input}
          >
            {Object.entries(LANGUAGES).map(([code, name]) => (
              <option key={code} value={code}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" disabled={start.isPending || job.isPolling} style={styles.button}>
          {start.isPending ? 'Starting…' : 'Start dubbing'}
        </button>
        {start.error && (
          <p role="alert" style={styles.error}>
            Could not start: {start.error.message}
          </p>
        )}
      </form>

      {jobId && (
        <section style={styles.card} aria-label="progress">
          <p>
            Job <code>{jobId}</code>
          </p>
          <p>
            Status: <strong data-testid="status">{job.status ?? 'waiting'}</strong> · {Math.round(job.elapsedMs / 1000)}{' '}
            s · {job.polls} checks
          </p>
          <p data-testid="history">{history.join(' → ')}</p>
          {job.isPolling && <progress style={styles.progress} />}
          {resultUrl && (
            <p>
              Done:{' '}
              <a data-testid="result" href={resultUrl} target="_blank" rel="noreferrer">
                dubbed file
              </a>
            </p>
          )}
          {job.phase === 'error' && (
            <p role="alert" style={styles.error}>
              {job.error?.message}
            </p>
          )}
        </section>
      )}

      <section style={styles.card} aria-label="recent">
        <h2 style={styles.subtitle}>Recent dubbings</h2>
        {recent.isPending ? (
          <p>Loading…</p>
        ) : (
          <ul data-testid="recent">
            {recent.data?.rows?.map((row) => (
              <li key={row._id}>
                {row.name} — {row.target_lang} — {row.current_status}
              </li>
            ))}
          </ul>
        )}
      </section>
    </main>
  );
}

/** Every distinct status a job went through, in order. */
function useStatusHistory(jobId: string | undefined, status: string | undefined) {
  const [history, setHistory] = useState<string[]>([]);
  useEffect(() => setHistory([]), [jobId]);
  useEffect(() => {
    if (status) setHistory((h) => (h.at(-1) === status ? h : [...h, status]));
  }, [status]);
  return history;
}

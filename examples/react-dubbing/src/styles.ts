import type { CSSProperties } from 'react';

export const styles = {
  main: {
    fontFamily: 'system-ui, sans-serif',
    maxWidth: 560,
    margin: '2rem auto',
    padding: '0 1rem',
    color: '#1d2330',
  },
  title: { fontSize: '1.6rem', marginBottom: '1rem' },
  subtitle: { fontSize: '1.1rem', margin: 0 },
  card: {
    border: '1px solid #d7dce5',
    borderRadius: 8,
    padding: '1rem',
    marginBottom: '1rem',
    display: 'grid',
    gap: '0.75rem',
  },
  label: { display: 'grid', gap: '0.3rem', fontWeight: 600 },
  input: { font: 'inherit', fontWeight: 400, padding: '0.45rem', border: '1px solid #b8c0cc', borderRadius: 6 },
  button: {
    font: 'inherit',
    padding: '0.55rem 1rem',
    border: 0,
    borderRadius: 6,
    background: '#2952cc',
    color: 'white',
    cursor: 'pointer',
  },
  error: { color: '#b3261e', margin: 0 },
  progress: { width: '100%' },
} satisfies Record<string, CSSProperties>;

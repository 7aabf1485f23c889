// A seeded generator (mulberry32) so that `--seed` makes ids and `--fail-rate` outcomes repeat run to run.
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A 24-hex-digit id, the shape of A2E's record ids. */
export const objectId = (random: () => number) =>
  Array.from({ length: 24 }, () => Math.floor(random() * 16).toString(16)).join('');

import { describe, expect, it } from 'vitest';
import { checkProse, shingleHash, shingles } from '../src/prose.ts';

// A run A2E's prose really has: its hash is in ../shared/a2e-official/prose-shingles.txt, so pinning it
// here checks that our normalisation and hash are the ones the file was made with.
const THEIR_RUN = 'start a wan spicy image to video task';
const theirs = new Set([shingleHash(THEIR_RUN)]);
const specWith = (description: string, extra: object = {}) => ({
  paths: { '/x': { post: { summary: 'Queue a video', description, ...extra } } },
});

describe('own words (prose shingles)', () => {
  it('normalises as the shingle file was made: lowercase, [a-z0-9_] words, 8 per run, SHA-1 first 16 hex', () => {
    expect(shingles('Start a Wan-Spicy image-to-video task, now!')).toEqual([
      THEIR_RUN,
      'a wan spicy image to video task now',
    ]);
    expect(shingleHash(THEIR_RUN)).toBe('e351a3c5c3bbbe80');
    expect(shingles('too short to make a run')).toEqual([]);
  });

  it('fails a description that contains a run of their prose, naming where and what', () => {
    expect(checkProse(specWith('Use this to Start a Wan Spicy image-to-video task quickly.'), theirs)).toEqual([
      { where: '/paths/~1x/post/description', message: `repeats A2E's prose: "${THEIR_RUN}"` },
    ]);
  });

  it('passes our own words, and a run on the allowlist', () => {
    expect(checkProse(specWith('Queue a Wan Spicy video from an image and poll it.'), theirs)).toEqual([]);
    expect(
      checkProse(specWith('Start a Wan Spicy image-to-video task'), theirs, new Set([shingleHash(THEIR_RUN)])),
    ).toEqual([]);
  });

  it('reads evidence notes and example summaries, not example values or schema example lists', () => {
    const ours = specWith('ok', {
      'x-a2e-docs': { disagreements: ['one client says: start a wan spicy image to video task'] },
      responses: {
        '200': {
          content: {
            'application/json': {
              examples: {
                done: {
                  summary: 'start a wan spicy image to video task',
                  value: { title: 'start a wan spicy image to video task' },
                },
              },
            },
          },
        },
      },
      requestBody: {
        content: { 'application/json': { schema: { examples: ['start a wan spicy image to video task'] } } },
      },
    });
    expect(checkProse(ours, theirs).map((p) => p.where)).toEqual([
      '/paths/~1x/post/x-a2e-docs/disagreements/0',
      '/paths/~1x/post/responses/200/content/application~1json/examples/done/summary',
    ]);
  });
});

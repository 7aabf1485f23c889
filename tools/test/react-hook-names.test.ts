import { describe, expect, it } from 'vitest';
import { hookNameOf, singular } from '../src/generators/react-hook-names.ts';

describe('hookNameOf', () => {
  it.each([
    ['getDubbing', 'read', 'useDubbing'],
    ['listDubbings', 'read', 'useDubbingList'],
    ['listProcessingDubbings', 'read', 'useProcessingDubbingList'],
    ['listFaceSwapTaskStatuses', 'read', 'useFaceSwapTaskStatusList'],
    ['listCreditsHistory', 'read', 'useCreditsHistoryList'],
    ['detectAvatarVideoLanguage', 'read', 'useDetectAvatarVideoLanguage'],
    ['startDubbing', 'paid', 'useStartDubbing'],
    ['deleteDubbing', 'write', 'useDeleteDubbing'],
    ['getUploadPresignedUrl', 'paid', 'useGetUploadPresignedUrl'], // a paid "get" is still a mutation
  ] as const)('%s (%s) → %s', (operationId, kind, hook) => {
    expect(hookNameOf(operationId, kind)).toBe(hook);
  });
});

describe('singular', () => {
  it.each([
    ['Voices', 'Voice'],
    ['Statuses', 'Status'],
    ['Entries', 'Entry'],
    ['Boxes', 'Box'],
    ['Images', 'Image'],
    ['History', 'History'],
    ['Status', 'Status'],
  ])('%s → %s', (plural, one) => {
    expect(singular(plural)).toBe(one);
  });
});

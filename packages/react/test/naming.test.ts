import { describe, expect, it } from 'vitest';
import { createsOrDeletes, hookNameOf, isListQuery, singular } from '../scripts/naming.js';

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
  it.each([['Voices', 'Voice'], ['Statuses', 'Status'], ['Entries', 'Entry'], ['Boxes', 'Box'], ['Images', 'Image'], ['History', 'History'], ['Status', 'Status']])('%s → %s', (plural, one) => {
    expect(singular(plural)).toBe(one);
  });
});

describe('invalidation rule', () => {
  it('lists are reads named list…; creates and deletes are writes named start/add/create/upload/clone/delete/remove…', () => {
    expect(isListQuery('listDubbings', 'read')).toBe(true);
    expect(isListQuery('getDubbing', 'read')).toBe(false);
    expect(createsOrDeletes('startDubbing', 'paid')).toBe(true);
    expect(createsOrDeletes('deleteDubbing', 'write')).toBe(true);
    expect(createsOrDeletes('quickAddTextToImageAvatar', 'write')).toBe(true);
    expect(createsOrDeletes('renameKlingVideo', 'write')).toBe(false);
    expect(createsOrDeletes('startedAt', 'write')).toBe(false);
  });
});

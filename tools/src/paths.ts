/** @deprecated Renamed to `locations.ts` (it holds file locations, not URL paths); this re-export goes in the next release. */
export * from './locations.ts';

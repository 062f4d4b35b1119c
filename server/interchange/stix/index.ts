// STIX 2.1 in both directions: a graph view to a bundle (export.ts) and a bundle to a dataset (import.ts), checked by schema.ts.
export { CONFIDENCE_SCALE } from '../../model/vocabulary';
export { stixId } from './common';
export { toStixBundle } from './export';
export { confidenceFromScale, fromStixBundle, importStixBundle } from './import';
export { describeIssue, StixValidationError, type StixIssue } from './schema';
export type { SkippedStixObject, StixBundle, StixImportResult, StixObject } from './types';

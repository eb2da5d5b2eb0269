/**
 * Reading the course from its content folder (Node only): every file parsed, validated against its schema and checked
 * against records-policy, so a broken file stops the build or the service with a message naming the file and field.
 */

export type { LoadOptions } from './load-content.ts';
export { findTrustSettingsFile, formatFieldPath, loadCourse, loadTrustSettings } from './load-content.ts';

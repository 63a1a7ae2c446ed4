import { type ActivityOptions, resolveActivityOptions } from '../activity/activity-options.js';
import { resolvedSection } from './config-fields.js';

const FIELDS = ['instanceId', 'flushIntervalMs', 'retentionDays', 'heartbeatIntervalMs', 'maxBuffered'];

/**
 * Checks `activity` (the activity log, docs/server-config.md) with the same checks `createPayServer` applies: an
 * unknown key or a bad value is refused naming the field.
 */
export function parseActivityConfig(value: unknown, field = 'activity'): ActivityOptions {
  return resolvedSection<ActivityOptions>(value, field, FIELDS, 'activity', resolveActivityOptions);
}

import { type ActivityOptions, resolveActivityOptions } from '../activity/activity-options.js';
import { configError } from './config-error.js';
import { objectAt, rejectUnknown } from './config-fields.js';

const FIELDS = ['instanceId', 'flushIntervalMs', 'retentionDays', 'heartbeatIntervalMs', 'maxBuffered'];

/**
 * Checks `activity` (the activity log, docs/server-config.md "Activity log") with the same checks `createPayServer`
 * applies: an unknown key or a bad value is refused naming the field.
 */
export function parseActivityConfig(value: unknown, field = 'activity'): ActivityOptions {
  if (value === undefined) return {};
  const raw = objectAt(value, field);
  rejectUnknown(raw, field, FIELDS);
  try {
    resolveActivityOptions(raw as ActivityOptions);
  } catch (error) {
    const message = (error as Error).message;
    const named = /activity\.(\w+)/.exec(message)?.[1];
    throw configError(named ? `${field}.${named}` : field, message.replace(/^Invalid activity[^:]*: ?/, ''));
  }
  return raw as ActivityOptions;
}

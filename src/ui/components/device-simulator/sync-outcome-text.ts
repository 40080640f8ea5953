/**
 * What a sync's outcome means, in the words people see: why it failed (by the runtime's FailureReason,
 * never by parsing messages), and durations ("in 30 s") for when it tries again.
 */
import type { FailureReason } from '../../../runtime/index.ts';

export const FAILURE_TITLE: Readonly<Record<FailureReason, string>> = {
  offline: 'offline',
  session: 'session expired',
  apiLimit: 'API limit reached',
  server: 'server error',
  permanent: 'error',
};

export const FAILURE_SENTENCE: Readonly<Record<FailureReason, string>> = {
  offline: 'Offline: the org could not be reached (no network, or the server is down).',
  session: 'Session expired: the org refused the session; sign in again.',
  apiLimit: "API limit reached: the org's API request limit is used up for now.",
  server: 'Server error: the org failed to answer; this is usually temporary.',
  permanent: 'The org refused a request of this plan: trying again will not help until it is fixed.',
};

/** "30 s", "4 min", "2 h 5 min": a delay for people. */
export function delayInWords(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
}

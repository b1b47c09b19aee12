import type { z } from 'zod';

/** Longest raw text kept in a notification or log line. */
const MAX_RAW_CHARS = 500;

/**
 * A venue message as text for a log line: long hex strings (signatures, keys, hashes) redacted,
 * cut to 500 characters. Addresses (40 hex digits) stay: they say whose message it was.
 */
export function redactRaw(data: unknown): string {
  let text: string;
  try {
    text = typeof data === 'string' ? data : (JSON.stringify(data) ?? String(data));
  } catch {
    text = String(data);
  }
  const redacted = text.replace(/0x[0-9a-fA-F]{41,}/g, '0x[redacted]');
  return redacted.length > MAX_RAW_CHARS ? `${redacted.slice(0, MAX_RAW_CHARS)}... (${redacted.length} chars)` : redacted;
}

/** A schema failure in one line: each issue's path and message. */
export function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ');
}

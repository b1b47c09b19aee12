/**
 * Every way a key or token could be written out: as given, hex without `0x`, upper-case hex, the
 * number in decimal (how the signing library quotes an out-of-range key) and base64 of its bytes.
 */
export function secretSpellings(secret: string): string[] {
  const spellings = new Set<string>([secret]);
  const hex = /^(?:0x)?([0-9a-fA-F]{32,})$/.exec(secret)?.[1];
  if (hex !== undefined) {
    spellings.add(hex.toLowerCase());
    spellings.add(hex.toUpperCase());
    spellings.add(BigInt(`0x${hex}`).toString(10));
    if (hex.length % 2 === 0) spellings.add(Buffer.from(hex, 'hex').toString('base64'));
  }
  // Short spellings (a zero key's decimal '0') would redact every digit of a message.
  return [...spellings].filter((spelling) => spelling.length >= 16).sort((a, b) => b.length - a.length);
}

/** `text` with every spelling of every secret replaced by `[redacted]` (hex case-insensitively). */
export function redactSecrets(text: string, secrets: readonly (string | undefined)[]): string {
  let redacted = text;
  for (const secret of secrets) {
    if (secret === undefined || secret === '') continue;
    for (const spelling of secretSpellings(secret)) {
      const escaped = spelling.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      redacted = redacted.replace(new RegExp(escaped, /^[0-9a-fA-F]+$/.test(spelling) ? 'gi' : 'g'), '[redacted]');
    }
  }
  return redacted;
}

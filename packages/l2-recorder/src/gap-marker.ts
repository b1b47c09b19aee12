/**
 * The marker's channel; `HyperliquidParser` in @mm/feeds recognizes the same name (kind 'gap') and
 * the converter turns it into a Gap row.
 */
export const GAP_MARKER_CHANNEL = 'mm.gap';

/** Why the recording has a hole. */
export type GapReason = 'disconnect' | 'stale' | 'restart' | 'crash-restart';

/** A hole in the recording: nothing was received between `fromNs` and `toNs` (local ns, text). */
export interface RecordedGap {
  reason: GapReason;
  fromNs: string;
  toNs: string;
}

/**
 * The marker frame `{"channel":"mm.gap","data":{"reason","fromNs","toNs"}}`: the converter turns it
 * into a Gap row, the Hyperliquid parser's other users skip it.
 */
export function gapMarkerFrame(gap: RecordedGap): string {
  return JSON.stringify({ channel: GAP_MARKER_CHANNEL, data: { reason: gap.reason, fromNs: gap.fromNs, toNs: gap.toNs } });
}

import type { EventColumns } from './event-row.js';

/** Growable columns: the converter's in-memory table before sorting and writing. */
export class EventBuffer implements EventColumns {
  length = 0;
  flags = new Uint8Array(1024);
  exchTimeUs = new Float64Array(1024);
  localTimeUs = new Float64Array(1024);
  priceTicks = new Float64Array(1024);
  sizeLots = new Float64Array(1024);

  push(flags: number, exchTimeUs: number, localTimeUs: number, priceTicks: number, sizeLots: number): void {
    if (this.length === this.flags.length) this.grow();
    const index = this.length++;
    this.flags[index] = flags;
    this.exchTimeUs[index] = exchTimeUs;
    this.localTimeUs[index] = localTimeUs;
    this.priceTicks[index] = priceTicks;
    this.sizeLots[index] = sizeLots;
  }

  private grow(): void {
    const capacity = this.flags.length * 2;
    const flags = new Uint8Array(capacity);
    flags.set(this.flags);
    this.flags = flags;
    this.exchTimeUs = grown(this.exchTimeUs, capacity);
    this.localTimeUs = grown(this.localTimeUs, capacity);
    this.priceTicks = grown(this.priceTicks, capacity);
    this.sizeLots = grown(this.sizeLots, capacity);
  }
}

function grown(array: Float64Array, capacity: number): Float64Array<ArrayBuffer> {
  const next = new Float64Array(capacity);
  next.set(array);
  return next;
}

/**
 * Append-only typed arrays. A million-entity index built from plain JS
 * arrays of numbers costs several times the memory and stalls the garbage
 * collector; these double in place and hand back a trimmed view.
 */
export class Int32List {
  private data: Int32Array;
  length = 0;

  constructor(capacity = 1024) {
    this.data = new Int32Array(capacity);
  }

  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Int32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }

  get(i: number): number {
    return this.data[i]!;
  }

  set(i: number, v: number): void {
    this.data[i] = v;
  }

  /** A right-sized copy; the builder's buffer can then be dropped. */
  toArray(): Int32Array {
    return this.data.slice(0, this.length);
  }
}

export class Uint8List {
  private data: Uint8Array;
  length = 0;

  constructor(capacity = 1024) {
    this.data = new Uint8Array(capacity);
  }

  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Uint8Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }

  set(i: number, v: number): void {
    this.data[i] = v;
  }

  toArray(): Uint8Array {
    return this.data.slice(0, this.length);
  }
}

/**
 * Groups `values` by `groups` into compressed rows (CSR): `start[g]` to
 * `start[g + 1]` index the values of group g. A counting sort, so values keep
 * their insertion order within a group; postings come out sorted by name id
 * because names are added in id order.
 */
export function toCsr(groups: Int32List, values: Int32List, groupCount: number): { start: Int32Array; values: Int32Array } {
  const start = new Int32Array(groupCount + 1);
  for (let i = 0; i < groups.length; i++) start[groups.get(i) + 1]!++;
  for (let g = 0; g < groupCount; g++) start[g + 1]! += start[g]!;
  const cursor = start.slice(0, groupCount);
  const out = new Int32Array(groups.length);
  for (let i = 0; i < groups.length; i++) {
    const g = groups.get(i);
    out[cursor[g]!++] = values.get(i);
  }
  return { start, values: out };
}

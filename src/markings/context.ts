/**
 * Reading the caller's context. Callers often build a context per call by spreading one and
 * adding a field (`{ ...ctx, explain: false }`, the face's `{ ...ctx, today }`); V8 then gives
 * every such object a map of its own, and each named property read on it misses every inline
 * cache (150 ns or more a read, most of a marking's budget). Enumerating a plain object's keys
 * costs the same whatever its map. Other objects (class instances, getters on a prototype) are
 * read property by property.
 */
import type { IdentifyContext } from './types.js';
import { yearOf } from './calendar.js';

/**
 * The context's fields, copied into one object the engine owns and reuses (every field is reset
 * on each read), so that later reads hit one stable shape.
 */
export class ContextReader {
  private readonly fields: IdentifyContext = {};

  read(context: IdentifyContext): IdentifyContext {
    const proto: unknown = Object.getPrototypeOf(context);
    if (proto !== Object.prototype && proto !== null) return context;
    const cx = this.fields;
    cx.explain = cx.today = cx.recoveryDate = cx.recoveredOn = cx.maker = cx.introducedYear = cx.dprk = undefined;
    const c = context as Record<string, unknown>;
    // `for…in` with keyed reads (`c[k]`): V8 reads by the enumeration's own index; a named read
    // here would miss the caches again.
    for (const k in c) {
      switch (k) {
        case 'explain': cx.explain = c[k] as boolean | undefined; break;
        case 'today': cx.today = c[k] as string | undefined; break;
        case 'recoveryDate': cx.recoveryDate = c[k] as string | undefined; break;
        case 'recoveredOn': cx.recoveredOn = c[k] as string | undefined; break;
        case 'maker': cx.maker = c[k] as string | undefined; break;
        case 'introducedYear': cx.introducedYear = c[k] as number | undefined; break;
        case 'dprk': cx.dprk = c[k] as boolean | undefined; break;
      }
    }
    return cx;
  }
}

/** Day number → year, remembering the last one: callers pass the same "today" over and over. */
export class YearOfDay {
  private day = NaN;
  private year = 0;
  of(day: number): number {
    if (day !== this.day) { this.year = yearOf(day); this.day = day; }
    return this.year;
  }
}

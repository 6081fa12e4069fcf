/**
 * Builds the screening index from listed entities: every name normalised
 * once into integer word ids, postings from words, adjacent-word joins,
 * phonetic and consonant keys to names, word rarities, and the
 * one-edit-away spelling index. Everything goes into growable typed arrays so
 * a million entities fit in a few hundred megabytes and build in seconds.
 * Pure: the caller feeds entities (from PostgreSQL, a file, a generator).
 */
import { DeletionIndex } from './deletion-index.js';
import { Int32List, Uint8List, toCsr } from './growable.js';
import { nameVariants, normaliseIdentifier, normaliseTokens } from './normalise.js';
import { ARABIC_SCRIPT, arabicOrigin, consonantKey } from './arabic.js';
import { skeletonKey } from './romanisation.js';
import { schemaKind } from './types.js';
import { KINDS, MAX_NAME_TOKENS, SCHEMA_KINDS, birthDates, type IndexData } from './index-data.js';
import type { IndexEntityInput } from './match-types.js';

/** Adjacent tokens are also indexed joined, up to this length. */
const MAX_JOIN = 14;

export class IndexDataBuilder {
  private readonly termIds = new Map<string, number>();
  private readonly terms: string[] = [];
  private readonly isToken = new Uint8List();
  private readonly termKey = new Int32List();
  private readonly keyIds = new Map<string, number>();
  private readonly keys: string[] = [];

  private readonly nameTokStart = new Int32List();
  private readonly nameTok = new Int32List();
  private readonly nameEntity = new Int32List();
  private readonly nameKind = new Uint8List();
  private readonly nameValue: string[] = [];
  /** Names written in Arabic script (compared on consonants). */
  private readonly consonantalNames = new Set<number>();

  private readonly postTerm = new Int32List(1 << 16);
  private readonly postName = new Int32List(1 << 16);
  private readonly postKey = new Int32List(1 << 16);
  private readonly postKeyName = new Int32List(1 << 16);

  private readonly entityKey = new Int32List();
  private readonly entityList = new Int32List();
  private readonly entitySchemaKind = new Uint8List();
  private readonly entitySchema: string[] = [];
  private readonly entityRef: string[] = [];
  private readonly entityNameStart = new Int32List();
  private readonly entityCountryStart = new Int32List();
  private readonly entityCountry = new Int32List();
  private readonly countryIds = new Map<string, number>();
  private readonly countries: string[] = [];
  private readonly identifierEntities = new Map<string, number[]>();
  private readonly entityIdentifiers = new Map<number, string[]>();
  private readonly entityBirthDates = new Map<number, string[]>();

  constructor() {
    this.nameTokStart.push(0);
    this.entityNameStart.push(0);
    this.entityCountryStart.push(0);
  }

  /**
   * Id of a word (or a join of two). Real tokens get a phonetic key the
   * first time they are seen; a join ("jongun") that later turns up as a
   * real token is upgraded then.
   */
  private term(t: string, token: boolean): number {
    let id = this.termIds.get(t);
    if (id === undefined) {
      id = this.terms.length;
      this.termIds.set(t, id);
      this.terms.push(t);
      this.isToken.push(token ? 1 : 0);
      // Joins get keys too (computed once here, not per occurrence), so
      // "Chonmyong" finds "Chon Myong" whatever the romanisation of either.
      this.termKey.push(this.key(skeletonKey(t)));
    } else if (token) {
      this.isToken.set(id, 1);
    }
    return id;
  }

  private key(k: string): number {
    let id = this.keyIds.get(k);
    if (id === undefined) {
      id = this.keys.length;
      this.keyIds.set(k, id);
      this.keys.push(k);
    }
    return id;
  }

  get entityCount(): number {
    return this.entityKey.length;
  }

  add(e: IndexEntityInput): void {
    const entity = this.entityKey.length;
    this.entityKey.push(e.key);
    this.entityList.push(e.listId);
    this.entitySchema.push(e.schema);
    this.entitySchemaKind.push(SCHEMA_KINDS.indexOf(schemaKind(e.schema)));
    this.entityRef.push(e.reference);

    const firstName = this.nameEntity.length;
    const ids: number[] = [];
    const posted: number[] = [];
    const joins: number[] = [];
    for (const listed of e.names) {
      const variants = nameVariants(listed.value);
      for (let v = 0; v < variants.length; v++) {
        const value = variants[v]!.trim();
        if (!value) continue;
        const tokens = normaliseTokens(value);
        if (tokens.length === 0) continue;
        const count = Math.min(tokens.length, MAX_NAME_TOKENS);
        ids.length = 0;
        for (let i = 0; i < count; i++) ids.push(this.term(tokens[i]!, true));
        if (this.duplicateName(firstName, ids)) continue;

        const name = this.nameEntity.length;
        if (ARABIC_SCRIPT.test(value) || arabicOrigin(tokens)) this.consonantalNames.add(name);
        this.nameEntity.push(entity);
        this.nameKind.push(KINDS.indexOf(v === 0 ? listed.kind : 'alias'));
        this.nameValue.push(value);
        posted.length = 0;
        joins.length = 0;
        for (let i = 0; i < count; i++) {
          const t = ids[i]!;
          this.nameTok.push(t);
          if (!posted.includes(t)) posted.push(t);
          if (i + 1 < count && tokens[i]!.length + tokens[i + 1]!.length <= MAX_JOIN) {
            const j = this.term(tokens[i]! + tokens[i + 1]!, false);
            joins.push(j);
            if (!posted.includes(j)) posted.push(j);
          }
        }
        this.nameTokStart.push(this.nameTok.length);
        for (const t of posted) {
          this.postTerm.push(t);
          this.postName.push(name);
        }
        posted.length = 0;
        for (let i = 0; i < count; i++) {
          const k = this.termKey.get(ids[i]!);
          if (this.keys[k]!.length >= 2 && !posted.includes(k)) posted.push(k);
        }
        for (const j of joins) {
          const k = this.termKey.get(j);
          if (!posted.includes(k)) posted.push(k);
        }
        // Consonant keys ("#mhmd"), so a name in Arabic script finds its
        // romanisations; three consonants or more, fewer find too much.
        for (let i = 0; i < count; i++) {
          const c = consonantKey(tokens[i]!);
          if (c.length < 3) continue;
          const k = this.key(`#${c}`);
          if (!posted.includes(k)) posted.push(k);
        }
        for (const k of posted) {
          this.postKey.push(k);
          this.postKeyName.push(name);
        }
      }
    }
    this.entityNameStart.push(this.nameEntity.length);

    for (const c of new Set(e.countries)) {
      let id = this.countryIds.get(c);
      if (id === undefined) {
        id = this.countries.length;
        this.countryIds.set(c, id);
        this.countries.push(c);
      }
      this.entityCountry.push(id);
    }
    this.entityCountryStart.push(this.entityCountry.length);

    // Few entities give birth dates: a map, not an array slot per entity.
    const births = birthDates(e.birthDates);
    if (births.length) this.entityBirthDates.set(entity, births);

    const identifiers = [...new Set(e.identifiers.map(normaliseIdentifier).filter((x) => x.length >= 4))];
    if (identifiers.length) {
      this.entityIdentifiers.set(entity, identifiers);
      for (const id of identifiers) {
        const list = this.identifierEntities.get(id);
        if (list) list.push(entity);
        else this.identifierEntities.set(id, [entity]);
      }
    }
  }

  /** Same words as a name already added for this entity (in any order)? */
  private duplicateName(firstName: number, ids: readonly number[]): boolean {
    for (let n = firstName; n < this.nameEntity.length; n++) {
      const from = this.nameTokStart.get(n);
      const to = this.nameTokStart.get(n + 1);
      if (to - from !== ids.length) continue;
      let same = true;
      for (let i = from; i < to && same; i++) same = ids.includes(this.nameTok.get(i));
      if (same) return true;
    }
    return false;
  }

  build(): IndexData {
    const termCount = this.terms.length;
    const nameCount = this.nameEntity.length;
    const termPost = toCsr(this.postTerm, this.postName, termCount);
    const keyPost = toCsr(this.postKey, this.postKeyName, this.keys.length);
    const isToken = this.isToken.toArray();

    const termKey = this.termKey.toArray();
    const idf = new Float32Array(termCount);
    for (let t = 0; t < termCount; t++) {
      const df = termPost.start[t + 1]! - termPost.start[t]!;
      idf[t] = Math.log(1 + nameCount / Math.max(1, df));
    }
    const nameTokStart = this.nameTokStart.toArray();
    const nameTok = this.nameTok.toArray();
    const nameInvNorm = new Float32Array(nameCount);
    for (let n = 0; n < nameCount; n++) {
      let s = 0;
      for (let i = nameTokStart[n]!; i < nameTokStart[n + 1]!; i++) s += idf[nameTok[i]!]!;
      nameInvNorm[n] = 1 / Math.sqrt(s + 1);
    }
    const fuzzy = DeletionIndex.build(this.terms, (w, id) => isToken[id] === 1 && w.length >= 5 && !/[0-9]/.test(w));

    return {
      terms: this.terms,
      termIds: this.termIds,
      termKey,
      idf,
      keys: this.keys,
      keyIds: this.keyIds,
      termPostStart: termPost.start,
      termPost: termPost.values,
      keyPostStart: keyPost.start,
      keyPost: keyPost.values,
      nameTokStart,
      nameTok,
      nameEntity: this.nameEntity.toArray(),
      nameKind: this.nameKind.toArray(),
      nameValue: this.nameValue,
      consonantalNames: this.consonantalNames,
      nameInvNorm,
      entityKey: this.entityKey.toArray(),
      entityList: this.entityList.toArray(),
      entitySchema: this.entitySchema,
      entitySchemaKind: this.entitySchemaKind.toArray(),
      entityRef: this.entityRef,
      entityNameStart: this.entityNameStart.toArray(),
      entityCountryStart: this.entityCountryStart.toArray(),
      entityCountry: this.entityCountry.toArray(),
      countries: this.countries,
      identifierEntities: this.identifierEntities,
      entityIdentifiers: this.entityIdentifiers,
      entityBirthDates: this.entityBirthDates,
      fuzzy,
    };
  }
}

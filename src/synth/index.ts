/**
 * Synthetic data: a deterministic generator of realistic evidence (makers and markings of every
 * date-code convention, incidents over time and space, items, components, sources and claims) and
 * its COPY loader. Every synthetic record has `illustrative = true` and an `external_id` starting
 * with `synth:<seed>:`.
 */
export { plan, component, components, organisation, source, claim, incident, item, itemOfComponent, externalId, recordId, SYNTH_PREFIX, WEAPONS, UKRAINE_BBOX } from './generate.js';
export type { SynthOptions, SynthPlan, SynthRecord, ComponentTruth } from './generate.js';
export { loadSynthetic, analyseSynthetic, synthCounts, TABLES, type LoadOptions, type LoadProgress, type LoadResult } from './loader.js';
export { DATE_RULES, MAKERS, KINDS, type DateRule, type SynthMaker, type Part } from './makers.js';
export { printMarking, printDate, type SynthMarking } from './markings.js';
export { Rng, rngFor, synthUuid, hash32, hashString } from './prng.js';

import { geoDistance } from 'd3-geo';
import { toDayNumber } from '../calendar/index.js';
import type { CaptureZoneSource } from './capture-time.js';

/**
 * Whether a photo's metadata fits the incident it documents: the one home of these rules, used by
 * the API (the web app shows the warnings the API returns). Pure: facts in, warnings out.
 *
 * Warnings, not verdicts: a photo of debris taken in a storage yard far from the strike, or
 * straightened in an editor, is still evidence; the investigator should know and say so.
 */

export type PhotoWarningCode = 'taken-after-upload' | 'taken-before-incident' | 'gps-far-from-incident' | 'edited-with-software';

export interface PhotoWarning {
  code: PhotoWarningCode;
  message: string;
  /** For gps-far-from-incident: the great-circle distance in km, rounded. */
  distanceKm?: number;
  /** For edited-with-software: the Software tag as written. */
  software?: string;
  /** For gps-far-from-incident: the distance beyond which a photo is far, for the place's precision. */
  limitKm?: number;
  /** For the time warnings: the capture time as the camera wrote it, and whether its zone is known. */
  capturedLocal?: string;
  zoneKnown?: boolean;
  /** For taken-before-incident: the incident's first day. */
  incidentDate?: string;
}

export interface PhotoFacts {
  capture: { local: string; zoneSource: CaptureZoneSource; instant: string | null } | null;
  gps: { lat: number; lon: number } | null;
  software: string | null;
  /** When the file was uploaded (ISO instant). */
  uploadedAt: string;
  /** The incident the photo documents (directly, through its item, or its component's item). */
  incident: {
    title: string;
    occurredFrom: string;
    lat: number | null;
    lon: number | null;
    locationPrecision: 'exact' | 'vicinity' | 'locality' | 'region' | null;
  } | null;
}

/** Earth's mean radius (IUGG), km: d3-geo gives distances in radians. */
const EARTH_KM = 6371.0088;

/** A wall clock without a zone was read somewhere between UTC−12 and UTC+14. */
const ZONE_SPREAD_MS = 14 * 3_600_000;
/** Clocks of phones and servers disagree by minutes. */
const CLOCK_SLACK_MS = 10 * 60_000;

/**
 * How far a photo may be from the incident's recorded place before it is worth a warning, by how
 * precisely that place is known: a crater photographed on the spot is within metres of an "exact"
 * place; a "region" is a whole oblast.
 */
export const FAR_KM: Record<NonNullable<NonNullable<PhotoFacts['incident']>['locationPrecision']>, number> = {
  exact: 10,
  vicinity: 25,
  locality: 50,
  region: 200,
};

/**
 * Software that edits pictures (as it writes itself into EXIF Software). Cameras and phones write
 * their firmware there ("HDR+ 1.0", "17.4.1", "G998BXXU"), which is not editing.
 */
const EDITORS = /photoshop|lightroom|gimp|affinity|pixelmator|paint\.net|snapseed|picsart|canva|facetune|luminar|capture one|darktable|rawtherapee|photopea|fotor|befunky|vsco|meitu|polarr|acdsee|corel|paintshop|photodirector|inkscape|krita|imagemagick|graphicsmagick/i;

export function isEditingSoftware(software: string | null | undefined): boolean {
  return !!software && EDITORS.test(software);
}

export function distanceKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  return geoDistance([a.lon, a.lat], [b.lon, b.lat]) * EARTH_KM;
}

const wallClockMs = (local: string) => Date.parse(`${local}Z`);
const startOfDayMs = (iso: string) => toDayNumber(iso) * 86_400_000;

export function photoWarnings(f: PhotoFacts): PhotoWarning[] {
  const out: PhotoWarning[] = [];
  const uploaded = Date.parse(f.uploadedAt);
  if (f.capture) {
    // With a known zone the instant is compared; without one, the wall clock could be up to 14 hours
    // either side of it, so only a difference beyond that is sure.
    const known = f.capture.instant !== null;
    const taken = known ? Date.parse(f.capture.instant!) : wallClockMs(f.capture.local);
    const spread = known ? 0 : ZONE_SPREAD_MS;
    if (taken - spread > uploaded + CLOCK_SLACK_MS) {
      out.push({ code: 'taken-after-upload', capturedLocal: f.capture.local, zoneKnown: known, message: `the EXIF capture time (${f.capture.local.replace('T', ' ')}${known ? '' : ', local camera time'}) is after the upload: the camera clock is wrong or the metadata was changed` });
    }
    if (f.incident) {
      // The incident's first day is a calendar day where it happened (zone unknown here too).
      const from = startOfDayMs(f.incident.occurredFrom);
      const before = known ? taken < from - ZONE_SPREAD_MS : taken < from;
      if (before) {
        out.push({ code: 'taken-before-incident', capturedLocal: f.capture.local, zoneKnown: known, incidentDate: f.incident.occurredFrom, message: `the EXIF capture time (${f.capture.local.replace('T', ' ')}) is before the incident (${f.incident.occurredFrom}): the camera clock is wrong, or the photo shows something else` });
      }
    }
  }
  if (f.gps && f.incident && f.incident.lat !== null && f.incident.lon !== null) {
    const km = distanceKm(f.gps, { lat: f.incident.lat, lon: f.incident.lon });
    const limit = FAR_KM[f.incident.locationPrecision ?? 'region'];
    if (km > limit) {
      const rounded = Math.round(km);
      out.push({ code: 'gps-far-from-incident', distanceKm: rounded, limitKm: limit, message: `the photo's GPS position is ${rounded} km from the incident's location (more than ${limit} km for a place known to the ${f.incident.locationPrecision ?? 'region'}): taken elsewhere, or the debris was moved` });
    }
  }
  if (f.software && isEditingSoftware(f.software)) {
    out.push({ code: 'edited-with-software', software: f.software, message: `the metadata says it was last saved by editing software (${f.software}): the picture may have been changed; ask for the camera original` });
  }
  return out;
}

/**
 * The OCR context's face: a component marking read from a box drawn on its photo (tesseract.js
 * with the English model from node_modules, never downloaded), the gate that says whether the
 * reading is offered, and near misses against catalogued part numbers.
 */
export { readMarking, checkBox, OcrNotAvailable, type MarkingReading, type ReadOptions } from './read.js';
export { nearMisses, correctedText, lookAlikeKey, MAX_NEAR_MISSES, type NearMiss } from './near-miss.js';
export { ACCEPT_AT, SECOND_PASS_BELOW, PLEASE_TYPE, accepted, readingConfidence } from './gate.js';
export { recognise, stopOcr, ocrStarted, languagePath, MARKING_CHARACTERS, OcrUnavailable, type Recognition, type RecognisedLine, type EngineOptions } from './engine.js';
export { firstPassImage, cleanedImage, imageInfo, type Box } from './prepare.js';

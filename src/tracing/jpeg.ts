/**
 * Photos embedded in letters lose their metadata first: PDFKit copies a JPEG's bytes into the PDF
 * unchanged, and a letter to a company must carry neither the GPS position where debris was
 * photographed nor the camera owner's name. The stripping is the evidence context's, shared with
 * the public downloads; the orientation it returns keeps the photo upright in the PDF.
 */
export { stripJpegMetadata, type StrippedJpeg } from '../evidence/index.js';

// The mini build of exifr (JPEG/TIFF, EXIF and GPS only) has the full build's API; it ships no types of its own.
declare module 'exifr/dist/mini.esm.mjs' {
  import exifr from 'exifr';
  export default exifr;
}

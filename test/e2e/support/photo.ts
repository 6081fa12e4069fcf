/**
 * Adds an EXIF block (capture time) to a JPEG, so the tests can check that the time is read in the
 * browser before upload and by the server after it. Hand-built: one IFD0 entry pointing to an EXIF
 * IFD holding DateTimeOriginal, big-endian TIFF.
 */
export function withExifDate(jpeg: Buffer, taken: string /* 'YYYY:MM:DD HH:MM:SS' */): Buffer {
  if (jpeg[0] !== 0xff || jpeg[1] !== 0xd8) throw new Error('not a JPEG');
  const tiff = Buffer.alloc(64);
  tiff.write('MM', 0, 'ascii');
  tiff.writeUInt16BE(42, 2);
  tiff.writeUInt32BE(8, 4); // IFD0 at 8
  tiff.writeUInt16BE(1, 8); // one entry
  tiff.writeUInt16BE(0x8769, 10); // ExifIFDPointer
  tiff.writeUInt16BE(4, 12); // LONG
  tiff.writeUInt32BE(1, 14);
  tiff.writeUInt32BE(26, 18); // EXIF IFD at 26
  tiff.writeUInt32BE(0, 22); // no next IFD
  tiff.writeUInt16BE(1, 26);
  tiff.writeUInt16BE(0x9003, 28); // DateTimeOriginal
  tiff.writeUInt16BE(2, 30); // ASCII
  tiff.writeUInt32BE(20, 32);
  tiff.writeUInt32BE(44, 36); // the string at 44
  tiff.writeUInt32BE(0, 40);
  tiff.write(`${taken}\0`, 44, 'ascii');
  const payload = Buffer.concat([Buffer.from('Exif\0\0', 'binary'), tiff]);
  const header = Buffer.alloc(4);
  header.writeUInt16BE(0xffe1, 0);
  header.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([jpeg.subarray(0, 2), header, payload, jpeg.subarray(2)]);
}

import {
  MAX_LOGO_DOTS_HIGH,
  MAX_LOGO_DOTS_WIDE,
  MAX_LOGO_SOURCE_PIXELS,
  logoUploadProblem,
  sniffImage,
  type ReceiptLogo,
} from '@comanda/core';
import { fitLogo, logoFromRgba, type RgbaImage } from '@comanda/printing/layout';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';

/** An uploaded logo that cannot be printed; the message is for the owner. */
export class LogoUploadError extends Error {
  override name = 'LogoUploadError';
}

/**
 * Turns an uploaded PNG or JPEG into the 1-bit raster tills print: the type and size are read
 * from the bytes first (core's `logoUploadProblem`, also asked by the back office), then the file
 * is decoded, shrunk to the printable box and thresholded. Only the raster is kept: it is what
 * every till prints, and it replicates with the branch document in a few KB.
 * @throws {LogoUploadError} when the file is too big, not a PNG/JPEG, too many pixels or corrupt
 */
export function rasteriseLogo(bytes: Uint8Array): ReceiptLogo {
  const problem = logoUploadProblem(bytes);
  if (problem) throw new LogoUploadError(problem);
  const sniffed = sniffImage(bytes)!;
  let image: RgbaImage;
  try {
    image = decode(sniffed.type, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  } catch {
    throw new LogoUploadError(
      `The logo could not be read as a ${sniffed.type === 'image/png' ? 'PNG' : 'JPEG'} image; export it again and upload the new file`,
    );
  }
  // The decoder's size, not the header's, is what the pixels hold.
  if (image.width !== sniffed.width || image.height !== sniffed.height) {
    throw new LogoUploadError('The logo file is damaged: its header and its pixels disagree');
  }
  return logoFromRgba(fitLogo(image, MAX_LOGO_DOTS_WIDE, MAX_LOGO_DOTS_HIGH));
}

function decode(type: 'image/png' | 'image/jpeg', buffer: Buffer): RgbaImage {
  if (type === 'image/png') {
    const png = PNG.sync.read(buffer);
    return { width: png.width, height: png.height, data: png.data };
  }
  const maxResolutionInMP = (MAX_LOGO_SOURCE_PIXELS * MAX_LOGO_SOURCE_PIXELS) / 1_000_000;
  return jpeg.decode(buffer, {
    useTArray: true,
    formatAsRGBA: true,
    maxResolutionInMP,
    maxMemoryUsageInMB: 128,
  });
}

import type { LogoBlock } from './model';

/** Something with RGBA pixels, like a canvas `ImageData`. */
export interface RgbaImage {
  width: number;
  height: number;
  data: ArrayLike<number>;
}

/** A logo that cannot be used (wrong size or data length). */
export class LogoError extends Error {
  override name = 'LogoError';
}

/**
 * Turns RGBA pixels (e.g. `getImageData` of `resources/logo.png` drawn on a canvas) into a logo
 * block: dark, opaque pixels become black dots. Width is padded to a multiple of 8 with white.
 * @throws {LogoError} when the image is empty, wider than 576 dots or its data is short
 */
export function logoFromRgba(image: RgbaImage, threshold = 128): LogoBlock {
  const { width, height, data } = image;
  if (width < 1 || height < 1 || width > 576) throw new LogoError(`a logo must be 1 to 576 dots wide, got ${width}x${height}`);
  if (data.length < width * height * 4) throw new LogoError(`logo data has ${data.length} bytes, expected ${width * height * 4}`);
  const rowBytes = Math.ceil(width / 8);
  const bits = new Uint8Array(rowBytes * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      const alpha = data[i + 3] ?? 255;
      // Transparent counts as paper: blend towards white before thresholding.
      const lum = ((data[i] ?? 255) * 299 + (data[i + 1] ?? 255) * 587 + (data[i + 2] ?? 255) * 114) / 1000;
      const onWhite = (lum * alpha + 255 * (255 - alpha)) / 255;
      if (onWhite < threshold) bits[y * rowBytes + (x >> 3)]! |= 0x80 >> (x & 7);
    }
  }
  return { kind: 'image', width: rowBytes * 8, height, bitmap: toBase64(bits) };
}

/** Unpacks a logo to RGBA (black/white), as the encoder and a preview canvas take it. */
export function logoToRgba(logo: LogoBlock): { width: number; height: number; data: Uint8ClampedArray } {
  const bits = fromBase64(logo.bitmap);
  const rowBytes = logo.width / 8;
  const data = new Uint8ClampedArray(logo.width * logo.height * 4);
  for (let y = 0; y < logo.height; y++) {
    for (let x = 0; x < logo.width; x++) {
      const black = ((bits[y * rowBytes + (x >> 3)] ?? 0) & (0x80 >> (x & 7))) !== 0;
      const i = (y * logo.width + x) * 4;
      data[i] = data[i + 1] = data[i + 2] = black ? 0 : 255;
      data[i + 3] = 255;
    }
  }
  return { width: logo.width, height: logo.height, data };
}

function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

function fromBase64(text: string): Uint8Array {
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
}

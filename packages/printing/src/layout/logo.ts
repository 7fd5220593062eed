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

/**
 * Shrinks a picture to fit `maxWidth` × `maxHeight` keeping its aspect ratio (each output pixel
 * averages the source pixels it covers, so thin strokes turn grey rather than vanish); a picture
 * that already fits is returned as it is. Alpha is averaged too, so transparency survives.
 */
export function fitLogo(image: RgbaImage, maxWidth: number, maxHeight: number): RgbaImage {
  const { width, height, data } = image;
  const scale = Math.min(1, maxWidth / width, maxHeight / height);
  if (scale === 1) return image;
  const w = Math.max(1, Math.floor(width * scale));
  const h = Math.max(1, Math.floor(height * scale));
  const out = new Uint8ClampedArray(w * h * 4);
  for (let y = 0; y < h; y++) {
    const y0 = Math.floor((y * height) / h);
    const y1 = Math.max(y0 + 1, Math.floor(((y + 1) * height) / h));
    for (let x = 0; x < w; x++) {
      const x0 = Math.floor((x * width) / w);
      const x1 = Math.max(x0 + 1, Math.floor(((x + 1) * width) / w));
      const sum = [0, 0, 0, 0];
      for (let sy = y0; sy < y1; sy++) {
        for (let sx = x0; sx < x1; sx++) {
          const i = (sy * width + sx) * 4;
          for (let c = 0; c < 4; c++) sum[c]! += data[i + c] ?? 255;
        }
      }
      const n = (y1 - y0) * (x1 - x0);
      for (let c = 0; c < 4; c++) out[(y * w + x) * 4 + c] = Math.round(sum[c]! / n);
    }
  }
  return { width: w, height: h, data: out };
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

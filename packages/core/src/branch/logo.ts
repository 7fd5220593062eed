import { z } from 'zod';
import { base64Decode, base64Encode } from '../common/bytes';

/** Largest logo file an owner may upload (PNG or JPEG bytes, before base64). */
export const MAX_LOGO_UPLOAD_BYTES = 256 * 1024;
/** Largest width or height, in pixels, of an uploaded logo (bounds the decoder's memory). */
export const MAX_LOGO_SOURCE_PIXELS = 4096;
/**
 * Widest printed logo in dots: 384 fits 58 mm paper (384 dots) and 80 mm paper (576 dots), so one
 * raster prints on every receipt printer of a branch without being cut.
 */
export const MAX_LOGO_DOTS_WIDE = 384;
/** Tallest printed logo in dots (24 mm at 203 dpi): a header, not a poster. */
export const MAX_LOGO_DOTS_HIGH = 192;
/** Longest receipt QR content (an e-receipt or review link); `{order}` is replaced by the order id. */
export const MAX_RECEIPT_QR_LENGTH = 300;

/** What an uploaded file is, read from its bytes, never from its name or declared type. */
export interface SniffedImage {
  type: 'image/png' | 'image/jpeg';
  width: number;
  height: number;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/**
 * Reads the type and pixel size of a PNG or JPEG from its header bytes (no decoding).
 * @returns null when the bytes are neither a PNG with an IHDR chunk nor a JPEG with a frame header
 */
export function sniffImage(bytes: Uint8Array): SniffedImage | null {
  if (PNG_SIGNATURE.every((b, i) => bytes[i] === b)) {
    // The first chunk of every PNG is IHDR: length (4), "IHDR" (4), width (4), height (4).
    if (bytes.length < 24 || String.fromCharCode(...bytes.subarray(12, 16)) !== 'IHDR') return null;
    return { type: 'image/png', width: u32(bytes, 16), height: u32(bytes, 20) };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xd8) return jpegSize(bytes);
  return null;
}

/** Walks JPEG segments to the first start-of-frame marker, which holds the size. */
function jpegSize(bytes: Uint8Array): SniffedImage | null {
  let i = 2;
  while (i + 4 <= bytes.length) {
    if (bytes[i] !== 0xff) return null;
    const marker = bytes[i + 1] ?? 0;
    if (marker === 0xff) {
      i += 1; // fill byte
      continue;
    }
    // Markers without a length: RSTn, SOI, TEM.
    if ((marker >= 0xd0 && marker <= 0xd8) || marker === 0x01) {
      i += 2;
      continue;
    }
    if (marker === 0xd9 || marker === 0xda) return null; // end of image or scan before any frame
    const length = u16(bytes, i + 2);
    if (length < 2) return null;
    // SOF0…SOF15 except DHT (C4), JPG (C8) and DAC (CC): precision (1), height (2), width (2).
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      if (i + 9 > bytes.length) return null;
      return { type: 'image/jpeg', height: u16(bytes, i + 5), width: u16(bytes, i + 7) };
    }
    i += 2 + length;
  }
  return null;
}

function u16(b: Uint8Array, at: number): number {
  return ((b[at] ?? 0) << 8) | (b[at + 1] ?? 0);
}

function u32(b: Uint8Array, at: number): number {
  return (
    (((b[at] ?? 0) << 24) >>> 0) +
    (((b[at + 1] ?? 0) << 16) | ((b[at + 2] ?? 0) << 8) | (b[at + 3] ?? 0))
  );
}

/**
 * Why an uploaded logo cannot be used, as a sentence for the owner; null when it can.
 * The server decides with this; the back office asks it first to answer before uploading.
 */
export function logoUploadProblem(bytes: Uint8Array): string | null {
  if (bytes.length === 0) return 'The logo file is empty';
  if (bytes.length > MAX_LOGO_UPLOAD_BYTES) {
    return `The logo is ${Math.ceil(bytes.length / 1024)} KB; upload a file of at most ${MAX_LOGO_UPLOAD_BYTES / 1024} KB`;
  }
  const image = sniffImage(bytes);
  if (!image) return 'The logo must be a PNG or JPEG image';
  if (image.width < 1 || image.height < 1) return 'The logo has no pixels';
  if (image.width > MAX_LOGO_SOURCE_PIXELS || image.height > MAX_LOGO_SOURCE_PIXELS) {
    return `The logo is ${image.width}×${image.height} pixels; at most ${MAX_LOGO_SOURCE_PIXELS}×${MAX_LOGO_SOURCE_PIXELS} is accepted`;
  }
  return null;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * A branch's receipt logo as tills print it: 1 bit per dot, rows of `width / 8` bytes (most
 * significant bit = leftmost dot, 1 = black), base64. The server makes it from the uploaded file;
 * it replicates with the branch document, so a till prints it offline.
 */
export const receiptLogoSchema = z
  .strictObject({
    kind: z.literal('image'),
    width: z.number().int().min(8).max(MAX_LOGO_DOTS_WIDE).multipleOf(8),
    height: z.number().int().min(1).max(MAX_LOGO_DOTS_HIGH),
    bitmap: z
      .string()
      .max(Math.ceil(((MAX_LOGO_DOTS_WIDE / 8) * MAX_LOGO_DOTS_HIGH) / 3) * 4)
      .regex(BASE64, 'the logo bitmap must be base64'),
  })
  .refine((l) => base64ByteLength(l.bitmap) === (l.width / 8) * l.height, {
    message: 'the logo bitmap must hold width / 8 × height bytes',
    path: ['bitmap'],
  });
/** How many bytes a padded base64 text decodes to. */
function base64ByteLength(text: string): number {
  if (text.length % 4 !== 0) return -1;
  return (text.length / 4) * 3 - (text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0);
}

/** A branch's printed logo. */
export type ReceiptLogo = z.infer<typeof receiptLogoSchema>;

/** The receipt QR's content: text or a link, `{order}` standing for the order id. */
export const receiptQrSchema = z.string().max(MAX_RECEIPT_QR_LENGTH);

/** The text a receipt's QR encodes for one order; undefined when the branch set none. */
export function receiptQrContent(template: string, orderId: string): string | undefined {
  const text = template.trim();
  return text === '' ? undefined : text.replaceAll('{order}', encodeURIComponent(orderId));
}

/**
 * An uploaded logo file as sent over the wire (base64 of the PNG or JPEG bytes), checked with
 * {@link logoUploadProblem}; parses to the bytes.
 */
export const logoUploadSchema = z
  .string()
  .max(
    Math.ceil(MAX_LOGO_UPLOAD_BYTES / 3) * 4,
    `Upload a logo file of at most ${MAX_LOGO_UPLOAD_BYTES / 1024} KB`,
  )
  .transform((text, ctx) => {
    const bytes = base64Decode(text);
    const problem = bytes ? logoUploadProblem(bytes) : 'The logo must be sent as base64';
    if (problem || !bytes) {
      ctx.addIssue({ code: 'custom', message: problem ?? 'The logo file is empty' });
      return z.NEVER;
    }
    return bytes;
  });

/** The wire form of a logo file that {@link logoUploadSchema} parses back to its bytes. */
export function encodeLogoUpload(bytes: Uint8Array): string {
  return base64Encode(bytes);
}

import { describe, expect, it } from 'vitest';
import { base64Encode } from '../common/bytes';
import { branchDocSchema } from './schemas';
import {
  MAX_LOGO_UPLOAD_BYTES,
  encodeLogoUpload,
  logoUploadSchema,
  logoUploadProblem,
  receiptLogoSchema,
  receiptQrContent,
  sniffImage,
} from './logo';

/** The first bytes of a PNG: signature and IHDR with the given size. */
function pngHeader(width: number, height: number): Uint8Array {
  const b = new Uint8Array(33);
  b.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  new DataView(b.buffer).setUint32(16, width);
  new DataView(b.buffer).setUint32(20, height);
  return b;
}

/** A JPEG head: SOI, an APP0 segment, a DHT segment, then SOF2 with the given size. */
function jpegHeader(width: number, height: number): Uint8Array {
  return Uint8Array.from([
    0xff,
    0xd8,
    0xff,
    0xe0,
    0x00,
    0x06,
    0x4a,
    0x46,
    0x49,
    0x46, // APP0, 4 bytes of payload
    0xff,
    0xff, // a fill byte before the next marker
    0xff,
    0xc4,
    0x00,
    0x03,
    0x00, // DHT (its marker is in the SOF range but is not a frame)
    0xff,
    0xc2,
    0x00,
    0x11,
    0x08,
    height >> 8,
    height & 255,
    width >> 8,
    width & 255,
    0x03,
  ]);
}

describe('sniffImage', () => {
  it('reads PNG and JPEG sizes from the bytes, whatever the file was called', () => {
    expect(sniffImage(pngHeader(1000, 999))).toEqual({
      type: 'image/png',
      width: 1000,
      height: 999,
    });
    expect(sniffImage(jpegHeader(640, 480))).toEqual({
      type: 'image/jpeg',
      width: 640,
      height: 480,
    });
    expect(sniffImage(pngHeader(2 ** 31 + 5, 1))?.width).toBe(2 ** 31 + 5);
  });

  it('refuses other formats and truncated headers', () => {
    expect(sniffImage(new TextEncoder().encode('GIF89a......'))).toBeNull();
    expect(
      sniffImage(new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>')),
    ).toBeNull();
    expect(sniffImage(pngHeader(10, 10).subarray(0, 20))).toBeNull();
    expect(sniffImage(jpegHeader(10, 10).subarray(0, 22))).toBeNull();
    expect(sniffImage(Uint8Array.from([0xff, 0xd8, 0xff, 0xd9]))).toBeNull();
    expect(sniffImage(Uint8Array.from([0xff, 0xd8, 0x00, 0x00, 0x00]))).toBeNull();
    expect(sniffImage(new Uint8Array(0))).toBeNull();
  });
});

describe('logoUploadProblem', () => {
  it('accepts a PNG or JPEG within the size and pixel bounds', () => {
    expect(logoUploadProblem(pngHeader(4096, 4096))).toBeNull();
    expect(logoUploadProblem(jpegHeader(1, 1))).toBeNull();
  });

  it('names what is wrong: empty, too big, not an image, too many pixels', () => {
    expect(logoUploadProblem(new Uint8Array(0))).toMatch(/empty/);
    const big = new Uint8Array(MAX_LOGO_UPLOAD_BYTES + 1);
    big.set(pngHeader(10, 10));
    expect(logoUploadProblem(big)).toMatch(/at most 256 KB/);
    const exact = new Uint8Array(MAX_LOGO_UPLOAD_BYTES);
    exact.set(pngHeader(10, 10));
    expect(logoUploadProblem(exact)).toBeNull();
    expect(logoUploadProblem(new TextEncoder().encode('GIF89a'))).toMatch(/PNG or JPEG/);
    expect(logoUploadProblem(pngHeader(4097, 10))).toMatch(/4097×10/);
    expect(logoUploadProblem(jpegHeader(0, 10))).toMatch(/no pixels/);
  });
});

describe('receiptLogoSchema', () => {
  const logo = (width: number, height: number, bytes = (width / 8) * height) => ({
    kind: 'image' as const,
    width,
    height,
    bitmap: base64Encode(new Uint8Array(bytes)),
  });

  it('accepts a raster whose bitmap holds exactly width / 8 × height bytes', () => {
    expect(receiptLogoSchema.safeParse(logo(384, 192)).success).toBe(true);
    expect(receiptLogoSchema.safeParse(logo(8, 1)).success).toBe(true);
  });

  it('refuses wider or taller than a receipt header, odd widths and short bitmaps', () => {
    expect(receiptLogoSchema.safeParse(logo(392, 10)).success).toBe(false);
    expect(receiptLogoSchema.safeParse(logo(64, 193)).success).toBe(false);
    expect(receiptLogoSchema.safeParse({ ...logo(64, 10), width: 60 }).success).toBe(false);
    expect(receiptLogoSchema.safeParse(logo(64, 10, 79)).success).toBe(false);
  });

  it('is optional in a branch document: older documents parse with no logo and no QR', () => {
    const doc = branchDocSchema.parse({
      id: 'b1',
      branchId: 'b1',
      schemaVersion: 1,
      updatedAt: 1,
      name: 'Café',
      address: { lines: ['1 rue'], country: 'FR' },
      timeZone: 'Europe/Paris',
      currency: 'EUR',
    });
    expect(doc.logo).toBeNull();
    expect(doc.receiptQr).toBe('');
  });
});

describe('receiptQrContent', () => {
  it('is nothing for an empty template and puts the order id, URL-encoded, in {order}', () => {
    expect(receiptQrContent('  ', 'o1')).toBeUndefined();
    expect(receiptQrContent('https://cafe.example/r/{order}', 'a/b c')).toBe(
      'https://cafe.example/r/a%2Fb%20c',
    );
    expect(receiptQrContent('Merci !', 'o1')).toBe('Merci !');
  });
});

describe('logoUploadSchema', () => {
  it('parses base64 of an acceptable file to its bytes and names the problem otherwise', () => {
    const png = pngHeader(10, 10);
    expect(logoUploadSchema.parse(encodeLogoUpload(png))).toEqual(png);
    const message = (text: string) => logoUploadSchema.safeParse(text).error?.issues[0]?.message;
    expect(message('not base64!')).toMatch(/base64/);
    expect(message(base64Encode(new TextEncoder().encode('GIF89a')))).toMatch(/PNG or JPEG/);
    expect(message('A'.repeat(400_000))).toMatch(/at most 256 KB/);
  });
});

// Generates resources/icon.png (512×512) and resources/icon.svg for electron-builder, with no
// dependencies: pixels are computed here and written as a PNG with node:zlib.
// Run: node resources/generate-icon.mjs
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SIZE = 512;
const here = dirname(fileURLToPath(import.meta.url));
const teal = [15, 118, 110];
const white = [255, 255, 255];
const amber = [245, 158, 11];

/** Coverage of a pixel by a shape, 4×4 supersampled for smooth edges. */
function coverage(x, y, inside) {
  let hits = 0;
  for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) if (inside(x + (i + 0.5) / 4, y + (j + 0.5) / 4)) hits++;
  return hits / 16;
}
const c = SIZE / 2;
const roundedSquare = (x, y) => {
  const r = 96;
  const dx = Math.max(r - x, x - (SIZE - r), 0);
  const dy = Math.max(r - y, y - (SIZE - r), 0);
  return dx * dx + dy * dy <= r * r;
};
const dist = (x, y) => Math.hypot(x - c, y - c);
const ring = (x, y) => dist(x, y) >= 150 && dist(x, y) <= 190;
// A "C": the ring with a wedge cut out on the right.
const comanda = (x, y) => ring(x, y) && !(x > c && Math.abs(y - c) < (x - c) * 0.55);
const dot = (x, y) => dist(x, y) <= 80;

const raw = Buffer.alloc(SIZE * (SIZE * 4 + 1));
for (let y = 0; y < SIZE; y++) {
  raw[y * (SIZE * 4 + 1)] = 0;
  for (let x = 0; x < SIZE; x++) {
    const bg = coverage(x, y, roundedSquare);
    const fgC = coverage(x, y, comanda);
    const fgD = coverage(x, y, dot);
    const color = teal.map((t, k) => t * (1 - fgC - fgD) + white[k] * fgC + amber[k] * fgD);
    const o = y * (SIZE * 4 + 1) + 1 + x * 4;
    raw[o] = Math.round(color[0]);
    raw[o + 1] = Math.round(color[1]);
    raw[o + 2] = Math.round(color[2]);
    raw[o + 3] = Math.round(bg * 255);
  }
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let v = n;
  for (let k = 0; k < 8; k++) v = v & 1 ? 0xedb88320 ^ (v >>> 1) : v >>> 1;
  return v >>> 0;
});
function crc32(buf) {
  let v = 0xffffffff;
  for (const b of buf) v = crcTable[(v ^ b) & 0xff] ^ (v >>> 8);
  return (v ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
const header = Buffer.alloc(13);
header.writeUInt32BE(SIZE, 0);
header.writeUInt32BE(SIZE, 4);
header[8] = 8; // bit depth
header[9] = 6; // RGBA
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', deflateSync(raw, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
writeFileSync(join(here, 'icon.png'), png);

const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512">
  <rect width="512" height="512" rx="96" fill="rgb(${teal})"/>
  <path d="M 412.4 342.1 A 170 170 0 1 1 412.4 169.9" fill="none" stroke="#fff" stroke-width="40"/>
  <circle cx="256" cy="256" r="80" fill="rgb(${amber})"/>
</svg>
`;
writeFileSync(join(here, 'icon.svg'), svg);
console.log('wrote resources/icon.png and resources/icon.svg');

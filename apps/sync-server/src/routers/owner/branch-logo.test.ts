import { logoToRgba } from '@comanda/printing/layout';
import { TRPCClientError } from '@trpc/client';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  deviceClient,
  httpStatusOf,
  ownerClient,
  pairTill,
  type Client,
} from '../../testing/index';
import { ENGINES, startWithOwner } from '../../testing/engines';
import type { TestServer } from '../../testing/index';

/** A black square centred on white, `w` × `h` pixels. */
function pixels(w: number, h: number): Buffer {
  const data = Buffer.alloc(w * h * 4, 255);
  for (let y = Math.floor(h / 4); y < (3 * h) / 4; y++)
    for (let x = Math.floor(w / 4); x < (3 * w) / 4; x++)
      data.fill(0, (y * w + x) * 4, (y * w + x) * 4 + 3);
  return data;
}

const base64Encode = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

function png(w: number, h: number): Buffer {
  const image = new PNG({ width: w, height: h });
  pixels(w, h).copy(image.data);
  return PNG.sync.write(image);
}

const fail = (promise: Promise<unknown>) =>
  promise.then(
    () => 'succeeded',
    (e: unknown) => e,
  );

/** The field the server names in a 400 (`data.issues[0].path`). */
function issuePath(error: unknown): string | undefined {
  if (!(error instanceof TRPCClientError)) return undefined;
  return (error.data as { issues?: { path: string }[] }).issues?.[0]?.path;
}

describe.each(ENGINES)('owner.branches.setLogo (%s)', (engine) => {
  let server: TestServer;
  let owner: Client;
  let branchId: string;

  beforeAll(async () => {
    ({ server, owner, branchId } = await startWithOwner(engine));
  });
  afterAll(() => server?.close());

  it('stores a big PNG as a 1-bit raster shrunk to 384 dots that a paired till pulls', async () => {
    const written = await owner.owner.branches.setLogo.mutate({
      branchId,
      image: base64Encode(png(800, 400)),
    });
    expect(written?.logo).toMatchObject({ kind: 'image', width: 384, height: 192 });
    const credential = await pairTill(server.server, server.demo.orgId, branchId);
    const till = (await deviceClient(server.trpcUrl, credential)).client;
    const page = await till.sync.pull.query({
      collection: 'branches',
      checkpoint: null,
      limit: 10,
    });
    const logo = page.documents.find((d) => d.id === branchId)?.logo as Parameters<
      typeof logoToRgba
    >[0];
    const rgba = logoToRgba(logo);
    expect(rgba.data[(96 * 384 + 192) * 4]).toBe(0); // centre of the square is printed
    expect(rgba.data[(10 * 384 + 10) * 4]).toBe(255); // the margin is paper
  });

  it('takes a JPEG too, keeps a small logo at its size (padded to 8 dots), and removes it', async () => {
    const file = jpeg.encode({ width: 100, height: 50, data: pixels(100, 50) }, 90).data;
    const withJpeg = await owner.owner.branches.setLogo.mutate({
      branchId,
      image: base64Encode(file),
    });
    expect(withJpeg?.logo).toMatchObject({ width: 104, height: 50 });
    const removed = await owner.owner.branches.setLogo.mutate({ branchId, image: null });
    expect(removed?.logo).toBeNull();
  });

  it('answers 400 naming the image for files that are not a usable PNG or JPEG, and keeps the old logo', async () => {
    await owner.owner.branches.setLogo.mutate({ branchId, image: base64Encode(png(64, 64)) });
    const gif = new TextEncoder().encode('GIF89a\x01\x00\x01\x00');
    const truncated = png(64, 64).subarray(0, 60); // header intact, pixel data cut off
    const tooManyPixels = png(4097, 1);
    for (const bytes of [gif, truncated, tooManyPixels, new Uint8Array(300 * 1024)]) {
      const error = await fail(
        owner.owner.branches.setLogo.mutate({ branchId, image: base64Encode(bytes) }),
      );
      expect(httpStatusOf(error)).toBe(400);
      expect(issuePath(error)).toBe('image');
    }
    const [branch] = (await owner.owner.branches.list.query()).filter((b) => b.id === branchId);
    expect(branch?.logo).toMatchObject({ width: 64, height: 64 });
  });

  it('is 404 for another org’s branch and 403 for a manager', async () => {
    const image = base64Encode(png(8, 8));
    expect(
      httpStatusOf(await fail(owner.owner.branches.setLogo.mutate({ branchId: 'nope', image }))),
    ).toBe(404);
    await owner.owner.users.create.mutate({
      email: 'logo-manager@example.com',
      name: 'M',
      role: 'manager',
      password: 'manager-pass-2026',
      branchIds: [branchId],
    });
    const manager = (
      await ownerClient(server.trpcUrl, 'logo-manager@example.com', 'manager-pass-2026')
    ).client;
    expect(
      httpStatusOf(await fail(manager.owner.branches.setLogo.mutate({ branchId, image }))),
    ).toBe(403);
  });
});

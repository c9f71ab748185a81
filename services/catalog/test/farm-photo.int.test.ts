import { startedForFile } from '@ftt/kit/test-hooks';
import { token } from '@ftt/kit/testing';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { publishedListing, startHarness, users, type Harness } from './support';

/**
 * Issue #29: a farm photo, stored as listing photos are (WebP at three widths, metadata stripped, a truncated image
 * a 400), set on the farm by the upload only, and on the farm's public page and its listings' pages.
 */
const h = startedForFile(() => startHarness('catalog-farm-photo'));

const image = (width = 1600, height = 1000) =>
  sharp({ create: { width, height, channels: 3, background: { r: 90, g: 140, b: 60 } } })
    .jpeg()
    .withMetadata({ exif: { IFD0: { Copyright: 'farm phone' } } })
    .toBuffer();

const upload = async (
  harness: Harness,
  farmId: string,
  bytes: Buffer,
  type = 'image/jpeg',
  as: keyof typeof users = 'anna',
) => {
  const res = await fetch(`${harness.url}/farms/${farmId}/photo`, {
    method: 'POST',
    headers: { 'content-type': type, authorization: `Bearer ${await token(harness.t, users[as])}` },
    body: new Uint8Array(bytes),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
};

describe("a farm's photo", () => {
  it('when the farmer uploads a photo of the farm, then it is served at three widths without metadata and shows on the farm and with its listings', async () => {
    const { farmId, listingId } = await publishedListing(h, 'anna');
    const res = await upload(h, farmId, await image());
    expect(res.status).toBe(201);
    const { photo, farm } = res.body;
    expect(photo.path).toMatch(/^\/farm-photos\/[0-9a-f]{32}$/);
    expect(photo.widths).toEqual([320, 640, 1280]);
    expect(farm.photo).toBe(photo.path);
    for (const width of [320, 640, 1280]) {
      const got = await fetch(`${h.url}${photo.path}/${width}.webp`);
      expect([got.status, got.headers.get('content-type')]).toEqual([200, 'image/webp']);
      const meta = await sharp(Buffer.from(await got.arrayBuffer())).metadata();
      expect([meta.format, meta.width, meta.exif]).toEqual(['webp', width, undefined]);
    }
    // public: the farm page and every listing's page carry it
    expect((await h.call('GET', `/farms/${farmId}`)).body.farm.photo).toBe(photo.path);
    expect((await h.call('GET', `/listings/${listingId}`)).body.farm.photo).toBe(photo.path);
  });

  it('when the photo is cut short, not an image, someone else uploads, or the PATCH names a photo, then it is refused naming the field and the farm keeps its photo', async () => {
    const { farmId } = await publishedListing(h, 'anna');
    const before = (await h.call('GET', `/farms/${farmId}`)).body.farm.photo;
    const bytes = await image();
    const cut = await upload(h, farmId, bytes.subarray(0, bytes.length >> 1));
    expect([cut.status, cut.body.errors]).toEqual([
      400,
      [{ field: 'body', message: 'the photo is incomplete or unreadable' }],
    ]);
    const text = await upload(h, farmId, Buffer.from('hello'), 'text/plain');
    expect(text.status).toBe(415);
    expect((await upload(h, farmId, bytes, 'image/jpeg', 'joost')).status).toBe(403);
    const patch = await h.call('PATCH', `/farms/${farmId}`, 'anna', {
      photo: '/farm-photos/0123456789abcdef0123456789abcdef',
    });
    expect([patch.status, patch.body.errors.map((e: { field: string }) => e.field)]).toEqual([
      400,
      ['body.photo'],
    ]);
    expect((await h.call('GET', `/farms/${farmId}`)).body.farm.photo).toBe(before);
    expect((await fetch(`${h.url}/farm-photos/${'0'.repeat(32)}/640.webp`)).status).toBe(404);
  });
});

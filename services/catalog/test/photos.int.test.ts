import { startedForFile } from '@ftt/kit/test-hooks';
import { token } from '@ftt/kit/testing';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { publishedListing, startHarness, users, type Harness } from './support';

const h = startedForFile(() => startHarness('catalog-photos'));

/** A real image: a 2000 x 1500 gradient-ish PNG (or another format), made here. */
const image = (format: 'png' | 'jpeg' | 'webp', width = 2000, height = 1500) =>
  sharp({ create: { width, height, channels: 3, background: { r: 40, g: 120, b: 60 } } })
    .toFormat(format)
    .toBuffer();

/** Sends bytes as the body, as the web app's file upload does. */
const upload = async (
  harness: Harness,
  listingId: string,
  bytes: Buffer,
  type: string,
  as: keyof typeof users | null = 'anna',
) => {
  const res = await fetch(`${harness.url}/listings/${listingId}/photos`, {
    method: 'POST',
    headers: {
      'content-type': type,
      ...(as ? { authorization: `Bearer ${await token(harness.t, users[as])}` } : {}),
    },
    body: new Uint8Array(bytes),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
};

describe("a farmer's photos for a listing", () => {
  it('when the farmer uploads a PNG, then it is stored at three widths as WebP, first among the listing photos, served with immutable cache headers and an ETag', async () => {
    const { listingId } = await publishedListing(h, 'anna');
    const res = await upload(h, listingId, await image('png'), 'image/png');
    expect(res.status).toBe(201);
    const { photo, listing } = res.body;
    expect(photo.widths).toEqual([320, 640, 1280]);
    expect(photo.path).toMatch(/^\/listing-photos\/[0-9a-f]{32}$/);
    expect(listing.photos[0]).toBe(photo.path);
    expect((await h.listingDoc(listingId)).photos).toEqual(listing.photos);

    for (const width of [320, 640, 1280]) {
      const got = await fetch(`${h.url}${photo.path}/${width}.webp`);
      expect(got.status).toBe(200);
      expect(got.headers.get('content-type')).toBe('image/webp');
      expect(got.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      const etag = got.headers.get('etag');
      expect(etag).toBe(`"${photo.id}-${width}"`);
      const meta = await sharp(Buffer.from(await got.arrayBuffer())).metadata();
      expect([meta.format, meta.width, meta.height]).toEqual(['webp', width, (width * 3) / 4]);
      const again = await fetch(`${h.url}${photo.path}/${width}.webp`, {
        headers: { 'if-none-match': etag! },
      });
      expect(again.status).toBe(304);
    }
    // stored in catalog's database, one document per width
    expect(await h.db.collection('listing_photos').countDocuments({ photoId: photo.id })).toBe(3);
  });

  it('when the photo is smaller than a width, then it is never enlarged; JPEG and WebP are taken too', async () => {
    const { listingId } = await publishedListing(h, 'anna');
    const small = await upload(h, listingId, await image('jpeg', 500, 400), 'image/jpeg');
    expect(small.status).toBe(201);
    const meta = await sharp(
      Buffer.from(await (await fetch(`${h.url}${small.body.photo.path}/1280.webp`)).arrayBuffer()),
    ).metadata();
    expect(meta.width).toBe(500);
    expect((await upload(h, listingId, await image('webp', 800, 600), 'image/webp')).status).toBe(201);
  });

  it('when the type, the size or the content is wrong, then a problem names the header or the body and nothing is stored', async () => {
    const { listingId } = await publishedListing(h, 'anna');
    const gif = await upload(h, listingId, Buffer.from('GIF89a....'), 'image/gif');
    expect(gif.status).toBe(415);
    expect(gif.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(gif.body.errors).toEqual([
      { field: 'headers.content-type', message: 'a photo must be a JPEG, PNG or WebP image' },
    ]);

    const huge = await upload(h, listingId, Buffer.alloc(5 * 1024 * 1024 + 1, 1), 'image/png');
    expect(huge.status).toBe(413);
    expect(huge.body.errors).toEqual([{ field: 'body', message: 'a photo may be at most 5 MB' }]);

    const fake = await upload(h, listingId, Buffer.from('not an image at all'), 'image/jpeg');
    expect(fake.status).toBe(400);
    expect(fake.body.errors[0].field).toBe('body');
    expect((await h.listingDoc(listingId)).photos).toEqual(['/photos/carrots.svg']);
  });

  it('when the upload is a JPEG cut short (a bad connection) or undecodable, then a 400 problem names the body and says the photo is incomplete or unreadable, and nothing is stored', async () => {
    const { listingId } = await publishedListing(h, 'anna');
    const whole = await sharp({
      create: { width: 1200, height: 900, channels: 3, background: '#000', noise: { type: 'gaussian', mean: 128, sigma: 40 } },
    })
      .jpeg()
      .toBuffer();
    const cut = await upload(h, listingId, whole.subarray(0, 2600), 'image/jpeg');
    expect(cut.status).toBe(400);
    expect(cut.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(cut.body.errors).toEqual([{ field: 'body', message: 'the photo is incomplete or unreadable' }]);
    // a PNG whose data was damaged after its header: readable metadata, undecodable pixels
    const png = await image('png', 600, 400);
    const damaged = Buffer.concat([png.subarray(0, 100), Buffer.alloc(png.length - 100, 7)]);
    const bad = await upload(h, listingId, damaged, 'image/png');
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([{ field: 'body', message: 'the photo is incomplete or unreadable' }]);
    expect((await h.listingDoc(listingId)).photos).toEqual(['/photos/carrots.svg']);
    expect(await h.db.collection('listing_photos').countDocuments({ listingId })).toBe(0);
  });

  it('when someone else uploads, then only the listing’s farmer may: another farmer is refused, no token is 401, a missing photo is 404', async () => {
    const { listingId } = await publishedListing(h, 'anna');
    const png = await image('png', 400, 300);
    expect((await upload(h, listingId, png, 'image/png', 'joost')).status).toBe(403);
    expect((await upload(h, listingId, png, 'image/png', 'ben')).status).toBe(403);
    expect((await upload(h, listingId, png, 'image/png', null)).status).toBe(401);
    expect((await upload(h, 'no-such-listing', png, 'image/png')).status).toBe(404);
    expect((await fetch(`${h.url}/listing-photos/${'0'.repeat(32)}/640.webp`)).status).toBe(404);
    expect((await fetch(`${h.url}/listing-photos/${'0'.repeat(32)}/999.webp`)).status).toBe(400);
  });
});

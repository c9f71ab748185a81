import { describe, expect, it } from 'vitest';
import { PHOTO_MAX_BYTES, photoPath, PHOTO_PATH, uploadProblem } from './photo';

describe('a listing photo upload', () => {
  it('when it is a JPEG, PNG or WebP within 5 MB, then it is accepted', () => {
    for (const t of ['image/jpeg', 'image/png', 'image/webp', 'IMAGE/PNG; charset=binary'])
      expect(uploadProblem(t, 1000)).toBeNull();
    expect(uploadProblem('image/jpeg', PHOTO_MAX_BYTES)).toBeNull();
  });

  it('when its type is another one, then it is unsupported, naming the header', () => {
    for (const t of ['image/gif', 'application/pdf', undefined]) {
      expect(uploadProblem(t, 1000)).toMatchObject({
        code: 'photo.unsupported',
        issue: { field: 'headers.content-type' },
      });
    }
  });

  it('when it is empty or larger than 5 MB, then it is refused, naming the body', () => {
    expect(uploadProblem('image/png', 0)).toMatchObject({ code: 'photo.invalid', issue: { field: 'body' } });
    expect(uploadProblem('image/png', PHOTO_MAX_BYTES + 1)).toMatchObject({
      code: 'photo.too_large',
      issue: { field: 'body' },
    });
  });

  it('when a photo is named in a listing, then its path is the one the service serves', () => {
    expect(photoPath('0123456789abcdef0123456789abcdef')).toMatch(PHOTO_PATH);
  });
});

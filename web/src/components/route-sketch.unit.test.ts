import { describe, expect, it } from 'vitest';
import { shortLabel, spreadMarkers } from './route-sketch';

describe('the route sketch', () => {
  it('when stops sit on top of each other (one pickup point, two doors in a street), then each marker is moved apart, the others stay', () => {
    const spots = spreadMarkers([
      { x: 100, y: 100 },
      { x: 101, y: 100 },
      { x: 100, y: 101 },
      { x: 300, y: 50 },
    ]);
    for (let i = 0; i < 3; i++)
      for (let j = i + 1; j < 3; j++)
        expect(Math.hypot(spots[i]!.x - spots[j]!.x, spots[i]!.y - spots[j]!.y)).toBeGreaterThanOrEqual(18);
    expect(spots[3]).toEqual({ x: 300, y: 50 });
  });

  it('when a place has a long name, then the label beside its marker is cut with an ellipsis', () => {
    expect(shortLabel('Bergweg 4, Ede')).toBe('Bergweg 4, Ede');
    expect(shortLabel('Marktkraam Wageningen aan de Markt, ingang Zuid')).toBe('Marktkraam Wageningen aan…');
  });
});

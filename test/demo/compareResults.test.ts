import { describe, expect, it } from 'vitest';
import { compareResults, iou, type Detection, type Face, type PhotoResult } from '../../demo/faceModels.js';

const det = (x: number, y: number, w: number, h: number, score = 0.9): Detection => ({ box: [x, y, w, h], score });
const face = (x: number, y: number, w: number, h: number, extra: Partial<Face> = {}): Face => ({
  ...det(x, y, w, h),
  gender: 'female',
  genderProbability: 0.9,
  age: 30,
  ...extra,
});
const photo = (name: string, ssd: Face[], tiny: Detection[] = []): PhotoResult => ({ photo: name, ssd, tiny });

describe('iou', () => {
  it('iou of identical, disjoint, touching, half-overlapping and empty boxes', () => {
    expect(iou([0, 0, 10, 10], [0, 0, 10, 10])).toBe(1);
    expect(iou([0, 0, 10, 10], [20, 20, 5, 5])).toBe(0);
    expect(iou([0, 0, 10, 10], [10, 0, 10, 10])).toBe(0);
    expect(iou([0, 0, 10, 10], [5, 0, 10, 10])).toBeCloseTo(50 / 150, 12);
    expect(iou([0, 0, 0, 0], [0, 0, 0, 0])).toBe(0);
    expect(iou([0, 0, 10, 10], [2, 2, 6, 6])).toBeCloseTo(36 / 100, 12);
  });
});

describe('compareResults', () => {
  const reference = [
    photo('a.jpg', [face(0, 0, 100, 100), face(200, 0, 100, 100, { gender: 'male', age: 40 })], [det(0, 0, 110, 110)]),
    photo('b.jpg', [], []),
  ];

  it('identical results agree with zero differences and IoU 1', () => {
    const c = compareResults(reference, structuredClone(reference));
    expect(c.agree).toBe(true);
    expect(c.ssdAgree && c.tinyAgree).toBe(true);
    expect(c.ssd).toEqual({
      referenceCount: 2,
      candidateCount: 2,
      sameCount: true,
      matched: 2,
      minIoU: 1,
      maxScoreDiff: 0,
      maxBoxDiff: 0,
      gendersEqual: true,
      maxAgeDiff: 0,
      maxGenderProbabilityDiff: 0,
    });
    expect(c.tiny.minIoU).toBe(1);
    expect(c.photos.map((p) => p.agree)).toEqual([true, true]);
    expect(c.photos[1]!.ssd.minIoU).toBe(1); // no faces at all: vacuously 1
  });

  it('matches regardless of detection order and reports the largest differences', () => {
    const candidate = [
      photo(
        'a.jpg',
        [face(202, 1, 100, 100, { gender: 'male', age: 43.5, score: 0.8 }), face(0, 0, 100, 99, { genderProbability: 0.7 })],
        [det(1, 0, 110, 110, 0.95)],
      ),
      photo('b.jpg', [], []),
    ];
    const c = compareResults(reference, candidate);
    expect(c.agree).toBe(true);
    expect(c.ssd.matched).toBe(2);
    expect(c.ssd.maxBoxDiff).toBe(2);
    expect(c.ssd.maxAgeDiff).toBeCloseTo(3.5, 12);
    expect(c.ssd.maxScoreDiff).toBeCloseTo(0.1, 12);
    expect(c.ssd.maxGenderProbabilityDiff).toBeCloseTo(0.2, 12);
    expect(c.ssd.minIoU).toBeCloseTo(iou([200, 0, 100, 100], [202, 1, 100, 100]), 12);
    expect(c.tiny.maxScoreDiff).toBeCloseTo(0.05, 12);
    expect(c.tiny.maxBoxDiff).toBe(1);
  });

  it('a changed gender, a low IoU or a missing face each break agreement', () => {
    const genderFlip = [photo('a.jpg', [face(0, 0, 100, 100), face(200, 0, 100, 100, { gender: 'female', age: 40 })], [det(0, 0, 110, 110)]), reference[1]!];
    const g = compareResults(reference, genderFlip);
    expect(g.ssd.gendersEqual).toBe(false);
    expect(g.ssdAgree).toBe(false);
    expect(g.tinyAgree).toBe(true);
    expect(g.agree).toBe(false);
    expect(g.photos.map((p) => p.agree)).toEqual([false, true]);

    const shifted = [photo('a.jpg', [face(0, 0, 100, 100), face(215, 0, 100, 100, { gender: 'male', age: 40 })], [det(0, 0, 110, 110)]), reference[1]!];
    const s = compareResults(reference, shifted);
    expect(s.ssd.minIoU).toBeCloseTo(85 / 115, 12);
    expect(s.agree).toBe(false);
    expect(compareResults(reference, shifted, 0.7).agree).toBe(true);

    const missing = [photo('a.jpg', [face(0, 0, 100, 100)], [det(0, 0, 110, 110)]), reference[1]!];
    const m = compareResults(reference, missing);
    expect(m.ssd.sameCount).toBe(false);
    expect(m.ssd.referenceCount).toBe(2);
    expect(m.ssd.candidateCount).toBe(1);
    expect(m.ssd.minIoU).toBe(0);
    expect(m.agree).toBe(false);

    const extraTiny = [reference[0]!, photo('b.jpg', [], [det(5, 5, 10, 10)])];
    const t = compareResults(reference, extraTiny);
    expect(t.ssdAgree).toBe(true);
    expect(t.tinyAgree).toBe(false);
    expect(t.tiny.sameCount).toBe(false);
    expect(t.agree).toBe(false);
  });

  it('equal counts with a box that overlaps nothing do not agree', () => {
    const moved = [photo('a.jpg', [face(0, 0, 100, 100), face(900, 900, 100, 100, { gender: 'male', age: 40 })], [det(0, 0, 110, 110)]), reference[1]!];
    const c = compareResults(reference, moved);
    expect(c.ssd.sameCount).toBe(true);
    expect(c.ssd.matched).toBe(1);
    expect(c.ssd.minIoU).toBe(0);
    expect(c.agree).toBe(false);
  });

  it('greedy matching pairs the highest IoU first', () => {
    const ref = [photo('p', [face(0, 0, 100, 100), face(50, 0, 100, 100)])];
    const cand = [photo('p', [face(49, 0, 100, 100), face(0, 0, 100, 100)])];
    const c = compareResults(ref, cand);
    expect(c.ssd.matched).toBe(2);
    expect(c.ssd.maxBoxDiff).toBe(1);
  });

  it('photos are matched by name; different photo sets throw', () => {
    const swapped = [reference[1]!, reference[0]!];
    expect(compareResults(reference, swapped).agree).toBe(true);
    expect(compareResults(reference, swapped).photos.map((p) => p.photo)).toEqual(['a.jpg', 'b.jpg']);
    expect(() => compareResults(reference, [reference[0]!])).toThrow(/2 reference photos but 1/);
    expect(() => compareResults(reference, [reference[0]!, photo('c.jpg', [])])).toThrow(/no result for b.jpg/);
  });

  it('does not modify its inputs', () => {
    const ref = structuredClone(reference);
    const cand = structuredClone(reference);
    compareResults(ref, cand);
    expect(ref).toEqual(reference);
    expect(cand).toEqual(reference);
  });
});

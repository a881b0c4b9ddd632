import { describe, expect, it } from 'vitest';
import { epochCurves } from '../src/bench/epoch-means.js';

describe('epochCurves', () => {
  it('averages each epoch’s steps: Σ L_CL over pairs, Σ μ·L_HaLP and the mean kept fraction where present', () => {
    const records = [
      { type: 'step', epoch: 0, 'loss/contrastive': 6 },
      { type: 'step', epoch: 0, 'loss/contrastive': 4 },
      { type: 'epoch', epoch: 0, loss: 5, knn1: 0.3 },
      // Two streams: their InfoNCE and HaLP terms add up, their kept fractions average.
      {
        type: 'step',
        epoch: 1,
        'loss/contrastive/sequence-joint': 3,
        'loss/contrastive/graph-joint': 2,
        'method/active/sequence-joint': 0,
      },
      {
        type: 'step',
        epoch: 1,
        'loss/contrastive/sequence-joint': 2,
        'loss/contrastive/graph-joint': 1,
        'loss/halp/sequence-joint': -20,
        'loss/halp/graph-joint': -10,
        'method/keptFraction/sequence-joint': 0.9,
        'method/keptFraction/graph-joint': 0.7,
      },
      { type: 'stopped', epoch: 2, 'loss/contrastive': 99 },
    ];
    const curves = epochCurves(records);
    expect(curves.contrastiveLosses).toEqual([5, 4]);
    expect(curves.hallucinationLosses[0]).toBeNaN();
    expect(curves.hallucinationLosses[1]).toBe(-30);
    expect(curves.keptFractions[0]).toBeNaN();
    expect(curves.keptFractions[1]).toBeCloseTo(0.8, 12);
  });

  it('orders epochs by number whatever the order of the records, and has no epochs without steps', () => {
    const curves = epochCurves([
      { type: 'step', epoch: 5, 'loss/contrastive': 2 },
      { type: 'step', epoch: 4, 'loss/contrastive': 1 },
    ]);
    expect(curves.contrastiveLosses).toEqual([1, 2]);
    expect(epochCurves([]).contrastiveLosses).toEqual([]);
  });
});

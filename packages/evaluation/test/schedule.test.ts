import { describe, expect, it } from 'vitest';
import {
  LINEAR_EVALUATION_SCHEDULE,
  resolveSchedule,
  scheduledLearningRate,
} from '../src/classifier-schedule.js';

describe('classifier schedule', () => {
  it('drops the learning rate ×0.1 at each milestone (the references: 30 → 3 at 50 → 0.3 at 70)', () => {
    const rate = (epoch: number) => scheduledLearningRate(LINEAR_EVALUATION_SCHEDULE, epoch);
    expect(rate(0)).toBe(30);
    expect(rate(49)).toBe(30);
    expect(rate(50)).toBeCloseTo(3, 12);
    expect(rate(69)).toBeCloseTo(3, 12);
    expect(rate(70)).toBeCloseTo(0.3, 12);
    expect(rate(79)).toBeCloseTo(0.3, 12);
  });

  it('takes only the schedule fields of the overrides', () => {
    const resolved = resolveSchedule('test', LINEAR_EVALUATION_SCHEDULE, {
      epochs: 3,
      learningRate: undefined,
    });
    expect(resolved).toEqual({ ...LINEAR_EVALUATION_SCHEDULE, epochs: 3 });
  });

  it.each([
    ['epochs', { epochs: 0 }],
    ['epochs', { epochs: 1.5 }],
    ['learningRate', { learningRate: -1 }],
    ['learningRate', { learningRate: Number.POSITIVE_INFINITY }],
    ['milestones', { milestones: [-1] }],
    ['momentum', { momentum: 1 }],
    ['weightDecay', { weightDecay: Number.NaN }],
    ['batchSize', { batchSize: 0 }],
  ])('rejects a bad %s with a RangeError naming it', (field, override) => {
    expect(() => resolveSchedule('test', LINEAR_EVALUATION_SCHEDULE, override)).toThrow(
      new RegExp(`test: ${field}`),
    );
  });
});

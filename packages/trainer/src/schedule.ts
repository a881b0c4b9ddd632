import { stepLearningRate } from '@halp/optim';
import type { PretrainConfig } from './config.js';

/** The learning rate of a whole epoch: the base rate times γ for every milestone reached. */
export function epochLearningRate(optimizer: PretrainConfig['optimizer'], epoch: number): number {
  return stepLearningRate(optimizer.learningRate, epoch, optimizer.milestones, optimizer.gamma);
}

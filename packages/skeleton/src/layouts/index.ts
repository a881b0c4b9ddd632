export { blazePose33 } from './blaze-pose33.js';
export { coco17 } from './coco17.js';
export { kinect25 } from './kinect25.js';
export type { SkeletonLayout } from './layout.js';
export { jointCount } from './layout.js';
export type { LayoutError } from './validate-layout.js';
export { validateLayout } from './validate-layout.js';

/** Training needs this many images at least, and accepts this many at most. */
export const MIN_TRAINING_IMAGES = 10;
export const MAX_TRAINING_IMAGES = 100;

export * from './feedbackMultiplier';
export * from './leverageTargeting';
export * from './thresholdCascade';

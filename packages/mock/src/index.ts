// Public entry of @llamacloud-chat/mock.
export { type PrismOptions, type RunningPrism, SPEC_PATH, startPrism } from './prism.js';

export { fileSystemHandler, MODEL_JSON, WEIGHTS_BIN } from './file-system-handler.js';

// One declaration for both module systems: an ES module may import the CommonJS one's types.
export { specFiles } from './index.cjs';

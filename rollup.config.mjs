// Builds the browser tracker (issue 6): dist/tracker.js (one minified IIFE for the script tag) and
// dist/tracker.esm.js (ESM for bundlers, `import … from 'centra-ometria'`, with types under dist/types/). No runtime dependencies; tracker/ imports only shared/ids and types.
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';

const ts = (compilerOptions = {}) => typescript({ tsconfig: 'tracker/tsconfig.json', include: ['tracker/**/*.ts', 'shared/**/*.ts'], compilerOptions });
const min = () =>
  terser({
    ecma: 2020,
    compress: { passes: 3, unsafe_arrows: true, unsafe_comps: true, pure_getters: true },
    mangle: true,
    format: { comments: false },
  });
const onwarn = (warning, warn) => {
  // a warning is a build error: the bundle must stay one self-contained file
  throw new Error(`rollup: ${warning.message}`);
};

export default [
  {
    input: 'tracker/index.ts',
    output: { file: 'dist/tracker.js', format: 'iife', inlineDynamicImports: true, plugins: [min()] },
    plugins: [ts()],
    treeshake: { moduleSideEffects: (id) => id.endsWith('tracker/index.ts') },
    onwarn,
  },
  {
    input: 'tracker/esm.ts',
    output: { file: 'dist/tracker.esm.js', format: 'es', plugins: [min()] },
    // types for bundlers (package.json "exports"): dist/types/tracker/esm.d.ts and what it imports
    plugins: [ts({ declaration: true, declarationDir: 'dist/types' })],
    treeshake: { moduleSideEffects: false },
    onwarn,
  },
];

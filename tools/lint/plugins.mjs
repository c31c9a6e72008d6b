// The lint packages, for the root eslint.config.mjs: typescript-eslint (with the TypeScript 6 it needs) is
// installed here, in this workspace's own node_modules, beside the root's TypeScript 7; a bare import from
// the repository root would not find it.
//
// One of typescript-eslint's dependencies, ts-api-utils, accepts any TypeScript >= 4.8, so npm hoists it to
// the root node_modules, where `require('typescript')` finds TypeScript 7 (the native compiler, without the
// JavaScript API typescript-eslint works through). In the lint process every `typescript` is this workspace's
// TypeScript 6: the one place that says so is here, before typescript-eslint loads.
import Module, { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const typescript = require.resolve('typescript');
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return request === 'typescript' ? typescript : resolve.call(this, request, ...rest);
};

const { default: tseslint } = await import('typescript-eslint');
const { default: reactHooks } = await import('eslint-plugin-react-hooks');
export { reactHooks, tseslint };

export { type CreateAjvOptions, createAjv } from './ajv';
export { secretFields } from './secret-fields';
export { compileValidator, toIssues, type Validator } from './validator';

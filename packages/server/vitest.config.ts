import { packageTestConfig } from '../../test-support/vitest-package-config';

export default packageTestConfig();

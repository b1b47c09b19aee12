import { packageTestConfig } from '../../vitest.base.ts';

export default packageTestConfig;

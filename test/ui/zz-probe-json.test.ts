import { expect } from '@open-wc/testing';
import schema from '../../schemas/sync-scope.schema.json' with { type: 'json' };
import ajv2020Module from 'ajv/dist/2020.js';
const Ajv2020 = ajv2020Module.default;
describe('probe', () => {
  it('ajv', () => {
    expect(typeof Ajv2020).to.equal('function');
    const v = new Ajv2020({ allErrors: true }).compile(schema);
    expect(v({})).to.equal(false);
  });
});

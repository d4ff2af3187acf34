/**
 * Young applicants (students, new workers) opening accounts outside their household-registration
 * province on a remote channel: the "student card" pattern. Default band 16-25 as in issue 4;
 * remote channels are all but the counter.
 */
import type { Channel } from '../facts.js';
import { defineRule } from '../rule.js';
import { REMOTE_CHANNEL_PARAM, remoteOriginFindings } from './remote-origin-support.js';

export interface YoungRemoteParams {
  minAge: number;
  maxAge: number;
  channels: Channel[];
}

export const youngRemoteRule = defineRule({
  code: 'YOUNG_REMOTE',
  appliesTo: 'PERSON',
  defaultParams: { minAge: 16, maxAge: 25, channels: ['MOBILE', 'ONLINE', 'AGENT'] } as YoungRemoteParams,
  defaultWeight: 20,
  paramSpec: {
    minAge: { type: 'integer', min: 0, max: 150 },
    maxAge: { type: 'integer', min: 0, max: 150 },
    channels: REMOTE_CHANNEL_PARAM,
  },
  checkParams: (p) => (p.maxAge < p.minAge ? [{ path: 'maxAge', message: 'must not be below minAge' }] : []),
  evaluate: (facts, params) =>
    remoteOriginFindings('YOUNG_REMOTE', facts, params.channels, (age) => age >= params.minAge && age <= params.maxAge, {
      en: 'A young',
      zh: '青年',
    }),
});

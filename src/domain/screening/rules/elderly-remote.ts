/**
 * Elderly applicants opening accounts outside their household-registration province on a remote
 * channel: elderly people are taken on "trips" to open accounts for rings. Default 60 and over,
 * the age from which the Law on the Protection of the Rights and Interests of the Elderly
 * (art. 2) counts a person as elderly; remote channels are all but the counter.
 */
import type { Channel } from '../facts.js';
import { defineRule } from '../rule.js';
import { REMOTE_CHANNEL_PARAM, remoteOriginFindings } from './remote-origin-support.js';

export interface ElderlyRemoteParams {
  minAge: number;
  channels: Channel[];
}

export const elderlyRemoteRule = defineRule({
  code: 'ELDERLY_REMOTE',
  appliesTo: 'PERSON',
  defaultParams: { minAge: 60, channels: ['MOBILE', 'ONLINE', 'AGENT'] } as ElderlyRemoteParams,
  defaultWeight: 20,
  paramSpec: {
    minAge: { type: 'integer', min: 0, max: 150 },
    channels: REMOTE_CHANNEL_PARAM,
  },
  evaluate: (facts, params) =>
    remoteOriginFindings('ELDERLY_REMOTE', facts, params.channels, (age) => age >= params.minAge, {
      en: 'An elderly',
      zh: '老年',
    }),
});

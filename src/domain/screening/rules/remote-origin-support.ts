/**
 * Young and elderly applicants recruited to open accounts far from home, on a channel where no
 * clerk sees them, are a pattern police report (students renting out cards; elderly people
 * taken on trips to open accounts). The two rules differ only in the age band.
 */
import { CHANNELS, type Channel, type PersonScreeningFacts } from '../facts.js';
import type { RuleFinding } from '../finding.js';
import { labels } from '../labels.js';
import { fire } from '../rule.js';

export function remoteOriginFindings(
  code: string,
  facts: PersonScreeningFacts,
  channels: readonly Channel[],
  inBand: (age: number) => boolean,
  group: { en: string; zh: string },
): RuleFinding[] {
  const age = facts.ageYears;
  const home = facts.householdProvinceCode;
  const branch = facts.branchProvinceCode;
  if (age === undefined || home === undefined || branch === undefined) return [];
  if (!inBand(age) || !channels.includes(facts.channel) || home === branch) return [];
  const channel = labels.channel(facts.channel);
  const homeLabel = labels.province(home);
  const branchLabel = labels.province(branch);
  return [
    fire(code, 'MEDIUM', 'REVIEW', {
      en: `${group.en} applicant aged ${age} is opening an account through the ${channel.en} channel in ${branchLabel.en}, outside the household-registration province ${homeLabel.en}.`,
      zh: `${group.zh}申请人（${age}周岁）通过${channel.zh}在${branchLabel.zh}开户，与户籍所在省份${homeLabel.zh}不一致。`,
    }, { ageYears: age, channel: facts.channel, householdProvinceCode: home, branchProvinceCode: branch }),
  ];
}

export const REMOTE_CHANNEL_PARAM = { type: 'enum-list', values: CHANNELS } as const;

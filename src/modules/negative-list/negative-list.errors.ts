import type { ErrorCatalogue } from '../../common/errors/error-description.js';

export const NEGATIVE_LIST_ERRORS = {
  NEGATIVE_LIST_ENTRY_NOT_FOUND: { status: 404, title: 'Negative-list entry not found' },
  NEGATIVE_LIST_NOT_CONTRIBUTOR: { status: 403, title: 'Only the contributing institution or the operator may change this entry' },
  NEGATIVE_LIST_PROVENANCE_HIDDEN: { status: 403, title: 'Only the contributor, the operator and regulators see this' },
  NEGATIVE_LIST_ENTRY_NOT_AMENDABLE: { status: 409, title: 'The entry is revoked or expired' },
  NEGATIVE_LIST_EXTERNAL_REF_TAKEN: { status: 409, title: 'Your institution already has an entry with this external reference' },
  NEGATIVE_LIST_TERM_CAP_REACHED: { status: 422, title: 'Consecutive listing under the joint punishment measures would pass 5 years' },
  NEGATIVE_LIST_NOTICE_PERSONS_ONLY: { status: 422, title: 'Notices are written for person entries' },
  NEGATIVE_LIST_APPEAL_NOT_FOUND: { status: 404, title: 'Appeal not found' },
  NEGATIVE_LIST_APPEAL_NOT_ALLOWED: { status: 409, title: 'The entry is not in force, so there is nothing to appeal' },
  NEGATIVE_LIST_APPEAL_ALREADY_OPEN: { status: 409, title: 'An appeal against this entry is already open' },
  NEGATIVE_LIST_APPEAL_DECIDED: { status: 409, title: 'The appeal has been decided' },
  NEGATIVE_LIST_NON_MATCH_NOT_FOUND: { status: 404, title: 'Known non-match not found' },
  NEGATIVE_LIST_EMPTY_QUERY: { status: 400, title: 'Give at least one identifier or a name' },
} as const satisfies ErrorCatalogue<string>;
export type NegativeListErrorCode = keyof typeof NEGATIVE_LIST_ERRORS;

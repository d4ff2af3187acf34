import type { ErrorCatalogue } from '../../common/errors/error-description.js';

export const REGISTRY_ERRORS = {
  REGISTRY_ENTITY_NOT_FOUND: { status: 404, title: 'No registered entity with this USCC' },
  REGISTRY_USCC_MISMATCH: { status: 422, title: 'The USCC in the body differs from the one in the path' },
  REGISTRY_STALE_UPDATE: { status: 409, title: 'A newer registration record is already stored' },
  REGISTRY_WRITE_FORBIDDEN: { status: 403, title: "Registry records come from the registration authority's feed through the operator" },
} as const satisfies ErrorCatalogue<string>;
export type RegistryErrorCode = keyof typeof REGISTRY_ERRORS;

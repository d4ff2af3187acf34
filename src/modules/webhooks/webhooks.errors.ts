import type { ErrorCatalogue } from '../../common/errors/error-description.js';

export const WEBHOOK_ERRORS = {
  WEBHOOK_ENDPOINT_NOT_FOUND: { status: 404, title: 'Webhook endpoint not found' },
  WEBHOOK_DELIVERY_NOT_FOUND: { status: 404, title: 'Webhook delivery not found' },
  WEBHOOK_INVALID_URL: { status: 422, title: 'The webhook URL is not usable' },
} as const satisfies ErrorCatalogue<string>;
export type WebhookErrorCode = keyof typeof WEBHOOK_ERRORS;

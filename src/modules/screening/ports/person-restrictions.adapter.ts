import { Injectable } from '@nestjs/common';
import { RestrictionsService } from '../../restrictions/restrictions.service.js';
import type { NoNewAccountsOrder, PersonRestrictionsPort } from './person-restrictions.port.js';

/** Person- and entity-level restriction orders (in memory in the restrictions module). */
@Injectable()
export class RestrictionsServiceAdapter implements PersonRestrictionsPort {
  readonly ready = true;

  constructor(private readonly restrictions: RestrictionsService) {}

  noNewAccountsOrder(holderKey: string): Promise<NoNewAccountsOrder | null> {
    const m = this.restrictions.personMeasures(holderKey);
    const orderId = m.orderIds[0];
    return Promise.resolve(m.noNewAccounts && orderId !== undefined ? { orderId } : null);
  }
}

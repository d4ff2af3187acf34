import { Global, Module } from '@nestjs/common';
import { AccountsRepository } from './accounts.repository.js';

/** The account registry, shared by openings, restrictions, rescreening and detection. */
@Global()
@Module({ providers: [AccountsRepository], exports: [AccountsRepository] })
export class AccountsModule {}

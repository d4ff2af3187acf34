import { Inject, Injectable, Logger, Optional, type BeforeApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { ChangeFeedService } from '../../infra/messaging/change-feed.service.js';
import { NEGATIVE_LIST_ENTRY_READER, NEGATIVE_LIST_TOPIC, type NegativeListEntryReader } from './negative-list-events.js';
import { RestrictionAutomationService } from './restriction-automation.service.js';

/**
 * Listens to `negative-list.changes` in the instance that made the change (each change is
 * handled once; handling twice would change nothing anyway) and hands the entry to the
 * policies. Without a reader (the negative-list module not wired) changes are only logged.
 * At shutdown the change in hand stops between entries, before the database closes, and what it
 * leaves unapplied is logged.
 */
@Injectable()
export class NegativeListSubscriber implements OnModuleInit, BeforeApplicationShutdown {
  private readonly logger = new Logger('RestrictionsNegativeList');
  private chain: Promise<void> = Promise.resolve();
  private stopping = false;

  constructor(
    private readonly feed: ChangeFeedService,
    private readonly automation: RestrictionAutomationService,
    @Optional() @Inject(NEGATIVE_LIST_ENTRY_READER) private readonly reader: NegativeListEntryReader | null,
  ) {}

  onModuleInit(): void {
    this.feed.subscribe(NEGATIVE_LIST_TOPIC, (payload, meta) => {
      if (meta.origin !== 'local') return;
      // Serialised: changes to one entry must be applied in the order they were made.
      this.chain = this.chain.then(() =>
        this.handle(payload).catch((err: unknown) => this.logger.error({ msg: 'handling a negative-list change failed', payload, err: err instanceof Error ? err.message : String(err) })),
      );
    });
  }

  /** Resolves when every change received so far has been handled (tests). */
  idle(): Promise<void> {
    return this.chain;
  }

  /** Runs before the database closes (the data source closes in the shutdown hooks that follow). */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await this.chain;
  }

  private async handle(payload: Record<string, unknown>): Promise<void> {
    if (this.stopping) {
      this.logger.warn({ msg: 'shutting down: a negative-list change is not applied to restrictions', payload });
      return;
    }
    const action = payload.action;
    const entryId = typeof payload.entryId === 'string' ? payload.entryId : undefined;
    const reason = typeof payload.reason === 'string' ? payload.reason : undefined;
    if (action === 'REVOKED' && entryId) {
      // The negative-list module revokes an entry whose appeal was upheld with reason APPEAL_UPHELD.
      const upheld = reason === 'APPEAL_UPHELD';
      await this.automation.entryReleased(entryId, upheld ? 'APPEAL_UPHELD' : 'REVOKED', reason);
      return;
    }
    if (action !== 'CREATED' && action !== 'AMENDED' && action !== 'IMPORTED' && action !== 'APPEAL_REJECTED') return;
    if (!this.reader) {
      this.logger.warn({ msg: 'negative-list change not applied: no entry reader is wired', action, entryId });
      return;
    }
    let entries;
    if (entryId) entries = await this.reader.read([entryId]);
    else if (action === 'IMPORTED' && typeof payload.fromSeq === 'string' && typeof payload.toSeq === 'string' && this.reader.readRange) {
      entries = await this.reader.readRange(payload.fromSeq, payload.toSeq);
    } else return;
    for (let i = 0; i < entries.length; i++) {
      if (this.stopping) {
        this.logger.warn({ msg: 'shutting down: a negative-list change is applied to restrictions in part', action, entryId, fromSeq: payload.fromSeq, toSeq: payload.toSeq, applied: i, left: entries.length - i });
        return;
      }
      await this.automation.entryInForce(entries[i]!);
    }
  }
}

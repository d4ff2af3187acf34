import { Global, Module, type OnApplicationBootstrap } from '@nestjs/common';
import { ChangeFeedService } from './change-feed.service.js';
import { KafkaService } from './kafka.service.js';

@Global()
@Module({ providers: [KafkaService, ChangeFeedService], exports: [KafkaService, ChangeFeedService] })
export class MessagingModule implements OnApplicationBootstrap {
  constructor(private readonly feed: ChangeFeedService) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.feed.startRemoteDelivery();
  }
}

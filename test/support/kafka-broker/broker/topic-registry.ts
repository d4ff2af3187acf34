// The topics the broker holds and their partition logs. It also owns the "something was
// appended" signal that wakes long-polling fetches.
import { ErrorCode } from '../protocol/error-codes.js';
import { PartitionLog } from './partition-log.js';

const LEGAL_TOPIC_NAME = /^[a-zA-Z0-9._-]{1,249}$/;

export function isValidTopicName(name: string): boolean {
  return LEGAL_TOPIC_NAME.test(name) && name !== '.' && name !== '..';
}

export class TopicRegistry {
  private readonly topics = new Map<string, PartitionLog[]>();
  private readonly appendWaiters = new Set<() => void>();

  names(): string[] {
    return [...this.topics.keys()].sort();
  }

  has(topic: string): boolean {
    return this.topics.has(topic);
  }

  partitions(topic: string): readonly PartitionLog[] | undefined {
    return this.topics.get(topic);
  }

  partition(topic: string, partition: number): PartitionLog | undefined {
    return this.topics.get(topic)?.[partition];
  }

  /** Creates the topic, or says why not with a Kafka error code. */
  create(topic: string, partitionCount: number): number {
    if (!isValidTopicName(topic)) return ErrorCode.INVALID_TOPIC_EXCEPTION;
    if (this.topics.has(topic)) return ErrorCode.TOPIC_ALREADY_EXISTS;
    if (!Number.isInteger(partitionCount) || partitionCount <= 0) return ErrorCode.INVALID_PARTITIONS;
    this.topics.set(
      topic,
      Array.from({ length: partitionCount }, () => new PartitionLog()),
    );
    return ErrorCode.NONE;
  }

  delete(topic: string): boolean {
    const deleted = this.topics.delete(topic);
    if (deleted) this.notifyAppend(); // waiting fetches must see the topic disappear
    return deleted;
  }

  notifyAppend(): void {
    const waiters = [...this.appendWaiters];
    this.appendWaiters.clear();
    for (const wake of waiters) wake();
  }

  /** Resolves on the next append (or deletion, or broker stop), or after `timeoutMs`. */
  waitForAppend(timeoutMs: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = (): void => {
        clearTimeout(timer);
        this.appendWaiters.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, Math.max(0, timeoutMs));
      this.appendWaiters.add(wake);
    });
  }
}

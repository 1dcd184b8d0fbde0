import type { MikroORM } from "@mikro-orm/postgresql";
import type { Logger } from "../../common/logger";
import { withTenant } from "../../database/tenant-db";
import { latestSequence, loadMessages, type TicketEventMessage } from "./event-message";

const PAGE = 500;

export type FeedListener = (messages: TicketEventMessage[]) => void;

interface Feed {
  listeners: Set<FeedListener>;
  /** Highest sequence delivered to this instance's listeners. */
  published: number;
  /** Highest sequence known to exist (from notifications). */
  wanted: number;
  pumping: Promise<void> | null;
  again: boolean;
}

/**
 * Fans a tenant's committed events out to this instance's subscribers. Notifications only say "sequence N
 * exists"; the hub reads every event after the last one it published from the database, in order, once per
 * tenant, however many subscribers there are. After a lost connection `resync` reads whatever was missed.
 */
export class EventHub {
  private readonly feeds = new Map<string, Feed>();

  constructor(
    private readonly orm: MikroORM,
    private readonly logger: Logger,
    private readonly now: () => Date,
  ) {}

  /** Starts delivering a tenant's new events to `listener`; returns the sequence delivery starts after. */
  async attach(tenantId: string, listener: FeedListener): Promise<{ from: number; detach: () => void }> {
    let feed = this.feeds.get(tenantId);
    if (!feed) {
      const latest = await withTenant(this.orm, tenantId, (em) => latestSequence(em, tenantId));
      feed = this.feeds.get(tenantId) ?? { listeners: new Set(), published: latest, wanted: latest, pumping: null, again: false };
      this.feeds.set(tenantId, feed);
    }
    feed.listeners.add(listener);
    const current = feed;
    return {
      from: feed.published,
      detach: () => {
        current.listeners.delete(listener);
        if (!current.listeners.size && this.feeds.get(tenantId) === current) this.feeds.delete(tenantId);
      },
    };
  }

  /** A notification: `sequence` was committed for `tenantId`. */
  notified(tenantId: string, sequence: number): void {
    const feed = this.feeds.get(tenantId);
    if (!feed) return;
    feed.wanted = Math.max(feed.wanted, sequence);
    this.pump(tenantId, feed);
  }

  /** After a reconnect or on a timer: read whatever every watched tenant may have missed. */
  resync(): void {
    for (const [tenantId, feed] of this.feeds) {
      feed.wanted = Number.MAX_SAFE_INTEGER;
      this.pump(tenantId, feed);
    }
  }

  get tenantsWatched(): number {
    return this.feeds.size;
  }

  get listenerCount(): number {
    let n = 0;
    for (const feed of this.feeds.values()) n += feed.listeners.size;
    return n;
  }

  private pump(tenantId: string, feed: Feed): void {
    if (feed.pumping) {
      feed.again = true;
      return;
    }
    feed.pumping = (async () => {
      try {
        do {
          feed.again = false;
          for (;;) {
            const page = await withTenant(this.orm, tenantId, (em) =>
              loadMessages(em, tenantId, { after: feed.published, limit: PAGE }, this.now()),
            );
            if (!page.length) break;
            feed.published = page[page.length - 1]!.sequence;
            for (const listener of [...feed.listeners]) listener(page);
            if (page.length < PAGE) break;
          }
          if (feed.wanted === Number.MAX_SAFE_INTEGER) feed.wanted = feed.published;
        } while (feed.again || feed.published < feed.wanted);
      } catch (error) {
        this.logger.warn("event fan-out failed; will retry on the next notification or resync", { error, tenantId });
      } finally {
        feed.pumping = null;
      }
    })();
  }
}

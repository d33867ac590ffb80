import type { SimNewsletterSignup } from '../types/index.js';
import { SimTable, type TableClock } from './sim-table.js';

/** Test and sandbox controls on the newsletter table: what a footer form and an unsubscribe link do in Centra. */
export class NewsletterTable extends SimTable<SimNewsletterSignup> {
  constructor(private readonly dataClock: TableClock) {
    super((r) => r.id, dataClock);
  }

  /** A footer-form sign-up: a new active subscription with the next id, created now (or at `createdAt`). */
  signUp(email: string, options: Partial<Omit<SimNewsletterSignup, 'id' | 'email'>> = {}): SimNewsletterSignup {
    const id = this.values().reduce((max, s) => Math.max(max, s.id), 0) + 1;
    const signup: SimNewsletterSignup = { id, email, isActive: true, createdAt: this.dataClock.stamp(), store: { id: 1 }, ...options };
    this.add(signup);
    return signup;
  }

  /** An unsubscribe: Centra keeps the row, inactive, and records no date for it [INF]. */
  deactivate(id: number): SimNewsletterSignup {
    return this.update(id, { isActive: false });
  }

  reactivate(id: number): SimNewsletterSignup {
    return this.update(id, { isActive: true });
  }
}

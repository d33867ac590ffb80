import { describe, expect, it } from 'vitest';
import { slackMessage, slackSafe } from '../../server/alerts/slack-message.js';
import type { Alert } from '../../server/store/alert-store.js';

const alert = (over: Partial<Alert>): Alert => ({
  id: 1,
  fingerprint: 'f',
  kind: 'dead_letter',
  entity: 'order 14',
  team: 'ecommerce',
  message: 'm',
  cause: null,
  action: null,
  details: null,
  state: 'open',
  first_seen: 0,
  last_seen: 0,
  occurrences: 1,
  resolved_at: null,
  notified_at: null,
  ...over,
});

describe('Slack text is escaped and redacted (issue 15)', () => {
  it('escapes &, < and > as Slack asks, so a hostile value neither pings nor hides a link', () => {
    expect(slackSafe('<!channel> a & b <https://evil.example|click> <@U123>')).toBe(
      '&lt;!channel&gt; a &amp; b &lt;https://evil.example|click&gt; &lt;@U123&gt;',
    );
    expect(slackSafe('already &amp; escaped')).toBe('already &amp;amp; escaped');
  });

  it('masks emails anywhere in the message, cause and action', () => {
    const text = slackMessage(
      alert({ message: 'Ometria said: bad value anna.berg@example.com', cause: 'from <bob@example.org>', action: 'mail x@y.io' }),
      'opened',
    );
    expect(text).not.toMatch(/@example|x@y/);
    expect(text).toContain('[email]');
    expect(text).toContain('from &lt;[email]&gt;');
  });

  it('keeps its own formatting (emoji, team) and escapes the resolved form too', () => {
    expect(slackMessage(alert({ message: 'order <14> & co' }), 'resolved')).toBe(':white_check_mark: Resolved (ecommerce): order &lt;14&gt; &amp; co');
    expect(slackMessage(alert({ message: 'plain' }), 'opened')).toBe(':rotating_light: [ecommerce] plain');
  });
});

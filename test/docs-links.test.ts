import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../server/package-root.js';

const root = packageRoot();
const README_MAX_LINES = 200;

const pages = (): string[] => [
  'README.md',
  ...readdirSync(join(root, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => `docs/${name}`),
];

/** The text outside fenced code blocks, where `[x](y)` is code, not a link. */
const prose = (markdown: string): string =>
  markdown
    .split(/^```.*$/m)
    .filter((_, i) => i % 2 === 0)
    .join('\n');

/** Relative link targets of a page; absolute URLs and mail links are not files of this repository. */
function relativeLinks(markdown: string): string[] {
  const targets = [...prose(markdown).matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]!);
  return targets.filter((t) => !/^[a-z][a-z0-9+.-]*:/i.test(t));
}

/** GitHub's heading anchors: inline code and emphasis marks dropped, punctuation removed, spaces → '-'. */
function anchors(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const out = new Set<string>();
  for (const [, text] of prose(markdown).matchAll(/^#{1,6}\s+(.+?)\s*#*$/gm)) {
    const base = text!
      .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/[`*]/g, '')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    out.add(n === 0 ? base : `${base}-${n}`);
  }
  return out;
}

interface Broken {
  page: string;
  link: string;
  problem: string;
}

function brokenLinks(page: string): Broken[] {
  const broken: Broken[] = [];
  for (const link of relativeLinks(readFileSync(join(root, page), 'utf8'))) {
    const [path, anchor] = link.split('#', 2) as [string, string | undefined];
    const target = path === '' ? page : relative(root, join(root, dirname(page), path));
    if (!existsSync(join(root, target))) {
      broken.push({ page, link, problem: `${target} does not exist` });
      continue;
    }
    if (anchor && target.endsWith('.md') && !anchors(readFileSync(join(root, target), 'utf8')).has(anchor)) {
      broken.push({ page, link, problem: `${target} has no heading with anchor #${anchor}` });
    }
  }
  return broken;
}

describe('the README and docs/ link only to what exists', () => {
  it('finds the links it checks', () => {
    const readmeLinks = relativeLinks(readFileSync(join(root, 'README.md'), 'utf8'));
    expect(readmeLinks).toEqual(expect.arrayContaining(['docs/going-live.md', 'docs/operations.md', 'docs/automations.md']));
    expect(anchors('## 3. Run `doctor` before going live\n## Inferences [INF]\n## A\n## A')).toEqual(
      new Set(['3-run-doctor-before-going-live', 'inferences-inf', 'a', 'a-1']),
    );
    expect(relativeLinks('[a](b.md) [c](https://x.example)\n```\n[d](e.md)\n```\n[f](g.md#h)')).toEqual(['b.md', 'g.md#h']);
  });

  it('resolves every relative link and anchor in README.md and docs/*.md', () => {
    expect(pages().flatMap(brokenLinks)).toEqual([]);
  });

  it(`keeps the README at most ${README_MAX_LINES} lines`, () => {
    const lines = readFileSync(join(root, 'README.md'), 'utf8').trimEnd().split('\n').length;
    expect(lines).toBeLessThanOrEqual(README_MAX_LINES);
  });
});

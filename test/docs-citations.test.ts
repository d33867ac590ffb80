import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../server/package-root.js';

/**
 * Comments and docs cite the design in the repository (docs/design.md), never a document a clone does not have.
 * The patterns below are written so that this file's own source does not match them: it is scanned too.
 */

const root = packageRoot();
const SCANNED_DIRS = ['server', 'shared', 'tracker', 'test', 'sandbox', 'bench', 'docs', 'contracts', '.ci'];
const SKIPPED_DIRS = new Set(['node_modules', 'dist', 'data', '.git']);
/** Larger files are generated data, not prose; 2 MB is far above any source file here. */
const MAX_BYTES = 2 * 1024 * 1024;

/** Documents that live outside the repository: the project's notes, the vendor digests and the brief. */
const OUTSIDE_DOCUMENTS: Array<[string, RegExp]> = [
  ['an outside notes or vendor digest file', /\b(?:decisions|centra|ometria)\.md\b/],
  // The word and a section number or sign, also when a comment wraps between the two.
  ['a numbered outside decision', /\bdecisions(?:\s|\/\/|\*|#)*(?:§|\d)/],
  ['the outside brief', /\bbrief\.txt\b/],
];

/** `../shared…` is fine when it names a file of this repository (an import); anything else is the outside folder. */
const PARENT_SHARED = /((?:\.\.\/)+shared)\b([\w./-]*)/g;

function scannedFiles(): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      const stat = statSync(path);
      if (stat.isDirectory()) {
        if (!SKIPPED_DIRS.has(name)) walk(path);
      } else if (stat.size <= MAX_BYTES) {
        files.push(path);
      }
    }
  };
  for (const dir of SCANNED_DIRS) if (existsSync(join(root, dir))) walk(join(root, dir));
  for (const name of readdirSync(root)) {
    if (/\.(?:ts|mjs|json)$/.test(name) && name !== 'package-lock.json') files.push(join(root, name));
  }
  return files;
}

function isText(content: Buffer): boolean {
  return !content.includes(0);
}

/** Where a `../shared…` reference lands, or undefined when it names a file or folder of this repository. */
function outsideSharedReference(file: string, prefix: string, rest: string): string | undefined {
  const path = (prefix + rest).replace(/\*.*$/, '').replace(/\.js$/, '.ts');
  const target = resolve(dirname(file), path);
  const inside = target === root || target.startsWith(root + sep);
  return inside && existsSync(target) ? undefined : prefix + rest;
}

/** Every citation of an outside document in `text`, as `line: reason: excerpt`. */
function outsideCitations(file: string, text: string): string[] {
  const found: string[] = [];
  const lines = text.split('\n');
  lines.forEach((line, i) => {
    const next = lines[i + 1] ?? '';
    for (const [reason, pattern] of OUTSIDE_DOCUMENTS) {
      // A wrapped citation ("(decisions" + newline + "// 19)") is reported on the line where it starts.
      const match = pattern.exec(`${line}\n${next}`);
      if (match && match.index < line.length) found.push(`${i + 1}: ${reason}: ${line.trim()}`);
    }
    // test/lint/ plants small source trees in temp folders: their ../shared imports resolve there, not here.
    if (relative(root, file).startsWith(`test${sep}lint${sep}`)) return;
    for (const m of line.matchAll(PARENT_SHARED)) {
      const outside = outsideSharedReference(file, m[1] ?? '', m[2] ?? '');
      if (outside) found.push(`${i + 1}: a folder outside the repository (${outside}): ${line.trim()}`);
    }
  });
  return found;
}

/** GitHub's anchor of a Markdown heading: lower case, punctuation dropped, spaces to dashes. */
function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

function anchors(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const result = new Set<string>();
  let fenced = false;
  for (const line of markdown.split('\n')) {
    if (line.startsWith('```')) fenced = !fenced;
    const heading = !fenced && /^#{1,6}\s+(.*)$/.exec(line);
    if (!heading) continue;
    const base = slug(heading[1] ?? '');
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    result.add(n === 0 ? base : `${base}-${n}`);
  }
  return result;
}

const designPath = join(root, 'docs', 'design.md');
const design = readFileSync(designPath, 'utf8');

/** Section ids of docs/design.md: `## D7 …` headings, and the `| I3 |` rows of its table of inferred facts. */
function designSections(): string[] {
  const headings = [...design.matchAll(/^## ([DCO]\d+)\b/gm)].map((m) => m[1] ?? '');
  const inferred = [...design.matchAll(/^\| (I\d+) \|/gm)].map((m) => m[1] ?? '');
  return [...headings, ...inferred];
}

const ID = String.raw`[DCOI]\d+`;
/** "docs/design.md D7", "design.md) D1–D4, D8", "docs/design.md D2 and D29", "docs/design.md O5–O8 and D8". */
const DESIGN_CITATION = new RegExp(String.raw`\bdesign\.md\)?\s+(${ID}(?:\s*(?:–|-|,|and)\s*${ID})*)`, 'g');

/** Every section id a citation list names, ranges expanded: "D28–D31" → D28, D29, D30, D31. */
function citedSections(list: string): string[] {
  const ids: string[] = [];
  for (const part of list.split(/\s*(?:,|\band\b)\s*/)) {
    const range = /^([DCOI])(\d+)\s*[–-]\s*([DCOI])(\d+)$/.exec(part.trim());
    if (range && range[1] === range[3]) {
      for (let n = Number(range[2]); n <= Number(range[4]); n += 1) ids.push(`${range[1]}${n}`);
    } else {
      ids.push(...(part.match(new RegExp(ID, 'g')) ?? []));
    }
  }
  return ids;
}

/** Cited `docs/<file>.md[#anchor]` paths (and, inside docs/, relative `(<file>.md#anchor)` links) that do not exist. */
function brokenDocLinks(file: string, text: string): string[] {
  const broken: string[] = [];
  const check = (target: string, anchor: string | undefined, shown: string) => {
    if (!existsSync(target)) {
      broken.push(`${shown}: no such file`);
    } else if (anchor && !anchors(readFileSync(target, 'utf8')).has(anchor)) {
      broken.push(`${shown}: no heading with anchor #${anchor}`);
    }
  };
  for (const m of text.matchAll(/\bdocs\/([\w-]+\.md)(?:#([\w-]+))?/g)) check(join(root, 'docs', m[1] ?? ''), m[2], m[0]);
  if (file.endsWith('.md')) {
    for (const m of text.matchAll(/\]\((?!https?:)([\w./-]*\.md)?(?:#([\w-]+))?\)/g)) {
      if (!m[1] && !m[2]) continue;
      check(m[1] ? resolve(dirname(file), m[1]) : file, m[2], `${relative(root, file)}: ${m[0]}`);
    }
  }
  return broken;
}

describe('citations point inside the repository', () => {
  const files = scannedFiles();

  it('scans the source, tests, sandbox and docs', () => {
    const names = files.map((f) => relative(root, f));
    expect(names).toContain(join('server', 'main.ts'));
    expect(names).toContain(join('docs', 'design.md'));
    expect(names).toContain(join('test', 'docs-citations.test.ts'));
  });

  it('finds a planted citation of each kind (the scanner itself can fail)', () => {
    const planted = [
      `/** Retried (${'decisions'}.md 5). */`,
      `// see ${'centra'}.md §1.4`,
      `// the push limit (reference/${'ometria'}.md §1)`,
      `// durability (${'decisions'}\n// 19)`,
      `// as the ${'brief'}.txt says`,
      `// the notes in ../../${'shared'}/reference are not in a clone`,
    ];
    for (const line of planted) expect(outsideCitations(join(root, 'server', 'x.ts'), line), line).not.toEqual([]);
    expect(outsideCitations(join(root, 'server', 'collect', 'x.ts'), `import '${'../../'}shared/ids/index.js';`)).toEqual([]);
  });

  it('no file cites decisions, centra or ometria notes, the brief or the folder beside the repository', () => {
    const offences: string[] = [];
    for (const file of files) {
      const content = readFileSync(file);
      if (!isText(content)) continue;
      for (const found of outsideCitations(file, content.toString('utf8'))) offences.push(`${relative(root, file)}:${found}`);
    }
    expect(offences, 'cite docs/design.md (a D, C, O or I section) or another docs/ page instead').toEqual([]);
  });
});

describe('citations of docs/design.md name sections that exist', () => {
  const sections = designSections();

  it('docs/design.md has numbered sections, each id once', () => {
    expect(sections).toEqual(expect.arrayContaining(['D1', 'C1', 'O1', 'I1']));
    expect(sections.filter((id, i) => sections.indexOf(id) !== i)).toEqual([]);
  });

  it('expands citation lists and ranges', () => {
    expect(citedSections('D28–D31')).toEqual(['D28', 'D29', 'D30', 'D31']);
    expect(citedSections('O5–O8 and D8')).toEqual(['O5', 'O6', 'O7', 'O8', 'D8']);
    expect(citedSections('D1, D4')).toEqual(['D1', 'D4']);
  });

  it('every "docs/design.md <id>" citation names an existing section', () => {
    const unknown: string[] = [];
    for (const file of scannedFiles()) {
      const content = readFileSync(file);
      if (!isText(content)) continue;
      for (const m of content.toString('utf8').matchAll(DESIGN_CITATION)) {
        for (const id of citedSections(m[1] ?? '')) {
          if (!sections.includes(id)) unknown.push(`${relative(root, file)}: ${id} in "${m[0]}"`);
        }
      }
    }
    expect(unknown, 'add the section to docs/design.md or cite one that exists').toEqual([]);
  });

  it('every cited docs/<file>.md exists, with the heading its anchor names', () => {
    const broken = scannedFiles().flatMap((file) => {
      const content = readFileSync(file);
      return isText(content) ? brokenDocLinks(file, content.toString('utf8')) : [];
    });
    expect(broken).toEqual([]);
  });
});

// Tests of the docs runner itself (`node --test scripts/docs/`, part of `npm run test:docs`): the
// sectioning rule on its own, then the whole runner on two fixtures against the real HBase, one
// whose blocks must all pass and one whose sections must each fail with the right file and line.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { readSections } from './markdown-blocks.mjs';

const fence = '```';

describe('readSections', () => {
  it('starts a section at #, ## and ### headings, not at ####, nor at a # inside a fence', () => {
    const text = [
      '# Title',
      `${fence}ts`,
      'a();',
      fence,
      '## Two',
      `${fence}sh`,
      '# comment, not a heading',
      fence,
      '#### Four',
      `${fence}ts`,
      'b();',
      fence,
      '### Three',
      `${fence}js`,
      'c();',
      fence,
    ].join('\n');
    const { sections, errors } = readSections('x.md', text);
    assert.deepEqual(errors, []);
    assert.deepEqual(
      sections.map((s) => [s.heading, s.line, s.blocks.map((b) => `${b.language}@${b.firstCodeLine}`)]),
      [
        ['# Title', 1, ['ts@3']],
        ['## Two', 5, ['sh@7', 'ts@11']],
        ['### Three', 13, ['js@15']],
      ],
    );
  });

  it('takes a norun reason from the info string, else from the sentence before the block', () => {
    const text = [
      '## S',
      `${fence}ts norun needs Kerberos`,
      'x();',
      fence,
      '',
      'It needs a cluster.',
      '',
      `${fence}js norun`,
      'y();',
      fence,
    ].join('\n');
    const { sections, errors } = readSections('x.md', text);
    assert.deepEqual(errors, []);
    assert.deepEqual(
      sections[0].blocks.map((b) => b.skipReason),
      ['needs Kerberos', 'It needs a cluster.'],
    );
  });

  it('reads the experimentalDecorators flag and removes the indent of a fence in a list', () => {
    const text = [
      '## S',
      '1. item',
      '',
      `   ${fence}ts experimentalDecorators`,
      '   @Dec() class A {}',
      `   ${fence}`,
    ].join('\n');
    const { sections, errors } = readSections('x.md', text);
    assert.deepEqual(errors, []);
    assert.equal(sections[0].blocks[0].experimentalDecorators, true);
    assert.deepEqual(sections[0].blocks[0].lines, ['@Dec() class A {}']);
  });

  it('rejects unknown languages, missing languages, unknown flags, norun without reason, unclosed fences', () => {
    const text = [
      '## S',
      `${fence}python`,
      fence,
      fence,
      fence,
      `${fence}ts no-run`,
      fence,
      `${fence}ts norun`,
      fence,
      `${fence}sh norun because`,
      fence,
      `${fence}ts`,
      'never closed',
    ].join('\n');
    const { errors } = readSections('x.md', text);
    assert.equal(errors.length, 6, errors.join('\n'));
    assert.match(errors[0], /^x\.md:2: unknown code block language 'python'/);
    assert.match(errors[1], /^x\.md:4: a code block needs a language/);
    assert.match(errors[2], /^x\.md:6: unknown flag 'no-run'/);
    assert.match(errors[3], /^x\.md:8: a 'norun' block needs a reason/);
    assert.match(errors[4], /^x\.md:10: 'sh' blocks never run/);
    assert.match(errors[5], /^x\.md:12: code fence never closed/);
  });
});

/** Runs the runner on one fixture; the built package and the gateway on localhost:9090 are needed. */
function runFixture(name) {
  const result = spawnSync(process.execPath, ['scripts/test-docs.mjs', `scripts/docs/fixtures/${name}`], {
    encoding: 'utf8',
    env: { ...process.env, DOCS_SECTION_TIMEOUT_MS: '5000' },
    timeout: 120_000,
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe('the runner, against the real HBase', () => {
  it('runs every runnable block of a passing fixture and reports the skipped ones with their reason', () => {
    const { status, output } = runFixture('passing.md');
    assert.equal(status, 0, output);
    assert.match(output, /ran 5 code block\(s\) as 4 program\(s\) from 1 file\(s\)/);
    assert.match(output, /ok {3}\S+ ## Blocks concatenate within a section \[ts\] \(2 block\(s\)/);
    assert.match(output, /\[ts, experimentalDecorators\]/);
    assert.match(output, /passing\.md:\d+ \(ts\): needs a cluster with Kerberos/);
    assert.match(output, /passing\.md:\d+ \(js\): This one needs a gateway that does not exist here\./);
    assert.match(output, /passing\.md: lines 33 \(sh\)/);
  });

  it('fails each failing section, naming the file, the section and the line', () => {
    const { status, output } = runFixture('failing.md');
    assert.equal(status, 1, output);
    const file = 'scripts/docs/fixtures/failing.md';
    // Line 12 is the `throw`, although `await using` above it was lowered to several lines.
    assert.match(output, new RegExp(`${file}:12 \\(## Throws\\): exited with code 1`));
    assert.match(output, new RegExp(`${file}:12:7`)); // the stack trace, mapped to the Markdown line
    assert.match(output, new RegExp(`${file}:18 \\(## Type error\\): TS2322`));
    assert.match(output, new RegExp(`${file}:25 \\(## Hangs\\): did not finish within 5000 ms`));
    assert.match(
      output,
      new RegExp(`${file}:\\d+ \\(## Leaves a table behind\\): left table\\(s\\) docs-fixture_leaked`),
    );
    assert.match(output, new RegExp(`${file}:42: unknown code block language 'python'`));
    assert.match(output, new RegExp(`${file}:46: a code block needs a language`));
    assert.match(output, new RegExp(`${file}:50: a 'norun' block needs a reason`));
    assert.match(output, new RegExp(`${file}:54: unknown flag 'no-run'`));
    assert.match(output, /8 problem\(s\)/);
  });
});

// Reads the fenced code blocks of a Markdown file and groups them into sections, the unit that
// `npm run test:docs` runs. The rule (stated in CONTRIBUTING.md, "Code blocks in the docs"):
//   - a heading of level 1, 2 or 3 (`#`, `##`, `###`) starts a new section; `####` and deeper do not;
//   - within a section, the runnable ```ts blocks, in order, form one program and the runnable
//     ```js blocks another (a JavaScript block is the plain-JavaScript alternative of the TypeScript
//     next to it, not a continuation of it);
//   - the info string is `<language> [experimentalDecorators] [norun <reason>]`.
// Only CommonMark's fences are recognised (``` or ~~~, at most 3 spaces of indent); headings inside
// fences are code, not headings.

/** Languages whose blocks run, by the name they are written with. */
export const RUNNABLE = new Map([
  ['ts', 'ts'],
  ['typescript', 'ts'],
  ['js', 'js'],
  ['javascript', 'js'],
]);

/** Languages shown but never run (shell sessions, output, configuration files). */
export const SHOWN_ONLY = new Set([
  'sh',
  'bash',
  'shell',
  'console',
  'text',
  'json',
  'jsonc',
  'yaml',
  'xml',
  'diff',
]);

/** Info-string flags besides `norun`. */
const FLAGS = new Set(['experimentalDecorators']);

/**
 * @typedef {object} Block
 * @property {string} file          path of the Markdown file, as given
 * @property {number} line          1-based line of the opening fence
 * @property {number} firstCodeLine 1-based line of the block's first line of code
 * @property {string[]} lines       the code, indentation of the fence removed
 * @property {string} language      as written in the info string
 * @property {'ts' | 'js' | undefined} kind  undefined for languages that are only shown
 * @property {boolean} experimentalDecorators
 * @property {string | undefined} skipReason  why a runnable block does not run (`norun`)
 *
 * @typedef {object} Section
 * @property {string} file
 * @property {string} heading   e.g. `## Tables`
 * @property {number} line      1-based line of the heading (0 before the first heading)
 * @property {Block[]} blocks
 */

/**
 * Splits `text` into sections with their blocks. Problems that make a block unusable (an unknown
 * language or flag, a `norun` without a reason, an unclosed fence) are returned as `errors`.
 * @param {string} file
 * @param {string} text
 * @returns {{ sections: Section[], errors: string[] }}
 */
export function readSections(file, text) {
  const lines = text.split(/\r?\n/);
  /** @type {Section[]} */
  const sections = [{ file, heading: '(before the first heading)', line: 0, blocks: [] }];
  const errors = [];
  for (let i = 0; i < lines.length; i++) {
    const heading = /^ {0,3}(#{1,6})\s+(.*?)\s*#*\s*$/.exec(lines[i]);
    if (heading) {
      if (heading[1].length <= 3)
        sections.push({ file, heading: `${heading[1]} ${heading[2]}`, line: i + 1, blocks: [] });
      continue;
    }
    const fence = /^( {0,3})(`{3,}|~{3,})\s*([^`]*)$/.exec(lines[i]);
    if (!fence) continue;
    const [, indent, marker, info] = fence;
    const close = new RegExp(`^ {0,3}${marker[0] === '`' ? '`' : '~'}{${marker.length},}\\s*$`);
    let end = i + 1;
    while (end < lines.length && !close.test(lines[end])) end++;
    if (end === lines.length) {
      errors.push(`${file}:${i + 1}: code fence never closed`);
      break;
    }
    const code = lines.slice(i + 1, end).map((line) => stripIndent(line, indent.length));
    const block = describeBlock(file, i + 1, info.trim(), code, precedingParagraph(lines, i), errors);
    if (block) sections.at(-1).blocks.push(block);
    i = end;
  }
  return { sections: sections.filter((section) => section.blocks.length > 0), errors };
}

/** @returns {Block | undefined} */
function describeBlock(file, line, info, code, paragraph, errors) {
  const where = `${file}:${line}`;
  const [language = '', ...words] = info.split(/\s+/).filter(Boolean);
  if (language === '') {
    errors.push(`${where}: a code block needs a language (ts, js, or one that is only shown: sh, text, ...)`);
    return undefined;
  }
  const kind = RUNNABLE.get(language);
  if (!kind && !SHOWN_ONLY.has(language)) {
    errors.push(
      `${where}: unknown code block language '${language}' (runnable: ts, js; shown only: ${[...SHOWN_ONLY].join(', ')})`,
    );
    return undefined;
  }
  let experimentalDecorators = false;
  let skipReason;
  for (let w = 0; w < words.length; w++) {
    if (words[w] === 'norun') {
      skipReason = words.slice(w + 1).join(' ') || paragraph;
      if (!skipReason) {
        errors.push(
          `${where}: a 'norun' block needs a reason, after 'norun' or in the sentence just before it`,
        );
        return undefined;
      }
      break;
    }
    if (!FLAGS.has(words[w])) {
      errors.push(
        `${where}: unknown flag '${words[w]}' in the info string (known: norun, ${[...FLAGS].join(', ')})`,
      );
      return undefined;
    }
    experimentalDecorators = true;
  }
  if (!kind && (skipReason || experimentalDecorators)) {
    errors.push(`${where}: '${language}' blocks never run; flags are for ts and js blocks`);
    return undefined;
  }
  return {
    file,
    line,
    firstCodeLine: line + 1,
    lines: code,
    language,
    kind,
    experimentalDecorators,
    skipReason,
  };
}

/** The prose paragraph right above line `index` (0-based), on one line; '' when there is none. */
function precedingParagraph(lines, index) {
  let i = index - 1;
  while (i >= 0 && lines[i].trim() === '') i--;
  const collected = [];
  while (i >= 0 && lines[i].trim() !== '' && !/^ {0,3}(#|`{3}|~{3})/.test(lines[i]))
    collected.unshift(lines[i--].trim());
  return collected.join(' ');
}

/** Removes up to `width` leading spaces (CommonMark: a fence's indent is removed from its lines). */
function stripIndent(line, width) {
  let cut = 0;
  while (cut < width && line[cut] === ' ') cut++;
  return line.slice(cut);
}

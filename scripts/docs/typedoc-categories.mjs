// A TypeDoc plugin (typedoc.json "plugin") that files every export under the topic of the folder
// it comes from, so the API reference is grouped by concept (Client, Filters, Mapper, Codecs,
// Errors, NestJS, OpenTelemetry, Testing) without a `@category` tag on each of ~100 exports — and so an export added later
// lands in the right group by itself. An explicit `@category` tag in an export's TSDoc wins.
import { Comment, CommentTag, Converter } from 'typedoc';

/** The first rule whose pattern matches an export's source path (relative to the package) wins. */
const RULES = [
  [/^src\/nest\//, 'NestJS'],
  [/^src\/otel\//, 'OpenTelemetry'],
  [/^src\/testing\//, 'Testing'],
  [/Error$/, 'Errors', 'name'], // every error class, wherever it lives
  [/^src\/client\/errors\//, 'Errors'],
  [/^src\/client\/filter\//, 'Filters'],
  [/^src\/client\//, 'Client'],
  [/^src\/codecs\//, 'Codecs'],
  [/^src\/(decorators|mapper)\//, 'Mapper'],
];

/** @param {import('typedoc').Application} app */
export function load(app) {
  // Before the category plugin (priority -200) reads the tags at the end of resolution.
  app.converter.on(
    Converter.EVENT_RESOLVE_END,
    (context) => {
      const project = context.project;
      for (const module of project.children ?? []) {
        for (const reflection of module.children ?? []) {
          if (hasCategory(reflection)) continue;
          const path = project.getSymbolIdFromReflection(reflection)?.packagePath ?? '';
          const rule = RULES.find(([pattern, , by]) => pattern.test(by === 'name' ? reflection.name : path));
          if (!rule) {
            // With treatWarningsAsErrors this fails `npm run docs`: every export belongs to a topic.
            app.logger.warn(`${reflection.name} (${path}) matches no topic: give it a @category tag`);
            continue;
          }
          const target = reflection.comment ?? reflection.signatures?.[0]?.comment;
          const tag = new CommentTag('@category', [{ kind: 'text', text: rule[1] }]);
          if (target) target.blockTags.push(tag);
          else reflection.comment = new Comment([], [tag]);
        }
      }
    },
    100,
  );
}

function hasCategory(reflection) {
  const comments = [reflection.comment, ...(reflection.signatures ?? []).map((s) => s.comment)];
  return comments.some((comment) => comment?.blockTags.some((tag) => tag.tag === '@category'));
}

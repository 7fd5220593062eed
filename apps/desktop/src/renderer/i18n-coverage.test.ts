import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { en } from '../../../../packages/ui/src/i18n/messages-en';
import { fr } from '../../../../packages/ui/src/i18n/messages-fr';

/**
 * Nothing on the till's screens is left untranslated: every key exists in both catalogs with the
 * same placeholders, every key the code names exists and every key is used, and no user-visible
 * literal is written straight into a component (JSX text or a `title`, `aria-label`,
 * `placeholder`, `alt` or `label` prop).
 */
const root = join(__dirname, '../../../..');
const SOURCES = [join(root, 'apps/desktop/src/renderer'), join(root, 'packages/ui/src/components')];
/** Props a person reads or hears. */
const VISIBLE_PROPS = new Set(['title', 'aria-label', 'placeholder', 'alt', 'label']);
/** Literals that are not language: names of languages in their own language, the brand. */
const ALLOWED = new Set(['English', 'Français', 'Comanda']);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'testing' || entry.name === 'chaos' ? [] : sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !/\.(test|bench)\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

const files = SOURCES.flatMap(sourceFiles).map((path) => ({
  path: relative(root, path),
  ast: ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true, path.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS),
}));

function visit(node: ts.Node, each: (node: ts.Node) => void): void {
  each(node);
  node.forEachChild((child) => visit(child, each));
}

/** Has words a person reads (not only digits, symbols and punctuation). */
const isLanguage = (text: string) => /\p{L}{2,}/u.test(text) && !ALLOWED.has(text.trim());

/** String literals an expression can evaluate to as shown (`a ? 'x' : 'y'`, `ok && 'z'`). */
function shownLiterals(expr: ts.Expression): ts.StringLiteralLike[] {
  if (ts.isStringLiteralLike(expr)) return [expr];
  if (ts.isParenthesizedExpression(expr)) return shownLiterals(expr.expression);
  if (ts.isConditionalExpression(expr)) return [...shownLiterals(expr.whenTrue), ...shownLiterals(expr.whenFalse)];
  if (ts.isBinaryExpression(expr) && [ts.SyntaxKind.AmpersandAmpersandToken, ts.SyntaxKind.BarBarToken, ts.SyntaxKind.QuestionQuestionToken].includes(expr.operatorToken.kind))
    return [...shownLiterals(expr.left), ...shownLiterals(expr.right)];
  if (ts.isTemplateExpression(expr)) return [expr.head as unknown as ts.StringLiteralLike];
  return [];
}

/** Hard-coded user-visible literals, as "file:line: text". */
export function untranslatedLiterals(): string[] {
  const found: string[] = [];
  for (const { path, ast } of files) {
    const report = (node: ts.Node, text: string) => {
      const line = ast.getLineAndCharacterOfPosition(node.getStart()).line + 1;
      found.push(`${path}:${line}: ${text.trim().slice(0, 60)}`);
    };
    visit(ast, (node) => {
      if (ts.isJsxText(node) && isLanguage(node.text)) report(node, node.text);
      if (ts.isJsxAttribute(node) && VISIBLE_PROPS.has(node.name.getText())) {
        const value = node.initializer;
        const literal = value && ts.isStringLiteral(value) ? value : value && ts.isJsxExpression(value) && value.expression && ts.isStringLiteralLike(value.expression) ? value.expression : null;
        if (literal && isLanguage(literal.text)) report(node, literal.text);
      }
      // `{cond ? 'Pairing…' : 'Pair'}` and `{'text'}` as children.
      if (ts.isJsxExpression(node) && node.expression && (ts.isJsxElement(node.parent) || ts.isJsxFragment(node.parent))) {
        for (const literal of shownLiterals(node.expression)) if (isLanguage(literal.text)) report(literal, literal.text);
      }
    });
  }
  return found;
}

/** String literals and template-literal prefixes anywhere in the sources (how keys are named). */
function namedKeys(): { literals: Set<string>; prefixes: Set<string> } {
  const literals = new Set<string>();
  const prefixes = new Set<string>();
  for (const { ast } of files) {
    visit(ast, (node) => {
      if (ts.isStringLiteralLike(node)) literals.add(node.text);
      if (ts.isTemplateExpression(node)) prefixes.add(node.head.text);
    });
  }
  return { literals, prefixes };
}

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
const catalogKeys = Object.keys(en);

describe('till translations', () => {
  it('has every key in English and French, non-empty, with the same placeholders', () => {
    expect(Object.keys(fr).sort()).toEqual([...catalogKeys].sort());
    for (const key of catalogKeys) {
      const english = en[key as keyof typeof en];
      const french = fr[key as keyof typeof fr];
      expect(french.trim(), key).not.toBe('');
      expect(placeholders(french), key).toEqual(placeholders(english));
    }
  });

  it('names only keys that exist, in t() calls', () => {
    const missing: string[] = [];
    for (const { path, ast } of files) {
      visit(ast, (node) => {
        if (!ts.isCallExpression(node) || node.expression.getText() !== 't') return;
        const [key] = node.arguments;
        if (key && ts.isStringLiteralLike(key) && !(key.text in en)) missing.push(`${path}: ${key.text}`);
      });
    }
    expect(missing).toEqual([]);
  });

  it('uses every key (by name, or through a template such as `printer.${state}`)', () => {
    const { literals, prefixes } = namedKeys();
    const unused = catalogKeys.filter((key) => !literals.has(key) && ![...prefixes].some((p) => p.length > 0 && key.startsWith(p)));
    expect(unused).toEqual([]);
  });

  it('has no hard-coded user-visible text in components', () => {
    expect(untranslatedLiterals()).toEqual([]);
  });

  it('formats dates and times only through the I18n formatters (locale, branch time zone, 24-hour)', () => {
    const direct: string[] = [];
    for (const { path, ast } of files) {
      visit(ast, (node) => {
        if (ts.isPropertyAccessExpression(node) && /^(toLocale(Date|Time)?String|getHours|getMinutes)$/.test(node.name.text))
          direct.push(`${path}:${ast.getLineAndCharacterOfPosition(node.getStart()).line + 1}: ${node.getText().slice(0, 60)}`);
      });
    }
    expect(direct).toEqual([]);
  });
});

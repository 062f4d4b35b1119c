// The explorer's folders point one way: core/ (state and logic) builds no DOM and imports nothing of views/, export/ or the entry files.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const SRC = path.join(__dirname, '..', '..', 'client', 'src');

function sources(folder: string): string[] {
  return readdirSync(path.join(SRC, folder), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts'))
    .map((file) => path.join(folder, file));
}

/** Each relative import of a file, resolved to a path under client/src (e.g. "views/dom"). */
function imports(file: string): string[] {
  const text = readFileSync(path.join(SRC, file), 'utf8');
  return [...text.matchAll(/from '(\.[^']+)'/g)].map((match) =>
    path.relative(SRC, path.resolve(path.dirname(path.join(SRC, file)), match[1] as string)),
  );
}

describe('client layers', () => {
  const core = sources('core');

  test('core/ imports only core/ and server/model/', () => {
    expect(core.length).toBeGreaterThanOrEqual(10);
    const outside = core.flatMap((file) =>
      imports(file)
        .filter((target) => !target.startsWith('core') && !target.startsWith('../../server/model/'))
        .map((target) => `${file} → ${target}`),
    );
    expect(outside).toEqual([]);
  });

  test('core/ builds no DOM', () => {
    const dom = core.filter((file) => /\bdocument\.|\bHTML[A-Za-z]*Element\b/.test(readFileSync(path.join(SRC, file), 'utf8')));
    expect(dom).toEqual([]);
  });

  test('views/ and export/ do not reach back into the entry files', () => {
    const back = [...sources('views'), ...sources('export')].flatMap((file) =>
      imports(file)
        .filter((target) => target === 'explorer' || target === 'main')
        .map((target) => `${file} → ${target}`),
    );
    expect(back).toEqual([]);
  });
});

// Entry point: sets the palette, resolves the settings, builds the explorer into #app, and exposes a read-only hook for the browser tests.
import './styles.css';
import { describeError } from './core/errors';
import { cssCustomProperties } from './core/graph/style';
import { resolveSettings, type ExplorerSettings } from './core/settings';
import { Explorer } from './explorer';

declare global {
  interface Window {
    /** Test hook: the graph, the renderer and the state, for reading only. */
    __explorer?: ReturnType<Explorer['hook']>;
  }
}

/** Settings overrides come from a JSON `data-settings` attribute on #app, so a deployment can tune them without a rebuild. */
function readOverrides(root: HTMLElement): Partial<ExplorerSettings> {
  const text = root.dataset.settings;
  if (text === undefined || text.trim() === '') return {};
  const parsed: unknown = JSON.parse(text);
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('#app data-settings: expected a JSON object');
  return parsed as Partial<ExplorerSettings>;
}

/** styles.css names its colours; style.ts gives them, once, as custom properties on the document root. */
function applyPalette(): void {
  for (const [name, value] of Object.entries(cssCustomProperties())) document.documentElement.style.setProperty(name, value);
}

function boot(): void {
  applyPalette();
  const root = document.getElementById('app');
  if (root === null) throw new Error('index.html: expected an element with id "app"');
  try {
    const explorer = new Explorer(root, resolveSettings(readOverrides(root)));
    window.__explorer = explorer.hook();
    explorer.start();
  } catch (error) {
    // A broken configuration still gets a readable page rather than a blank one.
    const { title, detail } = describeError(error);
    root.innerHTML = '';
    const card = document.createElement('div');
    card.className = 'status-card problem fatal';
    card.setAttribute('role', 'alert');
    const heading = document.createElement('h2');
    heading.textContent = title;
    const text = document.createElement('p');
    text.textContent = detail;
    card.append(heading, text);
    root.append(card);
  }
}

boot();

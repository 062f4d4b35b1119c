// The page's frame: the top bar (brand, search, modes, sidebar toggle, export), the workspace (sidebar, stage, panel), and keyboard shortcuts.
import { el, setChildren } from './dom';

export interface ShellParts {
  search: HTMLElement;
  modes: HTMLElement;
  exportMenu: HTMLElement;
  /** The sidebar's sections: the legend and the filters. */
  sidebar: HTMLElement[];
  stage: HTMLElement;
  panel: HTMLElement;
}

/** Builds the page into `root`, replacing what was there. */
export function buildShell(root: HTMLElement, parts: ShellParts): void {
  const sidebarToggle = el('button', {
    class: 'button sidebar-toggle',
    text: 'Filters & legend',
    attrs: { type: 'button', 'aria-controls': 'sidebar', 'aria-expanded': 'false' },
    on: {
      click: () => {
        const open = document.body.classList.toggle('sidebar-open');
        sidebarToggle.setAttribute('aria-expanded', String(open));
      },
    },
  });
  const sidebar = el('aside', { class: 'sidebar', attrs: { id: 'sidebar', 'aria-label': 'Legend and filters' } }, parts.sidebar);
  setChildren(root, [
    el('header', { class: 'topbar' }, [
      el('h1', { class: 'brand' }, [el('a', { text: 'Claim graph', attrs: { href: '/', title: 'Who claimed what about whom' } })]),
      parts.search,
      parts.modes,
      sidebarToggle,
      parts.exportMenu,
    ]),
    // The panel comes right after the top bar in the tab order, before the filters and the graph, so a record that
    // opens is the next stop; CSS `order` still draws it on the right.
    el('div', { class: 'workspace' }, [parts.panel, sidebar, parts.stage]),
  ]);
}

export interface Shortcuts {
  /** "/" focuses this input, unless the person is typing somewhere. */
  searchInput: HTMLInputElement;
  panelOpen(): boolean;
  closePanel(): void;
  zoom(direction: 'in' | 'out'): void;
  fit(): void;
  home(): void;
}

/**
 * "/" jumps to the search; "+" and "-" zoom, "F" fits what is shown, "0" resets the camera; Escape closes the
 * narrow-screen sidebar first, then the panel. None of them fires while the person is typing.
 */
export function bindShortcuts(shortcuts: Shortcuts): void {
  document.addEventListener('keydown', (event) => {
    const target = event.target as HTMLElement | null;
    const typing =
      target !== null &&
      (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT' || target.isContentEditable);
    const plain = !typing && !event.ctrlKey && !event.metaKey && !event.altKey;
    const camera: Record<string, () => void> = {
      '+': () => shortcuts.zoom('in'),
      '=': () => shortcuts.zoom('in'),
      '-': () => shortcuts.zoom('out'),
      f: () => shortcuts.fit(),
      F: () => shortcuts.fit(),
      '0': () => shortcuts.home(),
    };
    if (event.key === '/' && !typing) {
      event.preventDefault();
      shortcuts.searchInput.focus();
      shortcuts.searchInput.select();
    } else if (plain && camera[event.key] !== undefined) {
      event.preventDefault();
      camera[event.key]!();
    } else if (event.key === 'Escape' && !event.defaultPrevented) {
      if (document.body.classList.contains('sidebar-open')) {
        document.body.classList.remove('sidebar-open');
      } else if (shortcuts.panelOpen()) {
        shortcuts.closePanel();
      }
    }
  });
}

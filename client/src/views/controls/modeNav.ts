// The mode buttons in the top bar (start, explore, attribution, paths, network): each asks the store for its mode and shows whether it is the current one.
import type { ViewStore } from '../../core/state/store';
import type { Mode } from '../../core/state/urlState';
import { el } from '../dom';

const BUTTONS: Array<[Mode, string]> = [
  ['start', 'Start'],
  ['explore', 'Explore'],
  ['attribution', 'Attribution'],
  ['paths', 'Paths'],
  ['network', 'Network'],
];

/** The chain view has no button of its own (it is reached from a claim): in it, no button is pressed. */
function pressed(button: Mode, current: Mode): boolean {
  return button === current;
}

export function createModeNav(store: ViewStore, switchMode: (mode: Mode) => void): HTMLElement {
  const buttons = BUTTONS.map(([mode, label]) =>
    el('button', {
      class: 'mode-button',
      text: label,
      attrs: { type: 'button', 'data-mode': mode, 'aria-pressed': 'false' },
      on: { click: () => switchMode(mode) },
    }),
  );
  store.subscribe(({ state }) => {
    BUTTONS.forEach(([mode], index) => buttons[index]?.setAttribute('aria-pressed', String(pressed(mode, state.mode))));
  });
  return el('nav', { class: 'modes', attrs: { 'aria-label': 'Views' } }, buttons);
}

// Launches the system Chromium that the e2e tests and the browser bench drive: headless, WebGL through SwiftShader, no background traffic.
import { chromium, type Browser } from 'playwright-core';

/** SwiftShader is the only WebGL a machine without a GPU has; the bench checks the renderer string so a silent fallback cannot pass. */
export const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu-sandbox',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** Debian's package installs Chromium at /usr/bin/chromium; CHROMIUM_PATH points elsewhere. `extraArgs` follow CHROMIUM_ARGS. */
export function launchChromium(extraArgs: readonly string[] = []): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: [...CHROMIUM_ARGS, ...extraArgs] });
}

// The source reader in headless Chromium against the real app and the seeded Neo4j: from a claim to its words in the article and
// back to another claim; every article with every claim highlighted; explanations, affiliations and related incidents in attribution.
// Each scenario opens its own browser context at a known URL, as explorer.test.ts does.
import type { Page } from 'playwright-core';
import type { ActorDetail, Attribution, ClaimDetail, SourceDocument } from '../../server/model/api';
import { CERTAINTIES } from '../../server/model/vocabulary';
import { STANCE_COLORS, stanceKey } from '../../client/src/core/graph/style';
import { expectReference } from './reference';
import { capture, screenshot, settled, urlParam, useExplorer, type OpenOptions } from './support';

/** The FBI's attribution of the Sony hack: a claim the story has always had, reported by SiliconANGLE. */
const CLAIM = 'fbi-attributes-sony-hack';

const explorer = useExplorer();
let page: Page;

async function open(path: string, options: OpenOptions = {}): Promise<Page> {
  page = await explorer.open(path, options);
  return page;
}

async function api<T>(path: string): Promise<T> {
  const response = await fetch(`${explorer.app.url}/api${path}`);
  expect(response.status).toBe(200);
  return (await response.json()) as T;
}

/** The reader's text as a person reads it (the "+" chips are drawn by CSS and hold no text). */
async function readerText(): Promise<string> {
  return (await page.locator('#reader .reader-text').textContent()) ?? '';
}

/** The claim of the element that has keyboard focus, or null. */
async function activeClaim(): Promise<string | null> {
  return (await page.evaluate('document.activeElement ? document.activeElement.getAttribute("data-claim") : null')) as string | null;
}

/** The text of every run the reader marks as the focused claim's, in order. */
async function markedText(): Promise<string> {
  return (await page.locator('#reader .part.current').allTextContents()).join('');
}

/** What the focused claim's spans cover in the document: the union of its spans, as the reader marks it. */
function coveredText(document: SourceDocument, claim: string): string {
  const covered = new Set<number>();
  for (const span of document.spans) if (span.claim === claim) for (let at = span.start; at < span.end; at += 1) covered.add(at);
  return [...covered]
    .sort((a, b) => a - b)
    .map((at) => document.text[at])
    .join('');
}

/**
 * The share of a screen region drawn in `hex` (within a small distance), read from a real screenshot: the PNG is
 * decoded in the page with createImageBitmap, which needs no network and so no CSP exception.
 */
async function colourShare(box: { x: number; y: number; width: number; height: number }, hex: string): Promise<number> {
  const png = await capture(() => page.screenshot({ clip: box }));
  const script = `(async () => {
    const bytes = Uint8Array.from(atob(${JSON.stringify(png.toString('base64'))}), (char) => char.charCodeAt(0));
    const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const context = canvas.getContext('2d');
    context.drawImage(bitmap, 0, 0);
    const data = context.getImageData(0, 0, bitmap.width, bitmap.height).data;
    const [r, g, b] = [1, 3, 5].map((at) => parseInt(${JSON.stringify(hex)}.slice(at, at + 2), 16));
    let near = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (Math.abs(data[i] - r) + Math.abs(data[i + 1] - g) + Math.abs(data[i + 2] - b) <= 18) near += 1;
    }
    return near / (data.length / 4);
  })()`;
  return (await page.evaluate(script)) as number;
}

test('a claim opened in its article: the span is marked in the stance colour, and another highlight opens that claim', async () => {
  const detail = await api<ClaimDetail>(`/claims/${CLAIM}`);
  expect(detail.evidence.length).toBeGreaterThan(0);
  const source = detail.evidence[0]!.source;
  const document = await api<SourceDocument>(`/sources/${source}/document`);
  await open(`/?node=${CLAIM}`, { ready: '#panel .evidence-source' });

  // The claim panel: the excerpt verbatim, the quote inside it highlighted, and a link into the article.
  const panel = page.locator('#panel');
  const block = panel.locator(`.evidence-source[data-source="${source}"]`);
  const excerpts = detail.evidence.filter((evidence) => evidence.source === source).map((evidence) => evidence.text);
  expect(await block.locator('blockquote.excerpt').allTextContents()).toEqual(excerpts);
  if (detail.claim.quote !== null && excerpts.some((excerpt) => excerpt.includes(detail.claim.quote!)))
    expect((await block.locator('mark.quote-words').allTextContents()).join('')).toBe(detail.claim.quote.replace(/\[[^\]]*\]/g, ''));
  const stance = stanceKey(detail.claim.stance);
  await block.locator('[data-action="open-in-article"]').click();

  // The reader: the article's whole text, the claim's span marked, scrolled to and focused.
  const reader = page.locator('#reader');
  await reader.locator('.part.current').first().waitFor();
  await settled(page);
  await urlParam(page, 'read', source);
  expect(new URL(page.url()).searchParams.get('node')).toBe(CLAIM);
  expect(await reader.locator('.reader-title').textContent()).toBe(document.source.title);
  expect(await readerText()).toBe(document.text);
  expect(await markedText()).toBe(coveredText(document, CLAIM));
  const own = reader.locator(`a.span-link[data-claim="${CLAIM}"][aria-current="true"]`);
  expect(await own.count()).toBeGreaterThan(0);
  expect(await activeClaim()).toBe(CLAIM);
  const body = (await reader.locator('.reader-body').boundingBox())!;
  const mark = (await reader.locator('.part.current').first().boundingBox())!;
  expect(mark.y).toBeGreaterThanOrEqual(body.y);
  expect(mark.y + mark.height).toBeLessThanOrEqual(body.y + body.height);
  // Pixels: the marked span is drawn in the claim's stance colour (a solid background behind its words).
  expect(await colourShare(mark, STANCE_COLORS[stance])).toBeGreaterThan(0.35);
  // Every claim of the article is highlighted and reachable: a link per claim, named by the article's words.
  const claims = new Set(document.spans.map((span) => span.claim));
  const linked = new Set(await reader.locator('[data-claim]').evaluateAll((links) => links.map((link) => link.getAttribute('data-claim'))));
  expect([...claims].filter((claim) => !linked.has(claim))).toEqual([]);
  await expectReference(page, 'source-reader');

  // Another highlight, preferably of another stance: clicking it opens that claim's panel and moves the mark.
  const others = document.spans.filter((span) => span.role === 'evidence' && span.claim !== CLAIM);
  const other = others.find((span) => stanceKey(span.stance) !== stance) ?? others[0];
  expect(other).toBeDefined();
  const link = reader.locator(`a.span-link[data-claim="${other!.claim}"]`).first();
  const otherDetail = await api<ClaimDetail>(`/claims/${other!.claim}`);
  await link.scrollIntoViewIfNeeded();
  await link.click();
  await panel.locator('.paraphrase', { hasText: otherDetail.claim.text }).waitFor();
  await settled(page);
  await urlParam(page, 'node', other!.claim);
  expect(new URL(page.url()).searchParams.get('read')).toBe(source);
  expect((await panel.locator('.paraphrase').textContent())?.trim()).toBe(otherDetail.claim.text);
  expect(await markedText()).toBe(coveredText(document, other!.claim));
  expect(await reader.locator(`[data-claim="${CLAIM}"][aria-current="true"]`).count()).toBe(0);
  const moved = (await reader.locator('.part.current').first().boundingBox())!;
  expect(await colourShare(moved, STANCE_COLORS[stanceKey(other!.stance)])).toBeGreaterThan(0.35);
  await screenshot(page, 'e2e-reader-other-claim');

  // The state is the URL's: a reload reopens the article at the same claim, and Back returns to the first.
  await page.reload();
  await reader.locator('.part.current').first().waitFor();
  await settled(page);
  expect(await markedText()).toBe(coveredText(document, other!.claim));
  await page.goBack();
  await urlParam(page, 'node', CLAIM);
  await panel.locator('.evidence-source').first().waitFor();
  await settled(page);
  expect(await markedText()).toBe(coveredText(document, CLAIM));

  // Closing the reader leaves the claim's panel open.
  await reader.locator('[data-action="close-reader"]').click();
  await reader.waitFor({ state: 'hidden' });
  await urlParam(page, 'read', null);
  expect(new URL(page.url()).searchParams.get('node')).toBe(CLAIM);
});

// Three articles, each opened in a fresh page and walked claim by claim: more than the default minute on a busy machine.
test('every article opens from its source panel, with every claim of it highlighted and the keyboard reaching each', async () => {
  const sources = (await api<{ items: Array<{ id: string }> }>('/sources?limit=50')).items;
  expect(sources.length).toBeGreaterThanOrEqual(3);
  for (const { id } of sources) {
    const document = await api<SourceDocument>(`/sources/${id}/document`);
    await open(`/?node=${id}`, { ready: '#panel .reader-entry' });
    await page.locator('#panel .reader-entry [data-action="open-in-article"]').click();
    await page.locator('#reader .span-link').first().waitFor();
    await settled(page);
    expect(new URL(page.url()).searchParams.get('read')).toBe(id);
    expect(await readerText()).toBe(document.text);
    // Nothing is marked: a source is no claim. Every claim has one tab stop with a name.
    expect(await page.locator('#reader .part.current').count()).toBe(0);
    const claims = new Set(document.spans.map((span) => span.claim));
    const stops = await page
      .locator('#reader [data-claim]:not([tabindex="-1"])')
      .evaluateAll((links) => links.map((link) => [link.getAttribute('data-claim'), link.textContent || link.getAttribute('aria-label')]));
    expect(new Set(stops.map(([claim]) => claim))).toEqual(claims);
    expect(stops.length).toBe(claims.size);
    for (const [, name] of stops) expect((name ?? '').trim()).not.toBe('');
    // Each claim is drawn in its stance's colour.
    const drawn = new Map(
      await page
        .locator('#reader [data-claim]')
        .evaluateAll((links) => links.map((link) => [link.getAttribute('data-claim'), link.getAttribute('data-stance')] as const)),
    );
    for (const span of document.spans.filter((entry) => entry.role === 'evidence'))
      expect(drawn.get(span.claim)).toBe(stanceKey(span.stance));
    // The keyboard: Tab from the title reaches the first highlight (past the article's link and the close button), and Enter opens it.
    await page.locator('#reader .reader-title').focus();
    let focused: string | null = null;
    for (let step = 0; step < 4 && focused === null; step += 1) {
      await page.keyboard.press('Tab');
      focused = await activeClaim();
    }
    expect(focused).toBe(stops[0]![0]);
    await page.keyboard.press('Enter');
    await urlParam(page, 'node', focused);
    await page.locator('#panel .paraphrase').waitFor();
    await settled(page);
    expect(await page.locator('#reader .part.current').count()).toBeGreaterThan(0);
    if (id === sources[0]!.id) await screenshot(page, 'e2e-reader-source');
    // Escape inside the reader closes the reader only; the claim's panel stays.
    await page.locator('#reader .reader-title').focus();
    await page.keyboard.press('Escape');
    await page.locator('#reader').waitFor({ state: 'hidden' });
    await urlParam(page, 'read', null);
    expect(await page.locator('#panel').isVisible()).toBe(true);
    expect(new URL(page.url()).searchParams.get('node')).toBe(focused);
    expect(await explorer.close()).toEqual([]);
  }
}, 180_000);

test('attribution of the outage lists the explanation that blames no one beside the accused, and related incidents apart', async () => {
  const outage = await api<Attribution>('/incidents/nk-internet-outage/attribution');
  await open('/?mode=attribution&node=nk-internet-outage', { ready: '#panel .panel-section' });
  const panel = page.locator('#panel');
  expect(outage.explanations.length).toBeGreaterThan(0);
  for (const explained of outage.explanations) {
    const block = panel.locator(`article.explained[data-explanation="${explained.explanation.id}"]`);
    await block.waitFor();
    expect(await block.locator('.side-asserts .side-title').textContent()).toBe('Put it forward');
    expect(await block.locator('.side-asserts .side-count').textContent()).toMatch(new RegExp(`^${explained.claims.asserts} claims? ·`));
    for (const entry of explained.assertedBy)
      expect(await block.locator(`.side-asserts .claim-link[data-node="${entry.claim.id}"]`).count()).toBe(1);
  }
  // The main counts hold only this incident's accusations; related incidents are their own section, after them.
  expect(await panel.locator('article.accused').count()).toBe(outage.accused.length);
  const related = panel.locator('.panel-section.related');
  const relatedCount = outage.related.filter((entry) => entry.accused.length + entry.explanations.length > 0).length;
  expect(await related.locator('.related-incident').count()).toBe(relatedCount);
  if (relatedCount > 0) {
    expect(await related.locator('article.accused').count()).toBe(0);
    expect(await related.textContent()).toContain('not counted above');
  }
  await screenshot(page, 'e2e-attribution-outage');

  // The explanation's own panel: who puts it forward, for which incident.
  const explanation = outage.explanations[0]!.explanation;
  await panel.locator(`article.explained[data-explanation="${explanation.id}"] .accused-title .node-link`).click();
  await panel.locator('.panel-title', { hasText: explanation.name }).waitFor();
  await settled(page);
  expect(await panel.locator('.panel-kicker').textContent()).toContain('Explanation');
  for (const entry of outage.explanations[0]!.assertedBy)
    expect(await panel.locator(`.claim-link[data-node="${entry.claim.id}"]`).count()).toBeGreaterThan(0);
});

test('attribution shows each claimant’s affiliations, and an actor’s panel what its affiliates said', async () => {
  const sony = await api<Attribution>('/incidents/sony-hack/attribution');
  await open('/?mode=attribution&node=sony-hack', { ready: '#panel article.accused' });
  const entries = sony.accused.flatMap((accused) => [...accused.assertedBy, ...accused.deniedBy, ...accused.declinedBy]);
  const affiliated = entries.find((entry) => entry.claimant.affiliations.length > 0);
  expect(affiliated).toBeDefined();
  const line = page.locator(`#panel .claimant-affiliations[data-claimant="${affiliated!.claimant.id}"]`).first();
  const text = (await line.textContent()) ?? '';
  expect(text.startsWith(`${affiliated!.claimant.name}, `)).toBe(true);
  for (const affiliation of affiliated!.claimant.affiliations) {
    expect(text).toContain(affiliation.actor.name);
    if (affiliation.hedge !== null) expect(text).toContain(affiliation.hedge);
  }
  const hedged = entries.find((entry) => entry.claimant.affiliations.some((affiliation) => affiliation.hedge !== null));
  if (hedged !== undefined) {
    const affiliation = hedged.claimant.affiliations.find((entry) => entry.hedge !== null)!;
    expect(await page.locator(`#panel .claimant-affiliations[data-claimant="${hedged.claimant.id}"]`).first().textContent()).toContain(
      `${hedged.claimant.name}, ${affiliation.hedge} ${affiliation.actor.name}`,
    );
  }
  await screenshot(page, 'e2e-attribution-affiliations');
  expect(await explorer.close()).toEqual([]);

  const dprk = await api<ActorDetail>('/actors/dprk');
  const said = dprk.affiliatesSaid
    .filter((group) => group.claims.length > 0)
    .sort((a, b) => CERTAINTIES.indexOf(a.certainty) - CERTAINTIES.indexOf(b.certainty));
  await open('/?node=dprk', { ready: '#panel .panel-section' });
  const section = page.locator('#panel .panel-section.affiliates-said');
  if (said.length === 0) {
    expect(await section.count()).toBe(0);
    return;
  }
  expect(
    await section.locator('.affiliates-group').evaluateAll((groups) => groups.map((group) => group.getAttribute('data-certainty'))),
  ).toEqual(said.map((group) => group.certainty));
  for (const group of said)
    for (const claim of group.claims)
      expect(
        await section.locator(`.affiliates-group[data-certainty="${group.certainty}"] .claim-link[data-node="${claim.id}"]`).count(),
      ).toBe(1);
});

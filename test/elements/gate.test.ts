// <candor-gate>: its <template> content reaches the page only once the purpose is granted
// (nothing loads before), otherwise a placeholder with a button that asks for the purpose.
import { expect } from '@open-wc/testing';
import { resetMouse, sendKeys, sendMouse } from '@web/test-runner-commands';
import type { CandorGateElement } from '../../src/elements/candor-gate.js';
import { gateConfig, mount, pause, requestsFor, settle, unique, unmount, waitFor } from './csp/mount.js';

const PIXEL = '/test/elements/csp/pixel.png';

/** A gate whose template holds an image with a unique URL, so its request can be found. */
function gateHtml(purpose: string, token: string): string {
  return `<candor-gate purpose="${purpose}"><template><img src="${PIXEL}?gate=${token}" alt="Usage chart" width="1" height="1"></template></candor-gate>`;
}

function gateIn(container: ParentNode): CandorGateElement {
  const gate = container.querySelector('candor-gate');
  if (!gate) throw new Error('no <candor-gate>');
  return gate;
}

function placeholderText(gate: Element): string {
  return (gate.shadowRoot?.querySelector('[part~="placeholder"]')?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

function buttons(gate: Element): HTMLButtonElement[] {
  return [...(gate.shadowRoot?.querySelectorAll('button') ?? [])];
}

afterEach(unmount);

describe('<candor-gate>', () => {
  it('keeps the template content out of the page before the purpose is granted: no request', async () => {
    const token = unique('before');
    const { container } = await mount({ children: gateHtml('analytics', token) });
    const gate = gateIn(container);
    await pause(150);
    expect(gate.querySelector('img'), 'no clone in the light DOM').to.equal(null);
    expect(container.querySelectorAll('img').length, 'the only <img> is inert template content').to.equal(0);
    expect(requestsFor(`gate=${token}`), 'no request for the gated image').to.have.length(0);
  });

  it('shows the placeholder text and an "Allow Product analytics" button', async () => {
    const { container } = await mount({ children: gateHtml('analytics', unique('ph')) });
    const gate = gateIn(container);
    expect(placeholderText(gate)).to.contain('This content is blocked until you allow Product analytics.');
    expect(buttons(gate).map((button) => button.textContent?.trim())).to.deep.equal(['Allow Product analytics']);
    await expect(gate).to.be.accessible();
  });

  it('Allow from the keyboard: focus follows to the content it allowed, not lost with the button (2.4.3)', async () => {
    const { container, consent } = await mount({
      children: '<candor-gate purpose="analytics"><template><p>Chart</p><iframe title="Usage chart" src="about:blank"></iframe></template></candor-gate><candor-gate purpose="advertising"><template><img src="' + PIXEL + '?gate=' + unique('focus') + '" alt="Offer"></template></candor-gate>',
    });
    const [withFrame, withImage] = [...container.querySelectorAll<CandorGateElement>('candor-gate')];
    buttons(withFrame!)[0]!.focus();
    await sendKeys({ press: 'Enter' });
    await waitFor(() => consent.granted('analytics'), 'analytics granted');
    await waitFor(() => document.activeElement === withFrame!.querySelector('iframe'), 'focus on the allowed iframe');
    // Nothing focusable inside: the gate itself takes focus.
    buttons(withImage!)[0]!.focus();
    await sendKeys({ press: 'Enter' });
    await waitFor(() => document.activeElement === withImage, 'focus on the gate');
  });

  it('Allow with the mouse moves no focus (the page does not jump into the embed), and leaves no tabindex', async () => {
    const { container, consent } = await mount({
      children: '<candor-gate purpose="analytics"><template><iframe title="Usage chart" src="about:blank"></iframe></template></candor-gate>',
    });
    const gate = container.querySelector<CandorGateElement>('candor-gate')!;
    const button = buttons(gate)[0]!;
    const box = button.getBoundingClientRect();
    await sendMouse({ type: 'click', position: [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)] });
    await resetMouse();
    await waitFor(() => consent.granted('analytics'), 'analytics granted');
    await gate.updateComplete;
    expect(document.activeElement === gate.querySelector('iframe'), 'focus not moved into the iframe').to.equal(false);
    expect(gate.hasAttribute('tabindex')).to.equal(false);
  });

  it('clicking Allow grants the purpose (method "save") and clones the content in, which then loads', async () => {
    const token = unique('allow');
    const { container, consent } = await mount({ children: gateHtml('analytics', token) });
    const gate = gateIn(container);
    buttons(gate)[0]!.click();
    await waitFor(() => consent.granted('analytics'), 'analytics granted');
    await settle();
    expect(consent.granted('advertising'), 'only the gate\'s purpose').to.equal(false);
    expect(consent.records()[0]?.method).to.equal('save');
    expect(consent.state.choices.analytics?.source).to.equal('user');
    const img = gate.querySelector('img');
    expect(img, 'the clone is in the light DOM').to.be.instanceOf(HTMLImageElement);
    expect(gate.querySelector(':scope > template'), 'the template stays for later').to.not.equal(null);
    expect(gate.shadowRoot?.querySelector('[part~="placeholder"]'), 'no placeholder once granted').to.equal(null);
    await waitFor(() => requestsFor(`gate=${token}`).length > 0, 'the gated image request');
    await expect(gate).to.be.accessible();
  });

  it('revoking removes the clone and brings the placeholder back; granting again clones once', async () => {
    const { container, consent } = await mount({ children: gateHtml('analytics', unique('revoke')) });
    const gate = gateIn(container);
    await consent.set({ analytics: true });
    await settle();
    expect(gate.querySelectorAll('img')).to.have.length(1);
    await consent.set({ analytics: false });
    await settle();
    expect(gate.querySelectorAll('img'), 'clone removed on revoke').to.have.length(0);
    expect(placeholderText(gate)).to.contain('Product analytics');
    await expect(gate).to.be.accessible();
    await consent.set({ analytics: true });
    await settle();
    expect(gate.querySelectorAll('img'), 'exactly one clone after granting again').to.have.length(1);
  });

  it('a gate added after the purpose was granted shows its content at once', async () => {
    const token = unique('late');
    const { container, consent } = await mount();
    await consent.set({ analytics: true });
    container.insertAdjacentHTML('beforeend', gateHtml('analytics', token));
    await settle();
    const gate = gateIn(container);
    expect(gate.querySelectorAll('img')).to.have.length(1);
    expect(gate.shadowRoot?.querySelector('[part~="placeholder"]')).to.equal(null);
  });

  it('works outside <candor-consent> too (the root answers for the whole document)', async () => {
    const { container, consent } = await mount({ after: gateHtml('analytics', unique('outside')) });
    const gate = gateIn(container);
    expect(gate.parentElement?.tagName).to.not.equal('CANDOR-CONSENT');
    expect(buttons(gate).map((button) => button.textContent?.trim())).to.deep.equal(['Allow Product analytics']);
    await consent.set({ analytics: true });
    await settle();
    expect(gate.querySelectorAll('img')).to.have.length(1);
  });

  it('an unknown purpose shows the placeholder without a button, and nothing loads', async () => {
    const token = unique('unknown');
    const { container, consent } = await mount({ children: gateHtml('nonexistent', token) });
    const gate = gateIn(container);
    expect(placeholderText(gate)).to.contain('This content is blocked until you allow nonexistent.');
    expect(buttons(gate)).to.have.length(0);
    await consent.acceptAll();
    await settle();
    expect(gate.querySelectorAll('img'), 'accept all cannot grant an unknown purpose').to.have.length(0);
    expect(requestsFor(`gate=${token}`)).to.have.length(0);
    await expect(gate).to.be.accessible();
  });

  it('a slotted placeholder replaces the built-in text, the button stays', async () => {
    const { container } = await mount({
      children: `<candor-gate purpose="analytics"><p slot="placeholder">The map needs analytics.</p><template><img src="${PIXEL}?gate=${unique('slot')}" alt="Map"></template></candor-gate>`,
    });
    const gate = gateIn(container);
    const slot = gate.shadowRoot?.querySelector<HTMLSlotElement>('slot[name="placeholder"]');
    expect(slot?.assignedElements().map((element) => element.textContent)).to.deep.equal(['The map needs analytics.']);
    expect(buttons(gate).map((button) => button.textContent?.trim())).to.deep.equal(['Allow Product analytics']);
    await expect(gate).to.be.accessible();
  });

  it('uses the purpose label of the config (not the id) and reflects `purpose`', async () => {
    const config = gateConfig();
    const { container } = await mount({ config, children: '<candor-gate purpose="advertising"><template><p>Ad</p></template></candor-gate>' });
    const gate = gateIn(container);
    expect(gate.getAttribute('purpose')).to.equal('advertising');
    expect(buttons(gate)[0]?.textContent?.trim()).to.equal('Allow Advertising');
  });
});

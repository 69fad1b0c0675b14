// HandleProvider: the provider half of the context protocol for <candor-consent> (a plain HTMLElement),
// against the real ContextConsumer and ContextRoot of @lit/context that the visible elements use.
import { expect, fixture, html, nextFrame } from '@open-wc/testing';
import { ContextConsumer, createContext } from '@lit/context';
import { LitElement } from 'lit';
import { ensureContextRoot } from '../../src/elements/context.js';
import { HandleProvider } from '../../src/elements/context-provider.js';

const context = createContext<string | undefined>(Symbol('test.context'));

class Consumer extends LitElement {
  seen: Array<string | undefined> = [];
  consumer = new ContextConsumer(this, { context, subscribe: true, callback: (value) => this.seen.push(value) });
  constructor() {
    super();
    ensureContextRoot();
  }
}
customElements.define('handle-provider-consumer', Consumer);

describe('HandleProvider (context protocol without Lit)', () => {
  it('answers a subscribed consumer below it, and every later value reaches it (same unsubscribe each time)', async () => {
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    const provider = new HandleProvider(host, context);
    provider.setValue('one');
    provider.attach();
    const consumer = document.createElement('handle-provider-consumer') as Consumer;
    host.append(consumer);
    expect(consumer.consumer.value).to.equal('one');
    provider.setValue('two');
    provider.setValue('three');
    expect(consumer.consumer.value).to.equal('three');
    expect(consumer.seen).to.deep.equal(['one', 'two', 'three']);
  });

  it('reaches consumers connected before it existed (through ContextRoot)', async () => {
    const host = await fixture<HTMLDivElement>(html`<div><handle-provider-consumer></handle-provider-consumer></div>`);
    const consumer = host.querySelector('handle-provider-consumer') as Consumer;
    await nextFrame();
    expect(consumer.consumer.value).to.equal(undefined);
    const provider = new HandleProvider(host, context);
    provider.setValue('late');
    provider.attach();
    expect(consumer.consumer.value).to.equal('late');
  });

  it('hands a consumer over to a nearer provider that appears later, and stops updating it', async () => {
    const outer = await fixture<HTMLDivElement>(html`<div><section><handle-provider-consumer></handle-provider-consumer></section></div>`);
    const section = outer.querySelector('section')!;
    const consumer = outer.querySelector('handle-provider-consumer') as Consumer;
    const outerProvider = new HandleProvider(outer, context);
    outerProvider.setValue('outer');
    outerProvider.attach();
    expect(consumer.consumer.value).to.equal('outer');
    const inner = new HandleProvider(section, context);
    inner.setValue('inner');
    inner.attach();
    expect(consumer.consumer.value).to.equal('inner');
    outerProvider.setValue('outer again');
    expect(consumer.consumer.value, 'the outer provider no longer updates it').to.equal('inner');
    inner.setValue('inner again');
    expect(consumer.consumer.value).to.equal('inner again');
  });

  it('ignores other contexts and stops answering once detached', async () => {
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    const other = new HandleProvider(host, createContext<string>(Symbol('other')));
    other.setValue('other');
    other.attach();
    const provider = new HandleProvider(host, context);
    provider.setValue('mine');
    provider.attach();
    provider.detach();
    const consumer = document.createElement('handle-provider-consumer') as Consumer;
    host.append(consumer);
    expect(consumer.consumer.value).to.equal(undefined);
  });
});

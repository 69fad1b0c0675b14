// A React app with Candor: the components from `candor/react` (which also register the elements)
// and the `useConsent` hook. Build: `npm run build:react-example` at the repo root → build/.
import { useRef, useState } from 'react';
import { createRoot } from 'react-dom/client';
import type { CandorConfig, ChangeDetail } from 'candor';
import { CandorBanner, CandorConsent, CandorPreferences, useConsent, type CandorChangeEvent, type CandorConsentElement } from 'candor/react';

const config: CandorConfig = {
  policy: {
    id: 'react-example',
    title: 'Example Privacy Policy',
    version: '2026-11-01',
    effective: '2026-11-01',
    controller: { name: 'Example Ltd (fictional)', email: 'privacy@example.com' },
    summary: 'We keep what the site needs to run. Analytics only if you agree; service improvement unless you object.',
    sections: [{ id: 'who', title: 'Who we are', body: 'Example Ltd runs this example.' }],
  },
  purposes: [
    { id: 'necessary', label: 'Strictly necessary', description: 'Running the site and remembering your choices.', basis: 'necessary' },
    { id: 'analytics', label: 'Analytics', description: 'Counting which pages are read.', basis: 'consent', signals: ['gpc', 'dnt'] },
    { id: 'improvement', label: 'Service improvement', description: 'Error reports that help us fix bugs.', basis: 'legitimate-interest' },
  ],
};

/** Re-renders whenever the purpose is granted or denied. */
function Granted({ purpose }: { purpose: string }) {
  const granted = useConsent(purpose);
  return <dd data-purpose={purpose}>{granted ? 'yes' : 'no'}</dd>;
}

function App() {
  const root = useRef<CandorConsentElement>(null);
  const [changes, setChanges] = useState<ChangeDetail[]>([]);

  const onChange = (event: CandorChangeEvent) => {
    const { detail } = event;
    setChanges((before) => [...before, detail]);
    // For the repo's test (test/react/react.test.ts): every change's detail, in order.
    ((window as { candorChanges?: ChangeDetail[] }).candorChanges ??= []).push(detail);
  };

  return (
    <main>
      <h1>Candor with React</h1>
      <dl>
        <dt>Analytics granted</dt>
        <Granted purpose="analytics" />
        <dt>Service improvement granted</dt>
        <Granted purpose="improvement" />
      </dl>
      <button type="button" data-privacy-choices onClick={() => root.current?.showPreferences()}>
        Privacy choices
      </button>
      <p>Changes: <output data-change-count>{changes.length}</output></p>
      {changes.length > 0 && <pre data-last-change>{JSON.stringify({ changed: changes.at(-1)?.changed, origin: changes.at(-1)?.origin })}</pre>}
      <CandorConsent ref={root} config={config} onCandorChange={onChange} onCandorError={(event) => console.warn('[candor]', event.detail.message)}>
        <CandorBanner />
        <CandorPreferences />
      </CandorConsent>
    </main>
  );
}

createRoot(document.getElementById('root')!).render(<App />);

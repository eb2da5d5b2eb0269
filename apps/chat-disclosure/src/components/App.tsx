/**
 * The chat disclosure tool's single React island: opens storage and the workers, routes between the case list and an
 * open case (the case id lives in the URL hash, so a reload or crash comes straight back to it), and registers the
 * service worker that keeps the tool working offline.
 */
import { useCallback, useEffect, useState } from 'react';
import { createBridge } from '../lib/bridge.ts';
import { describeProblem, type Problem } from '../lib/errors.ts';
import { CaseJournal } from '../lib/journal.ts';
import { CaseStore } from '../lib/store.ts';
import type { CaseStages, PackageStages } from '../worker/stages.ts';
import { CaseInThisTab } from './CaseInThisTab.tsx';
import { CaseList } from './CaseList.tsx';
import type { Services } from './services.ts';
import { ErrorSummary } from './ui.tsx';

function startServices(store: CaseStore): Services {
  return {
    store,
    journal: new CaseJournal(store),
    caseWorker: createBridge<CaseStages>(
      () => new Worker(new URL('../worker/case.worker.ts', import.meta.url), { type: 'module', name: 'case' }),
    ),
    packageWorker: createBridge<PackageStages>(
      () => new Worker(new URL('../worker/package.worker.ts', import.meta.url), { type: 'module', name: 'package' }),
      { idleMs: 60_000 },
    ),
    keys: new Map(),
  };
}

function routeFromHash(): { caseId: string | null } {
  const match = /^#\/case\/([\w-]+)/.exec(window.location.hash);
  return { caseId: match?.[1] ?? null };
}

export default function App() {
  const [services, setServices] = useState<Services | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [route, setRoute] = useState(routeFromHash);
  const [heldByOtherTab, setHeldByOtherTab] = useState(false);

  useEffect(() => {
    let cancelled = false;
    CaseStore.open(undefined, { onBlocked: () => setHeldByOtherTab(true) }).then(
      (store) => {
        if (cancelled) return;
        const services = startServices(store);
        // The case worker loads its modules (the importers, the detection rules) while the officer fills in the
        // form, so the first chat export read does not wait for them.
        services.caseWorker.warm();
        setServices(services);
      },
      (error: unknown) => setProblem(describeProblem(error)),
    );
    // Ask the browser not to evict the cases under storage pressure (it may say no; nothing else changes).
    void navigator.storage?.persist?.().catch(() => undefined);
    if ('serviceWorker' in navigator && window.location.protocol !== 'file:') {
      navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => undefined);
    }
    const onHash = () => setRoute(routeFromHash());
    window.addEventListener('hashchange', onHash);
    return () => {
      cancelled = true;
      window.removeEventListener('hashchange', onHash);
    };
  }, []);

  const openCase = useCallback((caseId: string | null) => {
    window.location.hash = caseId ? `#/case/${caseId}` : '#/';
    setRoute({ caseId });
    window.scrollTo(0, 0);
  }, []);

  if (problem) return <ErrorSummary problems={[problem]} />;
  if (!services) {
    return (
      <p className="nhsuk-body" role="status">
        {heldByOtherTab
          ? 'This tool has been updated. Close its other tabs or windows (they are still running the old version) and your cases will open here. Nothing in them is lost.'
          : 'Opening your cases…'}
      </p>
    );
  }
  return route.caseId ? (
    <CaseInThisTab key={route.caseId} caseId={route.caseId} services={services} />
  ) : (
    <CaseList services={services} onOpen={openCase} />
  );
}

/// <reference lib="webworker" />
/**
 * The packaging worker: builds the disclosure bundle (PDF, HTML, CSV, media, manifest) and the case file. pdf-lib,
 * jszip and the fonts are loaded by the disclosure-bundle package only when packaging starts; the bridge tears this
 * worker down when idle, so their memory is given back.
 */
import { buildBundle, buildCaseFile } from '@im-records/disclosure-bundle';
import { unzipSync } from 'fflate';
import { serveStages } from '../lib/bridge.ts';
import { loadFont } from './fonts.ts';
import type { Disclosure, PackageStages } from './stages.ts';

declare const self: DedicatedWorkerGlobalScope;

/** The one message the case worker sends on `port`: the disclosure to package (or the abort, if it comes first). */
function receive(port: MessagePort, signal: AbortSignal): Promise<Disclosure> {
  return new Promise((resolve, reject) => {
    const stop = () => {
      port.close();
      reject(signal.reason);
    };
    if (signal.aborted) return stop();
    signal.addEventListener('abort', stop, { once: true });
    port.onmessage = (event: MessageEvent<Disclosure>) => {
      signal.removeEventListener('abort', stop);
      port.close();
      resolve(event.data);
    };
  });
}

serveStages<PackageStages>(self, {
  async package(input, { signal, progress, transfer }) {
    const { from, request, decisions, settings, sources } = input;
    const { disclosed, media } = await receive(from, signal);
    const result = await buildBundle({
      disclosed,
      request: {
        organisation: request.organisation,
        reference: request.reference,
        type: request.type,
        received: request.received,
        responseDate: request.responseDate,
        due: request.due,
        searched: request.searched,
      },
      media: new Map(media),
      options: { loadFont },
      signal,
      onProgress: (step) =>
        progress({
          stage: step.stage,
          done: step.done,
          total: step.total,
          label: `Building the bundle (${step.stage})`,
        }),
    });
    const { json } = buildCaseFile({
      sourceSha256: sources.map((source) => source.sha256).join(','),
      sourceFormat: sources.map((source) => source.format).join(','),
      decisions,
      settings: { ...settings, sources },
      bundle: result,
    });
    const caseFileBytes = new TextEncoder().encode(json);
    const pdfEntry = Object.entries(unzipSync(result.zip, { filter: (file) => file.name.endsWith('.pdf') }))[0];
    const pdf = pdfEntry ? pdfEntry[1] : new Uint8Array();
    transfer(result.zip.buffer, caseFileBytes.buffer, pdf.buffer);
    return {
      zip: result.zip,
      caseFile: caseFileBytes,
      pdf,
      zipSha256: result.zipSha256,
      fileCount: result.files.length,
      counts: disclosed.counts,
    };
  },
});

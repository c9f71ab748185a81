import { useState } from 'react';
import { listingCsv } from '../../api/listing-csv';
import type { ListingImport, ListingImportRow } from '../../api/types';
import { Page } from '../../components/page';
import { Async, ErrorMessage } from '../../components/states';
import { t, type MessageId } from '../../i18n';
import { Link } from '../../lib/router';
import { useAction } from '../../lib/use-action';
import { useMyFarm } from './use-my-farm';

/** The reasons the service gives a refused row (its `code`), each worded in the catalogs as import.reason.<code>. */
const REASONS = new Set([
  'required',
  'too_long',
  'invalid',
  'not_allowed',
  'out_of_range',
  'too_many_decimals',
  'in_future',
  'before_harvest',
  'min_above_max',
  'unknown_listing',
  'other_farm',
  'duplicate_id',
  'locked',
  'archived',
  'column_missing',
  'stock_conflict',
]);

type Problem = ListingImportRow['problems'][number];
const reasonText = (p: Problem): string =>
  REASONS.has(p.code) ? t(`import.reason.${p.code}` as MessageId, p.params ?? {}) : p.message;

const Details = ({ row }: { row: ListingImportRow }) => {
  if (row.action === 'create') return <>{t('import.newDraft')}</>;
  if (row.action === 'refused')
    return (
      <ul className="plain">
        {row.problems.map((p, i) => (
          <li key={i}>
            {p.column ? <code>{p.column}</code> : null} {reasonText(p)}
          </li>
        ))}
      </ul>
    );
  if (row.action === 'change')
    return (
      <ul className="plain">
        {row.changes.map((c) => (
          <li key={c.column}>
            <code>{c.column}</code> {t('import.change', { from: c.from || '—', to: c.to || '—' })}
          </li>
        ))}
      </ul>
    );
  return <>{t('import.action.unchanged')}</>;
};

/** What the file does (or did), row by row: the rows that change something or are refused; unchanged ones are counted. */
const ReportTable = ({ report }: { report: ListingImport }) => {
  const rows = report.rows.filter((r) => r.action !== 'unchanged');
  const s = report.summary;
  return (
    <>
      <p role="status">
        {t('import.summary', { rows: s.rows, create: s.create, change: s.change, unchanged: s.unchanged, refused: s.refused })}
      </p>
      {rows.length ? (
        <div className="table-wrap card" tabIndex={0} role="region" aria-label={t('import.tableAria')}>
          <table>
            <caption>{t('import.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('import.col.row')}</th>
                <th scope="col">{t('import.col.listing')}</th>
                <th scope="col">{t('import.col.action')}</th>
                <th scope="col">{t('import.col.details')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.row} className={`import-${r.action}`}>
                  <td>{r.row}</td>
                  <td>{r.title ?? r.listingId ?? '—'}</td>
                  <td>{t(`import.action.${r.action}` as MessageId)}</td>
                  <td>
                    <Details row={r} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </>
  );
};

/**
 * Import listings from a CSV file (issue #33): choose the file, see what each row would do (nothing changes yet),
 * confirm, see what was done. The file usually starts as the farm's own export ("Export CSV" on the farm screen).
 */
export const ListingsImportScreen = () => {
  const farm = useMyFarm();
  const action = useAction();
  const [file, setFile] = useState<File | null>(null);
  // a new input for another file (an input keeps the file it was given)
  const [inputKey, setInputKey] = useState(0);
  const [preview, setPreview] = useState<ListingImport | null>(null);
  const [result, setResult] = useState<ListingImport | null>(null);
  return (
    <Async state={farm} what={t('farmer.loading')} page={t('import.title')}>
      {(page) => {
        if (!page) return <Page title={t('import.title')}>{t('farmer.notOpened')}</Page>;
        const farmId = page.farm.id;
        const choose = (chosen: File | null) => {
          if (!chosen) setInputKey((k) => k + 1);
          setFile(chosen);
          setPreview(null);
          setResult(null);
          if (chosen) void action.run(async () => setPreview(await listingCsv.send(farmId, chosen, 'preview')));
        };
        const toApply = preview ? preview.summary.create + preview.summary.change : 0;
        return (
          <Page
            title={t('import.title')}
            intro={t('import.intro')}
            actions={
              <button type="button" className="button secondary" onClick={() => void action.run(() => listingCsv.download(farmId))}>
                {t('import.export')}
              </button>
            }
          >
            {result ? (
              <section className="card" aria-labelledby="import-result-h">
                <h2 id="import-result-h">{t('import.resultTitle')}</h2>
                <ReportTable report={result} />
                <p>
                  <Link className="button" to="/farmer">
                    {t('import.back')}
                  </Link>{' '}
                  <button type="button" className="button secondary" onClick={() => choose(null)}>
                    {t('import.another')}
                  </button>
                </p>
              </section>
            ) : (
              <section className="card" aria-labelledby="import-file-h">
                <h2 id="import-file-h">{t('import.fileTitle')}</h2>
                <div className="field">
                  <label htmlFor="import-file">{t('import.file')}</label>
                  <input
                    id="import-file"
                    key={inputKey}
                    type="file"
                    accept=".csv,text/csv"
                    disabled={action.busy}
                    aria-describedby="import-file-hint"
                    onChange={(e) => choose(e.currentTarget.files?.[0] ?? null)}
                  />
                </div>
                <p id="import-file-hint" className="muted small">
                  {t('import.fileHint')}
                </p>
                {action.busy ? <p role="status">{t('import.checking')}</p> : null}
              </section>
            )}
            {action.error ? <ErrorMessage error={action.error} /> : null}
            {preview && !result ? (
              <section className="card" aria-labelledby="import-preview-h">
                <h2 id="import-preview-h">{t('import.previewTitle')}</h2>
                <p className="muted">{t('import.nothingYet')}</p>
                <ReportTable report={preview} />
                {preview.summary.refused ? <p className="muted small">{t('import.refusedNote')}</p> : null}
                {toApply ? (
                  <p>
                    <button
                      type="button"
                      className="button"
                      disabled={action.busy}
                      onClick={() =>
                        file && void action.run(async () => setResult(await listingCsv.send(farmId, file, 'apply')))
                      }
                    >
                      {t('import.confirm', { n: toApply })}
                    </button>
                  </p>
                ) : (
                  <p>{t('import.nothingToApply')}</p>
                )}
              </section>
            ) : null}
          </Page>
        );
      }}
    </Async>
  );
};

/** On the farm screen, by its listings: the export for every member, the import for owners. */
export const ListingsCsvLinks = ({ farmId, owner }: { farmId: string; owner: boolean }) => {
  const action = useAction();
  return (
    <div className="csv-links">
      <p>
        <button type="button" className="button small secondary" disabled={action.busy} onClick={() => void action.run(() => listingCsv.download(farmId))}>
          {t('import.export')}
        </button>{' '}
        {owner ? (
          <Link className="button small secondary" to="/farmer/listings/import">
            {t('import.open')}
          </Link>
        ) : null}
      </p>
      {action.error ? <ErrorMessage error={action.error} /> : null}
    </div>
  );
};

import { useState } from 'react';
import { downloadPdf } from '../../api/delivery';
import { SelectField, Field } from '../../components/field';
import { BusyButton } from '../../components/form';
import { ErrorMessage } from '../../components/states';
import { t } from '../../i18n';
import { todayIso } from '../../lib/format';
import { useAction } from '../../lib/use-action';

type Kind = 'month' | 'range';

/**
 * The farm's reports of a period (issue #33): a month, or from/to dates; its sales, tax per rate and payouts as CSV,
 * or all of them as one PDF. The farm's owners only (the service answers 403 to a packer).
 */
export const ReportsCard = ({ farmId }: { farmId: string }) => {
  const [kind, setKind] = useState<Kind>('month');
  const [month, setMonth] = useState(todayIso().slice(0, 7));
  const [from, setFrom] = useState(`${todayIso().slice(0, 7)}-01`);
  const [to, setTo] = useState(todayIso());
  const get = useAction();
  const badRange = kind === 'range' && (!from || !to || from > to);
  const period = kind === 'month' ? `month=${month}` : `from=${from}&to=${to}`;
  const name = kind === 'month' ? month : `${from}_${to}`;
  const download = (path: string, file: string) =>
    void get.run(() => downloadPdf('orders', `/farms/${encodeURIComponent(farmId)}/${path}`, file));
  return (
    <section className="card stack" aria-labelledby="reports-h">
      <h2 id="reports-h">{t('reports.title')}</h2>
      <p className="muted">{t('reports.intro')}</p>
      <div className="grid two">
        <SelectField label={t('reports.period')} value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
          <option value="month">{t('reports.aMonth')}</option>
          <option value="range">{t('reports.fromTo')}</option>
        </SelectField>
        {kind === 'month' ? (
          <Field label={t('reports.month')} type="month" value={month} required onChange={(e) => setMonth(e.target.value)} />
        ) : (
          <div className="grid two">
            <Field label={t('reports.from')} type="date" value={from} required onChange={(e) => setFrom(e.target.value)} />
            <Field
              label={t('reports.to')}
              type="date"
              value={to}
              required
              onChange={(e) => setTo(e.target.value)}
              error={badRange ? t('reports.badRange') : undefined}
            />
          </div>
        )}
      </div>
      <div className="row">
        <BusyButton busy={get.busy} disabled={badRange} className="button" onClick={() => download(`report.pdf?${period}`, `report-${name}.pdf`)}>
          {t('reports.pdf')}
        </BusyButton>
        <BusyButton busy={get.busy} disabled={badRange} className="button secondary" onClick={() => download(`report.csv?${period}&part=sales`, `sales-${name}.csv`)}>
          {t('reports.salesCsv')}
        </BusyButton>
        <BusyButton busy={get.busy} disabled={badRange} className="button secondary" onClick={() => download(`report.csv?${period}&part=tax`, `tax-${name}.csv`)}>
          {t('reports.taxCsv')}
        </BusyButton>
        <BusyButton busy={get.busy} disabled={badRange} className="button secondary" onClick={() => download(`report.csv?${period}&part=payouts`, `payouts-${name}.csv`)}>
          {t('reports.payoutsCsv')}
        </BusyButton>
      </div>
      {get.error ? <ErrorMessage error={get.error} /> : null}
    </section>
  );
};

import { useState } from 'react';
import { fieldErrors } from '../../api/client';
import { downloadPdf } from '../../api/delivery';
import { orders, type CompanyDetails } from '../../api/orders';
import type { Order } from '../../api/types';
import { limitOf, type FieldLimit } from '../../api/limits';
import { Field, limitProps } from '../../components/field';
import { BusyButton, Form, SubmitButton } from '../../components/form';
import { Async, ErrorMessage } from '../../components/states';
import { locale, t } from '../../i18n';
import { useAction } from '../../lib/use-action';
import { useAsync } from '../../lib/use-async';

const REQUEST = 'orders PUT /orders/{orderId}/company' as const;
const limit = (field: string): FieldLimit => limitOf(REQUEST, field as never);
const EMPTY: CompanyDetails = { name: '', address: { line1: '', postalCode: '', city: '', country: 'NL' }, vatId: '' };

/** The company form: every field named by the service's problem (400 naming body.vatId) is shown under it. */
const CompanyForm = ({ start, onSaved, save }: { start: CompanyDetails; onSaved: (c: unknown) => void; save: (c: CompanyDetails) => Promise<unknown> }) => {
  const [c, setC] = useState<CompanyDetails>(start);
  const act = useAction();
  const errors = fieldErrors(act.error);
  const address = (k: keyof CompanyDetails['address']) => (e: { target: { value: string } }) =>
    setC({ ...c, address: { ...c.address, [k]: e.target.value } });
  return (
    <Form
      aria-label={t('invoice.formLabel')}
      onSubmit={() => void act.run(async () => onSaved(await save(c)))}
    >
      <Field label={t('invoice.name')} value={c.name} required autoComplete="organization" {...limitProps(limit('name'))} onChange={(e) => setC({ ...c, name: e.target.value })} error={errors.name} />
      <Field label={t('invoice.line1')} value={c.address.line1} required autoComplete="address-line1" onChange={address('line1')} error={errors['address.line1']} />
      <div className="grid two">
        <Field label={t('invoice.postalCode')} value={c.address.postalCode} required autoComplete="postal-code" onChange={address('postalCode')} error={errors['address.postalCode']} />
        <Field label={t('invoice.city')} value={c.address.city} required autoComplete="address-level2" onChange={address('city')} error={errors['address.city']} />
      </div>
      <div className="grid two">
        <Field label={t('invoice.country')} value={c.address.country} required maxLength={2} hint={t('invoice.countryHint')} onChange={(e) => setC({ ...c, address: { ...c.address, country: e.target.value.toUpperCase() } })} error={errors['address.country']} />
        <Field label={t('invoice.vatId')} value={c.vatId} required hint={t('invoice.vatHint')} onChange={(e) => setC({ ...c, vatId: e.target.value })} error={errors.vatId} />
      </div>
      {act.error && Object.keys(errors).length === 0 ? <ErrorMessage error={act.error} /> : null}
      <div>
        <SubmitButton busy={act.busy} className="button">
          {t('invoice.save')}
        </SubmitButton>
      </div>
    </Form>
  );
};

/**
 * A business buyer's invoice (issue #33): "Add company details" on a paid order, then the invoice as a PDF in each
 * farm's invoice series. The details can be corrected until the invoice is first downloaded; then they are fixed.
 */
export const CompanyInvoice = ({ order }: { order: Order }) =>
  order.payment?.status === 'succeeded' ? <InvoiceCard order={order} /> : null;

const InvoiceCard = ({ order }: { order: Order }) => {
  const [editing, setEditing] = useState(false);
  const state = useAsync(`company:${order.orderId}`, () => orders.company(order.orderId));
  const get = useAction();
  const lang = locale() === 'nl' ? 'nl' : 'en';
  return (
    <section className="card stack" aria-labelledby="invoice-h">
      <h2 id="invoice-h">{t('invoice.title')}</h2>
      <Async state={state} what={t('invoice.loading')}>
        {(d) =>
          editing || !d.company ? (
            editing ? (
              <CompanyForm
                start={d.company ?? EMPTY}
                save={(c) => orders.saveCompany(order.orderId, c)}
                onSaved={(next) => {
                  state.set(next as typeof d);
                  setEditing(false);
                }}
              />
            ) : (
              <>
                <p className="muted">{t('invoice.intro')}</p>
                <div>
                  <button type="button" className="button secondary" onClick={() => setEditing(true)}>
                    {t('invoice.add')}
                  </button>
                </div>
              </>
            )
          ) : (
            <>
              <p>
                {d.company.name} · {t('invoice.vatId')} {d.company.vatId}
              </p>
              <div className="row">
                <BusyButton
                  busy={get.busy}
                  className="button"
                  onClick={() =>
                    void get
                      .run(() => downloadPdf('orders', `/orders/${encodeURIComponent(order.orderId)}/invoice.pdf?lang=${lang}`, `invoice-${order.orderId.slice(0, 8)}.pdf`))
                      .then(() => state.reload())
                  }
                >
                  {t('invoice.download')}
                </BusyButton>
                {d.issuedAt ? null : (
                  <button type="button" className="button secondary" onClick={() => setEditing(true)}>
                    {t('invoice.edit')}
                  </button>
                )}
              </div>
              {d.issuedAt ? <p className="muted small">{t('invoice.fixed')}</p> : null}
              {get.error ? <ErrorMessage error={get.error} /> : null}
            </>
          )
        }
      </Async>
    </section>
  );
};

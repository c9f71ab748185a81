import { downloadPdf } from '../../api/delivery';
import type { Order } from '../../api/types';
import { ErrorMessage } from '../../components/states';
import { locale, t } from '../../i18n';
import { BusyButton } from '../../components/form';
import { useAction } from '../../lib/use-action';

/**
 * The receipt of a paid order, and the credit note of its first refund, as PDFs in the buyer's language (issue #33):
 * each farm the seller of its goods, VAT per rate, delivery and the platform fee apart.
 */
export const ReceiptButtons = ({ order }: { order: Order }) => {
  const get = useAction();
  if (order.payment?.status !== 'succeeded') return null;
  const id = encodeURIComponent(order.orderId);
  // the receipts are written in English and Dutch (orders' documents); other languages get English
  const lang = locale() === 'nl' ? 'nl' : 'en';
  const button = (path: string, file: string, text: string) => (
    <BusyButton
      busy={get.busy}
      className="button secondary"
      onClick={() => void get.run(() => downloadPdf('orders', path, file))}
    >
      {text}
    </BusyButton>
  );
  return (
    <>
      {button(
        `/orders/${id}/receipt.pdf?lang=${lang}`,
        `receipt-${order.orderId.slice(0, 8)}.pdf`,
        t('receipt.download'),
      )}
      {(order.refunds?.refunded.amount ?? 0) > 0
        ? button(
            `/orders/${id}/credit-note.pdf?lang=${lang}`,
            `credit-note-${order.orderId.slice(0, 8)}.pdf`,
            t('receipt.creditNote'),
          )
        : null}
      {get.error ? <ErrorMessage error={get.error} /> : null}
    </>
  );
};

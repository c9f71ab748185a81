import { boxLabels, type LabelFormat } from '../../api/box-labels';
import { ErrorMessage } from '../../components/states';
import { useAction } from '../../lib/use-action';
import { BusyButton } from '../../components/form';
import { t } from '../../i18n';

/**
 * Print a label per box of the day: who or where it goes, the day, the contents with lots, the cold-chain range, and a
 * QR code that opens the box's public trace. Two sheets: a label printer's 100 × 150 mm, or A4 sheets of four.
 */
export const BoxLabelButtons = ({ farmId, day }: { farmId: string; day: string }) => {
  const print = useAction();
  const button = (format: LabelFormat, text: string) => (
    <BusyButton
      busy={print.busy}
      className="button secondary"
      onClick={() => void print.run(() => boxLabels.download(farmId, day, format))}
    >
      {text}
    </BusyButton>
  );
  return (
    <>
      {button('label', t('boxLabels.printLabel'))}
      {button('a4', t('boxLabels.printA4'))}
      {print.error ? <ErrorMessage error={print.error} /> : null}
    </>
  );
};

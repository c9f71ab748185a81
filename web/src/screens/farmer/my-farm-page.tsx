import type { ReactNode } from 'react';
import type { Farm } from '../../api/types';
import { Page } from '../../components/page';
import { Async, Empty } from '../../components/states';
import { Link } from '../../lib/router';
import { useMyFarm } from './use-my-farm';
import { t } from '../../i18n';

/** A farmer's screen about their farm: its content once the farm is loaded, or the way to create it first. */
export const MyFarmPage = ({
  title,
  intro,
  children,
}: {
  title: string;
  intro: string;
  children: (farmId: string, farm: Farm) => ReactNode;
}) => {
  const farm = useMyFarm();
  return (
    <Page title={title} intro={intro}>
      <Async state={farm} what={t('farmer.loading')}>
        {(page) =>
          page ? (
            children(page.farm.id, page.farm)
          ) : (
            <Empty>
              <p>
                {t('listingForm.farmFirst')} <Link to="/farmer">{t('myFarm.goTo')}</Link>
              </p>
            </Empty>
          )
        }
      </Async>
    </Page>
  );
};

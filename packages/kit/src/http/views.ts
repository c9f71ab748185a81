import { Address, ColdChain, Money, Unit } from '@ftt/contracts';

/**
 * The contracts' shapes as the services' replies show them, each named once in the OpenAPI document of a service
 * that replies with it (components.schemas), so the web gets one generated type per name. Request bodies use the
 * contracts' schemas (or their fields) directly: a request is described where it is accepted.
 */
export const MoneyView = Money.meta({ id: 'Money' });
export const AddressView = Address.meta({ id: 'Address' });
export const ColdChainView = ColdChain.meta({ id: 'ColdChain' });
export const UnitView = Unit.meta({ id: 'Unit' });

import { Address, ColdChain, Money, Unit } from '@ftt/contracts';
import { z } from 'zod';

/**
 * The contracts' shapes as the services' replies show them, each named once in the OpenAPI document of a service
 * that replies with it (components.schemas), so the web gets one generated type per name. Request bodies use the
 * contracts' schemas (or their fields) directly: a request is described where it is accepted.
 */
export const MoneyView = Money.meta({ id: 'Money' });
export const AddressView = Address.meta({ id: 'Address' });
export const ColdChainView = ColdChain.meta({ id: 'ColdChain' });
export const UnitView = Unit.meta({ id: 'Unit' });

/**
 * Names a service's own views (and the enums clients pick from) in its OpenAPI document: zod's metadata id, so the
 * document describes each once under components.schemas and refers to it, and clients get one type per name.
 * Call it once, at module level, where the schemas are declared.
 */
export const nameSchemas = (schemas: Record<string, z.ZodType>): void => {
  for (const [id, schema] of Object.entries(schemas)) z.globalRegistry.add(schema, { ...z.globalRegistry.get(schema), id });
};

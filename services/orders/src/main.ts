import { main } from '@ftt/kit';
import { startOrders } from './service';

main(() => startOrders(process.env));

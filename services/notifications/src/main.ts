import { main } from '@ftt/kit';
import { startNotifications } from './service';

main(() => startNotifications(process.env));

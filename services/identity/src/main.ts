import { main } from '@ftt/kit';
import { startIdentity } from './service';

main(() => startIdentity(process.env));

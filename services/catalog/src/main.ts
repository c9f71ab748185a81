import { main } from '@ftt/kit';
import { startCatalog } from './service';

main(() => startCatalog(process.env));

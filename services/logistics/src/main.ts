import { main } from '@ftt/kit';
import { startLogistics } from './service';

main(() => startLogistics(process.env));

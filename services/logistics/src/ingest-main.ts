import { main } from '@ftt/kit';
import { startIngest } from './ingest-service';

main(() => startIngest(process.env));

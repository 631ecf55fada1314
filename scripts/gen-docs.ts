// Regenerate the documentation that is derived from code (`npm run docs`).
import { writeFileSync } from 'node:fs';
import { configurationReference } from '../src/config/reference.ts';

writeFileSync(new URL('../docs/configuration.md', import.meta.url), configurationReference());
console.log('wrote docs/configuration.md');

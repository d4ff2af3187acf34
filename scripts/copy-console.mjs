// Copies the console's static files next to the compiled module (dist/console/public), so the
// built service serves /console without the source tree.
import { cpSync, existsSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const from = fileURLToPath(new URL('../src/console/public/', import.meta.url));
const to = fileURLToPath(new URL('../dist/console/public/', import.meta.url));
if (existsSync(to)) rmSync(to, { recursive: true });
cpSync(from, to, { recursive: true });

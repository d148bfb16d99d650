// The jco side of ComponentBench: the same component calls as the Java side, through `jco transpile`
// (the pinned jco of package.json) and Node.js. Prints one JSON object: nanoseconds per call, best of
// the rounds. Usage: node component-bench.mjs <fixtures/components/wasm> <build dir> [calls per round]
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const jco = join(here, 'node_modules/@bytecodealliance/jco/src/jco.js');
const [wasmDir, buildDir, callsArg] = process.argv.slice(2);
const calls = Number(callsArg ?? 20000);
const ROUNDS = 7;

async function load(fixture, imports) {
  const out = join(buildDir, fixture);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  execFileSync(process.execPath, [jco, 'transpile', join(wasmDir, `${fixture}.wasm`), '--instantiation', 'async',
    '--no-typescript', '--name', fixture, '-q', '-o', out], { stdio: 'inherit' });
  const mod = await import(pathToFileURL(join(out, `${fixture}.js`)));
  return mod.instantiate((path) => WebAssembly.compile(readFileSync(join(out, path))), imports);
}

// Best of ROUNDS rounds of `n` calls, in ns per call; `check` validates one result per round.
function time(n, f, check) {
  let best = Infinity;
  for (let r = 0; r < ROUNDS; r++) {
    let last;
    const start = process.hrtime.bigint();
    for (let i = 0; i < n; i++) last = f();
    const ns = Number(process.hrtime.bigint() - start) / n;
    check(last);
    best = Math.min(best, ns);
  }
  return best;
}

function expect(what, want) {
  return (got) => {
    if (got !== want) throw new Error(`${what}: expected ${want}, got ${got}`);
  };
}

const minimal = await load('minimal', { 'test:minimal/host': { add: (a, b) => (a + b) | 0 } });
const types = await load('types', {});

const text = 'The quick brown fox jumps over the lazy dog. '.repeat(24).slice(0, 1024); // 1 KiB, ASCII
const list = new Int32Array(10000);
let sum = 0n;
for (let i = 0; i < list.length; i++) {
  list[i] = (i * 7919) % 200001 - 100000;
  sum += BigInt(list[i]);
}

const result = {
  node: process.version,
  calls,
  compute: time(calls, () => minimal.compute(6, 7), expect('compute', 42)),
  echoString: time(calls, () => types.echoString(text), expect('echo-string', text)),
  sumS32s: time(Math.max(1, calls / 10), () => types.sumS32s(list), expect('sum-s32s', sum)),
};
console.log(JSON.stringify(result));

#!/usr/bin/env node
// Summarises a V8 .cpuprofile: where the CPU went, by package / src file (self time),
// the top functions by self time, and the top functions by inclusive time.
//   node bench/lib/cpuprofile-summary.mjs FILE.cpuprofile [--requests N] [--top 25]
import { readFileSync } from 'node:fs';

const argv = process.argv.slice(2);
const file = argv[0];
const opt = (name, dflt) => { const i = argv.indexOf(name); return i >= 0 ? argv[i + 1] : dflt; };
const requests = Number(opt('--requests', 0));
const top = Number(opt('--top', 25));
const profile = JSON.parse(readFileSync(file, 'utf8'));

const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

function bucket(frame) {
  const { url, functionName } = frame;
  if (!url) {
    if (['(idle)', '(program)', '(garbage collector)', '(root)'].includes(functionName)) return functionName;
    return '(native / V8 builtins)';
  }
  const m = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
  if (m) return `pkg ${m[1]}`;
  if (url.startsWith('node:')) return 'node: core';
  const s = url.match(/\/(src|bench|test)\/(.*)$/);
  if (s) return `${s[1]}/${s[2]}`;
  return url;
}
function where(frame) {
  const m = frame.url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)\/(.*)$/);
  if (m) return `${m[1]}/${m[2].replace(/^dist\/(esm|cjs)\//, '')}`;
  return bucket(frame);
}
const key = (frame) => `${frame.functionName || '(anonymous)'}  ${where(frame)}:${frame.lineNumber + 1}`;

const selfByBucket = new Map();
const selfByFn = new Map();
const inclByFn = new Map();
const inclByBucket = new Map();
let total = 0;
let busy = 0;
const samples = profile.samples;
const deltas = profile.timeDeltas;
for (let i = 0; i < samples.length; i++) {
  const dt = (deltas[i + 1] ?? deltas[i] ?? 0) / 1000; // ms attributed to this sample
  const leaf = nodes.get(samples[i]);
  total += dt;
  const b = bucket(leaf.callFrame);
  selfByBucket.set(b, (selfByBucket.get(b) ?? 0) + dt);
  if (b === '(idle)') continue;
  busy += dt;
  selfByFn.set(key(leaf.callFrame), (selfByFn.get(key(leaf.callFrame)) ?? 0) + dt);
  const seen = new Set();
  const seenB = new Set();
  for (let id = samples[i]; id !== undefined; id = parent.get(id)) {
    const f = nodes.get(id).callFrame;
    const k = key(f);
    if (!seen.has(k)) { seen.add(k); inclByFn.set(k, (inclByFn.get(k) ?? 0) + dt); }
    const bb = bucket(f);
    if (!seenB.has(bb)) { seenB.add(bb); inclByBucket.set(bb, (inclByBucket.get(bb) ?? 0) + dt); }
  }
}
// Coarse categories: native frames (V8 builtins, C++ bindings) are charged to the JS
// package that called them, except SQLite's own work, which gets categories of its own.
const SQLITE_EXEC = new Set(['run', 'all', 'get', 'iterate']);
function category(sampleId) {
  const leaf = nodes.get(sampleId).callFrame;
  if (leaf.functionName === '(garbage collector)') return 'garbage collector';
  if (leaf.functionName === '(program)') return '(program: V8/native, unattributed)';
  for (let id = sampleId, native = leaf; id !== undefined; id = parent.get(id)) {
    const f = nodes.get(id).callFrame;
    if (!f.url) { native = f; continue; }
    const b = bucket(f);
    if (b === 'pkg better-sqlite3') return 'SQLite: prepare (better-sqlite3 Statement)';
    if (/sqlite-driver/.test(f.url) && !leaf.url) return SQLITE_EXEC.has(native.functionName) ? 'SQLite: execute (run/all)' : 'SQLite: prepare (better-sqlite3 Statement)';
    if (b === 'pkg kysely') return 'kysely: query building + compiling + executor';
    if (/^pkg pg/.test(b)) return 'pg driver (protocol, parsing, socket writes)';
    if (/^pkg (fastify|find-my-way|light-my-request|avvio|@fastify|fast-json|pino|secure-json|fast-querystring|toad-cache|process-warning|rfdc|abstract-logging)/.test(b)) return 'fastify + HTTP plumbing';
    if (b === 'node: core') return 'node core (http, net sockets, streams, timers)';
    if (b.startsWith('src/api')) return 'muon src/api (routes, body parsing, rendering)';
    if (b.startsWith('src/core/resource')) return 'muon src/core/resource (service, record codec)';
    if (b.startsWith('src/core')) return 'muon src/core (hooks, ipam, quota)';
    if (b.startsWith('src/store')) return 'muon src/store (repos, store)';
    if (b.startsWith('src/definitions')) return 'muon src/definitions (validators)';
    if (b.startsWith('src/ipam')) return 'muon src/ipam';
    if (b.startsWith('src/policy')) return 'muon src/policy';
    return b;
  }
  return '(native, no JS caller)';
}
const byCategory = new Map();
for (let i = 0; i < samples.length; i++) {
  const leaf = nodes.get(samples[i]).callFrame;
  if (leaf.functionName === '(idle)') continue;
  const dt = (deltas[i + 1] ?? deltas[i] ?? 0) / 1000;
  const c = category(samples[i]);
  byCategory.set(c, (byCategory.get(c) ?? 0) + dt);
}
const pctOf = (v, of) => `${((100 * v) / of).toFixed(1).padStart(5)}%`;
const ms = (v) => `${v.toFixed(0).padStart(7)} ms`;
console.log(`profile ${file}: ${(total / 1000).toFixed(2)} s wall, ${(busy / 1000).toFixed(2)} s on CPU (not idle)${requests ? `, ${requests} requests => ${(busy / requests).toFixed(3)} ms CPU per request` : ''}`);
console.log('\nwhere the CPU goes (native work charged to its JS caller):');
for (const [c, v] of [...byCategory].sort((a, b) => b[1] - a[1])) console.log(`  ${pctOf(v, busy)} ${ms(v)}${requests ? ` ${(v / requests).toFixed(3).padStart(8)} ms/req` : ''}  ${c}`);
console.log('\nself time by package / file (share of on-CPU time):');
for (const [b, v] of [...selfByBucket].filter(([b]) => b !== '(idle)').sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`  ${pctOf(v, busy)} ${ms(v)}  ${b}`);
console.log('\ninclusive time by package / file (time with a frame of it on the stack):');
for (const [b, v] of [...inclByBucket].filter(([b]) => !b.startsWith('(')).sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`  ${pctOf(v, busy)} ${ms(v)}  ${b}`);
console.log('\ntop functions by self time:');
for (const [k, v] of [...selfByFn].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`  ${pctOf(v, busy)} ${ms(v)}  ${k}`);
console.log('\ntop functions by inclusive time:');
for (const [k, v] of [...inclByFn].sort((a, b) => b[1] - a[1]).filter(([k]) => !k.startsWith('(root)')).slice(0, top * 2)) console.log(`  ${pctOf(v, busy)} ${ms(v)}  ${k}`);

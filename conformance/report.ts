/**
 * The tables of CONFORMANCE.md: per Tempest module, muon's counts next to real
 * Neutron's (../shared/reference/tempest-neutron, measured on this machine kind),
 * then every failure of muon's run with its first line of reason, and the skip
 * reasons.
 *
 *   npx tsx conformance/report.ts OUTDIR [OUTDIR ...]   (directories written by conformance/run-tempest.sh)
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

interface Counts { total?: number; passed?: number; failed?: number; skipped?: number }
interface Summary { suites: Record<string, Counts>; modules: Record<string, Counts>; failures: Array<{ id: string; reason: string }>; skip_reasons: Record<string, number> }

const here = dirname(fileURLToPath(import.meta.url));
const reference = join(here, '..', '..', 'shared', 'reference');

function read(path: string): Summary {
  return JSON.parse(readFileSync(path, 'utf8')) as Summary;
}

/** Neutron's per-module counts where the workplace recorded them (the plugin suite), its suite totals otherwise. */
function neutronBaseline(): { suites: Record<string, Counts>; modules: Record<string, Counts> } {
  const suites = JSON.parse(readFileSync(join(reference, 'neutron-baseline.json'), 'utf8')) as Record<string, Counts>;
  const plugin = join(reference, 'tempest-neutron', 'neutron_tempest_plugin.api.summary.json');
  return { suites, modules: existsSync(plugin) ? read(plugin).modules : {} };
}

const cell = (c: Counts | undefined) => (c ? `${c.total ?? 0} / ${c.passed ?? 0} / ${c.failed ?? 0} / ${c.skipped ?? 0}` : '–');

const runs = process.argv.slice(2).map((dir) => read(join(dir, 'summary.json')));
if (runs.length === 0) { console.error('usage: npx tsx conformance/report.ts OUTDIR [OUTDIR ...]'); process.exit(2); }
const neutron = neutronBaseline();
const lines: string[] = [];
for (const run of runs) {
  for (const [suite, counts] of Object.entries(run.suites)) {
    lines.push(`### ${suite}`, '', '| module | muon total / passed / failed / skipped | Neutron |', '|---|---|---|');
    lines.push(`| **whole suite** | **${cell(counts)}** | **${cell(neutron.suites[suite])}** |`);
    for (const [module, mine] of Object.entries(run.modules).filter(([m]) => m.startsWith(`${suite}.`)).sort()) {
      lines.push(`| \`${module.slice(suite.length + 1)}\` | ${cell(mine)} | ${cell(neutron.modules[module])} |`);
    }
    lines.push('');
  }
  lines.push(`Failures (${run.failures.length}):`, '');
  for (const failure of run.failures) lines.push(`- \`${failure.id.replace(/\[.*$/, '')}\` — ${failure.reason.split('\n')[0]!.slice(0, 240)}`);
  lines.push('', 'Skip reasons:', '');
  for (const [reason, count] of Object.entries(run.skip_reasons).sort((a, b) => b[1] - a[1])) lines.push(`- ${count} × ${reason.slice(0, 200)}`);
  lines.push('');
}
console.log(lines.join('\n'));

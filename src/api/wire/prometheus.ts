/** One metric family of the Prometheus text exposition format (version 0.0.4). */
export interface MetricFamily {
  readonly name: string;
  readonly help: string;
  readonly type: 'gauge' | 'counter';
  readonly samples: ReadonlyArray<{ readonly labels: Readonly<Record<string, string | number | null>>; readonly value: number }>;
}

/** The content type Prometheus expects for this format. */
export const PROMETHEUS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

/**
 * Renders metric families as Prometheus text: `# HELP`, `# TYPE`, then one
 * line per sample, label values escaped (backslash, double quote, newline).
 * Pure.
 *
 * @example renderPrometheus([{ name: 'up', help: 'Up.', type: 'gauge', samples: [{ labels: {}, value: 1 }] }]) // "# HELP up Up.\n# TYPE up gauge\nup 1\n"
 */
export function renderPrometheus(families: readonly MetricFamily[]): string {
  const lines: string[] = [];
  // Label sets shared by several samples (the same object) are formatted once.
  const rendered = new WeakMap<object, string>();
  for (const family of families) {
    lines.push(`# HELP ${family.name} ${family.help.replace(/\\/g, '\\\\').replace(/\n/g, '\\n')}`, `# TYPE ${family.name} ${family.type}`);
    for (const sample of family.samples) {
      let labels = rendered.get(sample.labels);
      if (labels === undefined) {
        const parts = Object.entries(sample.labels).filter(([, v]) => v !== null && v !== '').map(([k, v]) => `${k}="${escapeLabel(String(v))}"`);
        labels = parts.length ? `{${parts.join(',')}}` : '';
        rendered.set(sample.labels, labels);
      }
      lines.push(`${family.name}${labels} ${formatValue(sample.value)}`);
    }
  }
  return lines.length ? `${lines.join('\n')}\n` : '';
}

function escapeLabel(value: string): string {
  return /[\\"\n]/.test(value) ? value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n') : value;
}

function formatValue(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  return String(value);
}

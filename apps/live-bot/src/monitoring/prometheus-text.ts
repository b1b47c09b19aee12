/** One sample of the Prometheus text exposition format. */
export interface PrometheusSample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface PrometheusFamily {
  name: string;
  type: 'counter' | 'gauge' | 'histogram' | 'summary' | 'untyped';
  help: string | undefined;
  samples: PrometheusSample[];
}

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const TYPES = new Set(['counter', 'gauge', 'histogram', 'summary', 'untyped']);
const SUFFIXES: Record<PrometheusFamily['type'], string[]> = {
  counter: [''],
  gauge: [''],
  untyped: [''],
  histogram: ['_bucket', '_sum', '_count'],
  summary: ['', '_sum', '_count'],
};

/**
 * A strict reader of the Prometheus text format (0.0.4), for checking what `/metrics` serves:
 * every line a HELP, a TYPE or `name{label="value",...} value [timestamp]`, each sample under a
 * TYPE declared before it, no series twice. Throws naming the line on the first violation.
 */
export function parsePrometheusText(text: string): Map<string, PrometheusFamily> {
  if (text !== '' && !text.endsWith('\n')) throw new Error('exposition must end with a newline');
  const families = new Map<string, PrometheusFamily>();
  const seenSeries = new Set<string>();
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  lines.forEach((line, index) => {
    const where = `line ${index + 1} (${JSON.stringify(line.slice(0, 80))})`;
    if (line.trim() === '') return;
    if (line.startsWith('#')) {
      const match = /^# (HELP|TYPE) (\S+)(?: (.*))?$/.exec(line);
      if (match === null) return; // a plain comment
      const [, keyword, name, rest = ''] = match as unknown as [string, string, string, string | undefined];
      if (!METRIC_NAME.test(name)) throw new Error(`${where}: bad metric name`);
      if (keyword === 'TYPE') {
        if (!TYPES.has(rest)) throw new Error(`${where}: unknown type`);
        const existing = families.get(name);
        if (existing !== undefined && existing.samples.length > 0) throw new Error(`${where}: TYPE after samples`);
        families.set(name, { name, type: rest as PrometheusFamily['type'], help: existing?.help, samples: existing?.samples ?? [] });
      } else {
        const existing = families.get(name);
        families.set(name, { name, type: existing?.type ?? 'untyped', help: rest, samples: existing?.samples ?? [] });
      }
      return;
    }
    const sample = parseSampleLine(line, where);
    const family = familyOf(families, sample.name);
    if (family === undefined) throw new Error(`${where}: sample of ${sample.name} without a TYPE before it`);
    const series = `${sample.name}{${Object.entries(sample.labels)
      .sort()
      .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
      .join(',')}}`;
    if (seenSeries.has(series)) throw new Error(`${where}: series ${series} appears twice`);
    seenSeries.add(series);
    family.samples.push(sample);
  });
  return families;
}

function familyOf(families: Map<string, PrometheusFamily>, sampleName: string): PrometheusFamily | undefined {
  for (const [name, family] of families) {
    if (SUFFIXES[family.type].some((suffix) => name + suffix === sampleName)) return family;
  }
  return undefined;
}

function parseSampleLine(line: string, where: string): PrometheusSample {
  const nameMatch = /^[a-zA-Z_:][a-zA-Z0-9_:]*/.exec(line);
  if (nameMatch === null) throw new Error(`${where}: no metric name`);
  const name = nameMatch[0];
  let position = name.length;
  const labels: Record<string, string> = {};
  if (line[position] === '{') {
    position += 1;
    while (line[position] !== '}') {
      const labelMatch = /^([a-zA-Z_][a-zA-Z0-9_]*)="/.exec(line.slice(position));
      if (labelMatch === null) throw new Error(`${where}: bad label at column ${position + 1}`);
      const labelName = labelMatch[1]!;
      if (!LABEL_NAME.test(labelName) || labelName in labels) throw new Error(`${where}: bad or repeated label ${labelName}`);
      position += labelMatch[0].length;
      let value = '';
      for (;;) {
        const char = line[position];
        if (char === undefined) throw new Error(`${where}: unterminated label value`);
        position += 1;
        if (char === '"') break;
        if (char === '\\') {
          const escaped = line[position];
          position += 1;
          if (escaped === 'n') value += '\n';
          else if (escaped === '\\' || escaped === '"') value += escaped;
          else throw new Error(`${where}: bad escape in label value`);
        } else value += char;
      }
      labels[labelName] = value;
      if (line[position] === ',') position += 1;
      else if (line[position] !== '}') throw new Error(`${where}: expected , or } after a label`);
    }
    position += 1;
  }
  const rest = line.slice(position);
  const valueMatch = /^ (\S+)(?: (-?\d+))?$/.exec(rest);
  if (valueMatch === null) throw new Error(`${where}: expected " value [timestamp]"`);
  const valueText = valueMatch[1]!;
  // As Prometheus reads values (Go's ParseFloat): NaN and Inf in any case, e.g. prom-client's "Nan".
  const special = /^([-+]?)(inf|infinity)$/i.exec(valueText);
  const value = special !== null ? (special[1] === '-' ? -Infinity : Infinity) : /^nan$/i.test(valueText) ? Number.NaN : Number(valueText);
  if (special === null && !/^nan$/i.test(valueText) && !/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(valueText))
    throw new Error(`${where}: value ${valueText} is not a number`);
  return { name, labels, value };
}

/** The value of the one sample of `name` with exactly these labels (tests). */
export function sampleValue(
  families: Map<string, PrometheusFamily>,
  name: string,
  labels: Record<string, string> = {},
): number | undefined {
  for (const family of families.values()) {
    for (const sample of family.samples) {
      if (sample.name !== name) continue;
      const keys = Object.keys(sample.labels);
      if (keys.length === Object.keys(labels).length && keys.every((key) => sample.labels[key] === labels[key])) return sample.value;
    }
  }
  return undefined;
}

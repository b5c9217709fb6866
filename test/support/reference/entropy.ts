// Plain float64 definitions, slow and obvious (the oracles of the entropy tests).

function normalized(p: readonly number[]): number[] {
  const s = p.reduce((a, b) => a + b, 0);
  return p.map((v) => v / s);
}

/** H(p) = −Σ p̂ log p̂, p̂ = p / Σp (scipy.stats.entropy). */
export function entropyRef(p: readonly number[], base = Math.E, normalize = true): number {
  const x = normalize ? normalized(p) : [...p];
  let h = 0;
  for (const v of x) if (v > 0) h -= v * Math.log(v);
  return h / Math.log(base);
}

/** H(p, q) = −Σ p̂ log q̂. */
export function crossEntropyRef(p: readonly number[], q: readonly number[], base = Math.E, normalize = true): number {
  const a = normalize ? normalized(p) : [...p];
  const b = normalize ? normalized(q) : [...q];
  let h = 0;
  for (let i = 0; i < a.length; i++) if (a[i]! > 0) h -= a[i]! * Math.log(b[i]!);
  return h / Math.log(base);
}

/** D(p‖q) = Σ p̂ log(p̂ / q̂). */
export function klDivergenceRef(p: readonly number[], q: readonly number[], base = Math.E, normalize = true): number {
  const a = normalize ? normalized(p) : [...p];
  const b = normalize ? normalized(q) : [...q];
  let d = 0;
  for (let i = 0; i < a.length; i++) if (a[i]! > 0) d += a[i]! * Math.log(a[i]! / b[i]!);
  return d / Math.log(base);
}

/** JS(p, q) = ½ D(p‖m) + ½ D(q‖m), m = (p̂ + q̂)/2. */
export function jsDivergenceRef(p: readonly number[], q: readonly number[], base = Math.E): number {
  const a = normalized(p);
  const b = normalized(q);
  const m = a.map((v, i) => (v + b[i]!) / 2);
  return (klDivergenceRef(a, m, base, false) + klDivergenceRef(b, m, base, false)) / 2;
}

/** softmax of one row, by the definition with the maximum subtracted. */
export function softmaxRef(x: readonly number[]): number[] {
  const m = Math.max(...x);
  const e = x.map((v) => Math.exp(v - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
}

/** log-softmax of one row. */
export function logSoftmaxRef(x: readonly number[]): number[] {
  const m = Math.max(...x);
  const lse = m + Math.log(x.reduce((a, v) => a + Math.exp(v - m), 0));
  return x.map((v) => v - lse);
}

/** torch.nn.functional.cross_entropy for class-index targets, written from the documentation. */
export function crossEntropyLossIndexRef(
  rows: readonly (readonly number[])[], target: readonly number[],
  o: { weight?: readonly number[]; ignoreIndex?: number; labelSmoothing?: number; reduction?: 'none' | 'mean' | 'sum' } = {},
): number | number[] {
  const ignore = o.ignoreIndex ?? -100;
  const eps = o.labelSmoothing ?? 0;
  const c = rows[0]?.length ?? 0;
  const w = (k: number): number => (o.weight === undefined ? 1 : o.weight[k]!);
  const losses: number[] = [];
  let denom = 0;
  rows.forEach((row, n) => {
    const y = target[n]!;
    if (y === ignore) { losses.push(0); return; }
    const lp = logSoftmaxRef(row);
    denom += w(y);
    const nll = -w(y) * lp[y]!;
    let smooth = 0;
    for (let k = 0; k < c; k++) smooth -= w(k) * lp[k]!;
    losses.push((1 - eps) * nll + (eps / c) * smooth);
  });
  if (o.reduction === 'none') return losses;
  const sum = losses.reduce((a, b) => a + b, 0);
  return o.reduction === 'sum' ? sum : sum / denom;
}

/** torch cross_entropy for probability targets. */
export function crossEntropyLossProbRef(
  rows: readonly (readonly number[])[], target: readonly (readonly number[])[],
  o: { weight?: readonly number[]; labelSmoothing?: number; reduction?: 'none' | 'mean' | 'sum' } = {},
): number | number[] {
  const eps = o.labelSmoothing ?? 0;
  const losses = rows.map((row, n) => {
    const c = row.length;
    const lp = logSoftmaxRef(row);
    let l = 0;
    for (let k = 0; k < c; k++) {
      const y = target[n]![k]! * (1 - eps) + eps / c;
      if (y !== 0) l -= (o.weight === undefined ? 1 : o.weight[k]!) * y * lp[k]!;
    }
    return l;
  });
  if (o.reduction === 'none') return losses;
  const sum = losses.reduce((a, b) => a + b, 0);
  return o.reduction === 'sum' ? sum : sum / rows.length;
}

/** numpy.histogram by linear search over the edges (last bin closed). */
export function histogramRef(x: readonly number[], edges: readonly number[]): number[] {
  const bins = edges.length - 1;
  const counts = new Array<number>(bins).fill(0);
  for (const v of x) {
    if (v < edges[0]! || v > edges[bins]!) continue;
    if (v === edges[bins]) { counts[bins - 1]!++; continue; }
    for (let k = 0; k < bins; k++) if (v >= edges[k]! && v < edges[k + 1]!) { counts[k]!++; break; }
  }
  return counts;
}

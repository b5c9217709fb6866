// Output helpers of the CLI: a progress bar on stderr and aligned text tables.

/** A progress bar on stderr, drawn only when stderr is a terminal. */
export function progressBar(label: string, enabled: boolean): { update: (done: number, total: number, detail: string) => void; done: () => void } {
  const out = process.stderr;
  const live = enabled && out.isTTY === true;
  let drawn = false;
  return {
    update(done, total, detail) {
      if (!live) return;
      const width = 24;
      const filled = total === 0 ? width : Math.round((done / total) * width);
      const line = `${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} ${detail}`;
      const cols = out.columns ?? 80;
      out.write(`\r${line.length > cols - 1 ? line.slice(0, cols - 1) : line.padEnd(cols - 1)}`);
      drawn = true;
    },
    done() {
      if (drawn) out.write(`\r${' '.repeat((out.columns ?? 80) - 1)}\r`);
    },
  };
}

/** Columns padded to their widest cell; numbers right-aligned. */
export function formatTable(headers: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const cells = [headers, ...rows.map((r) => r.map(String))];
  const right = headers.map((_, c) => rows.length > 0 && rows.every((r) => typeof r[c] === 'number' || /^[-+]?[\d.]+(e[-+]?\d+)?[%x]?$|^inf$|^-$/.test(String(r[c]))));
  const widths = headers.map((_, c) => Math.max(...cells.map((r) => String(r[c] ?? '').length)));
  return cells
    .map((r) => r.map((v, c) => (right[c] ? String(v).padStart(widths[c]!) : String(v).padEnd(widths[c]!))).join('  ').trimEnd())
    .join('\n');
}

/** 1234567 → '1.23 MB'. */
export function formatBytes(n: number): string {
  if (n < 1e3) return `${n} B`;
  if (n < 1e6) return `${(n / 1e3).toFixed(1)} kB`;
  return `${(n / 1e6).toFixed(2)} MB`;
}

/** SQNR in dB with Infinity as 'inf'. */
export function formatDb(x: number | undefined): string {
  if (x === undefined || Number.isNaN(x)) return '-';
  return x === Infinity ? 'inf' : x.toFixed(1);
}

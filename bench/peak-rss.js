// Loaded with --import into every process the benchmark times: on exit, it writes the process's
// peak resident memory (KiB) to the file BENCH_RSS_FILE names.
import { writeFileSync } from 'node:fs';

process.on('exit', () => {
  if (process.env.BENCH_RSS_FILE) writeFileSync(process.env.BENCH_RSS_FILE, String(process.resourceUsage().maxRSS));
});

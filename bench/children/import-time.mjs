// A child process of bench/sections/footprint.ts: times one cold `import()` and prints it as one JSON line.
//   node bench/children/import-time.mjs <specifier or file URL>
// Bare specifiers resolve from this file's folder, that is from the repository's node_modules.
const spec = process.argv[2];
const c0 = process.cpuUsage();
const t0 = performance.now();
await import(spec);
const ms = performance.now() - t0;
const cpu = process.cpuUsage(c0);
process.stdout.write(JSON.stringify({ spec, ms, cpuMs: (cpu.user + cpu.system) / 1000 }) + "\n");

// Preloaded (`node -r`) into every start-up measurement: on exit, writes the process's peak RSS in KB to
// file descriptor 3, which bench/startup.ts opens as a pipe. The same probe runs in the baseline, so its
// small cost cancels out of the ratios.
"use strict"
process.on("exit", () => {
  try {
    process.getBuiltinModule("node:fs").writeSync(3, String(process.resourceUsage().maxRSS))
  } catch {
    // no descriptor 3: run outside the benchmark
  }
})

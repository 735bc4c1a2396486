// PDF preflight for the press profile: `stonehand preflight FILE.pdf` (DESIGN.md, "Command line").
export { preflightPdf, formatPreflight, describeFinding, TARGET_PPI } from './preflight.js';
export type { Condition, Finding, PreflightResult } from './preflight.js';

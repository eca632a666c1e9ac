// zod 4 compiles object parsers with `new Function` unless told not to, and probes for it when a
// schema is built; under the Content-Security-Policy (no 'unsafe-eval', server/http/security-headers.ts)
// that probe is reported as a violation. zod reads this global config when it loads, so this classic
// script runs before the app's module scripts (an inline script would itself break the CSP).
globalThis.__zod_globalConfig = Object.assign(globalThis.__zod_globalConfig || {}, { jitless: true });

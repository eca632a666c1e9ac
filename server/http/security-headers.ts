/**
 * Security headers (helmet) with a Content-Security-Policy the built client works under
 * (tests/browser/csp.browser.test.ts watches for violations): no CDN, everything from 'self',
 * plus what MapLibre and antd need and the basemap's hosts when one is configured.
 */
import type { RequestHandler } from 'express';
import helmet from 'helmet';
import type { AppConfig } from '../config.js';

/** Tianditu serves tiles from t0…t7.tianditu.gov.cn (client/src/map/basemap-style.ts). */
const TIANDITU_HOSTS = 'https://*.tianditu.gov.cn';

/**
 * Origins the map fetches from besides 'self': the configured style's origin (its tiles, glyphs and
 * sprites must come from the same origin, or be added here) or Tianditu's hosts.
 */
export function basemapOrigins(basemap: AppConfig['basemap']): string[] {
  if (basemap.styleUrl) {
    try {
      return [new URL(basemap.styleUrl).origin];
    } catch {
      return [];
    }
  }
  return basemap.tiandituKey ? [TIANDITU_HOSTS] : [];
}

export function securityHeaders(config: Pick<AppConfig, 'basemap' | 'hsts'>): RequestHandler {
  const mapOrigins = basemapOrigins(config.basemap);
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        'default-src': ["'self'"],
        'script-src': ["'self'"],
        // antd's CSS-in-JS writes <style> elements at run time.
        'style-src': ["'self'", "'unsafe-inline'"],
        // MapLibre draws icons and canvas snapshots from data: and blob: URLs.
        'img-src': ["'self'", 'data:', 'blob:', ...mapOrigins],
        'font-src': ["'self'", 'data:'],
        'connect-src': ["'self'", ...mapOrigins],
        // MapLibre starts its workers from a blob: URL; child-src for browsers without worker-src.
        'worker-src': ["'self'", 'blob:'],
        'child-src': ["'self'", 'blob:'],
        'object-src': ["'none'"],
        'base-uri': ["'self'"],
        'form-action': ["'self'"],
        'frame-ancestors': ["'none'"],
        // No upgrade-insecure-requests: the app is often served over plain HTTP on an intranet.
      },
    },
    xFrameOptions: { action: 'deny' },
    // Origin only, not the path: Tianditu checks a browser key against the Referer's domain.
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    // HSTS over plain HTTP would lock browsers out of an intranet server; only when HTTPS is promised.
    strictTransportSecurity: config.hsts ? { maxAge: 180 * 24 * 3600, includeSubDomains: false } : false,
  });
}

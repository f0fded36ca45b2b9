/**
 * Removes secret values from text before it leaves the process. Secrets can surface escaped, so
 * each is also removed in its JSON, XML and URL-encoded spellings.
 */
export const MASK = '**********';

export class Redactor {
  private readonly needles: string[];

  constructor(secrets: Iterable<string>) {
    const spellings = new Set<string>();
    for (const secret of secrets) {
      if (!secret) continue;
      spellings.add(secret);
      spellings.add(JSON.stringify(secret).slice(1, -1));
      spellings.add(
        secret.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;'),
      );
      spellings.add(encodeURIComponent(secret));
    }
    // Longest first, so a secret that contains another is masked whole.
    this.needles = [...spellings].sort((a, b) => b.length - a.length);
  }

  get active(): boolean {
    return this.needles.length > 0;
  }

  redact(text: string): string {
    let out = text;
    for (const needle of this.needles) {
      if (out.includes(needle)) out = out.split(needle).join(MASK);
    }
    return out;
  }
}

/** The values of every property marked airbyte_secret in a spec, found in a config. */
export function secretValues(connectionSpecification: unknown, config: unknown): string[] {
  const found: string[] = [];
  const walk = (schema: unknown, value: unknown): void => {
    if (schema === null || typeof schema !== 'object' || value === null || value === undefined) return;
    const s = schema as { airbyte_secret?: boolean; properties?: Record<string, unknown>; oneOf?: unknown[]; items?: unknown };
    if (s.airbyte_secret && (typeof value === 'string' || typeof value === 'number')) found.push(String(value));
    if (s.properties && typeof value === 'object') {
      for (const [key, sub] of Object.entries(s.properties)) walk(sub, (value as Record<string, unknown>)[key]);
    }
    if (Array.isArray(s.oneOf)) for (const option of s.oneOf) walk(option, value);
    if (s.items && Array.isArray(value)) for (const item of value) walk(s.items, item);
  };
  walk(connectionSpecification, config);
  return found;
}

/** A URL as shown and kept: a user name or password written into it is no one's business. */
export function withoutUserInfo(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    return parsed.href;
  } catch {
    return url;
  }
}

/**
 * The user-info of every URL among a config's string values (`http://user:pass@host/`): no spec
 * marks it secret, yet it is one, so it is masked like the spec's secrets wherever it surfaces.
 */
export function userInfoSecrets(config: unknown): string[] {
  const found: string[] = [];
  const walk = (value: unknown): void => {
    if (typeof value === 'string') {
      if (!value.includes('@')) return;
      try {
        // The password only: a user name such as "user" masked everywhere would garble the text.
        const { password } = new URL(value.trim());
        if (!password) return;
        found.push(password);
        found.push(decodeURIComponent(password));
      } catch {
        // Not a URL (nothing to mask), or a password whose %-escapes do not decode (masked as written).
      }
    } else if (Array.isArray(value)) value.forEach(walk);
    else if (value !== null && typeof value === 'object') Object.values(value).forEach(walk);
  };
  walk(config);
  return found;
}

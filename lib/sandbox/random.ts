import 'server-only';

// Deterministic pseudo-random numbers for the demo generator (sfc32 seeded by a cyrb128 hash), so
// that the same seed always builds the same organisation. Never Math.random.

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  chance(probability: number): boolean;
  pick<T>(items: readonly T[]): T;
  chars(alphabet: string, length: number): string;
  uuid(): string;
  /** An independent stream named by `label`, so adding data in one place does not shift another. */
  fork(label: string): Rng;
}

function cyrb128(text: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

const HEX_CODES = Array.from('0123456789abcdef', (ch) => ch.charCodeAt(0));
const UUID_CODES = new Uint16Array(36);

export function createRng(seed: number | string): Rng {
  const key = String(seed);
  let [a, b, c, d] = cyrb128(key);
  const nextUint32 = (): number => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return t >>> 0;
  };
  for (let i = 0; i < 12; i++) nextUint32();

  const rng: Rng = {
    next: () => nextUint32() / 4294967296,
    int: (min, max) => min + Math.floor(rng.next() * (max - min + 1)),
    chance: (probability) => rng.next() < probability,
    pick: <T>(items: readonly T[]): T => {
      const item = items[Math.floor(rng.next() * items.length)];
      if (item === undefined) throw new Error('pick from an empty list');
      return item;
    },
    chars: (alphabet, length) => {
      const codes = new Array<number>(length);
      for (let i = 0; i < length; i++) codes[i] = alphabet.charCodeAt(Math.floor(rng.next() * alphabet.length));
      return String.fromCharCode(...codes);
    },
    uuid: () => {
      // 8-4-4-4-12 hex digits from four 32-bit draws, version 4, RFC 4122 variant.
      const words = [nextUint32(), (nextUint32() & 0xffff0fff) | 0x00004000, ((nextUint32() & 0x3fffffff) | 0x80000000) >>> 0, nextUint32()];
      let out = 0;
      for (let w = 0; w < 4; w++) {
        const word = words[w] ?? 0;
        for (let shift = 28; shift >= 0; shift -= 4) {
          if (out === 8 || out === 13 || out === 18 || out === 23) UUID_CODES[out++] = 45;
          UUID_CODES[out++] = HEX_CODES[(word >>> shift) & 15] ?? 48;
        }
      }
      return String.fromCharCode(...UUID_CODES);
    },
    fork: (label) => createRng(`${key}/${label}`),
  };
  return rng;
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const LOWER_ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';
const BASE64ISH = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** 12 digits, never starting with 0. */
export function makeAccountId(rng: Rng): string {
  return String(rng.int(1, 9)) + rng.chars('0123456789', 11);
}

/** 21-character unique ids such as AIDA… (users), AROA… (roles), ANPA… (policies), AGPA… (groups). */
export function makeIamId(rng: Rng, prefix: 'AIDA' | 'AROA' | 'ANPA' | 'AGPA'): string {
  return prefix + rng.chars(BASE32, 17);
}

/** 20-character access key ids: AKIA… for long-term keys, ASIA… for temporary ones. */
export function makeAccessKeyId(rng: Rng, prefix: 'AKIA' | 'ASIA'): string {
  return prefix + rng.chars(BASE32, 16);
}

export function makeSecretAccessKey(rng: Rng): string {
  return rng.chars(BASE64ISH, 40);
}

export function makeLowerId(rng: Rng, prefix: string, length: number): string {
  return prefix + rng.chars(LOWER_ALNUM, length);
}

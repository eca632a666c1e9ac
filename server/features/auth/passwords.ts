/**
 * Password hashing with argon2id (OWASP's recommended parameters: 19 MiB, 2 passes, 1 lane) via
 * @node-rs/argon2, whose prebuilt binaries need no compiler. The PHC string carries its own
 * parameters, so stronger settings later still verify old hashes.
 */
import { hash, verify } from '@node-rs/argon2';

/** argon2id is algorithm 2 in @node-rs/argon2's const enum, which isolated modules cannot import. */
const ARGON2ID = 2;
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function passwordMatches(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    // A malformed stored hash verifies nothing.
    return false;
  }
}

/** A hash of nothing anyone knows, verified when the username does not exist so both answers take as long. */
let decoyHash: Promise<string> | null = null;
export async function verifyDecoy(password: string): Promise<void> {
  decoyHash ??= hashPassword(`decoy-${Math.random()}`);
  await passwordMatches(await decoyHash, password);
}

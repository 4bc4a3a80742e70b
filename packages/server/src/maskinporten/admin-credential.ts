/** The admin credential check: constant-time, on digests so the lengths do not leak either. */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export function credentialMatches(presented: string, expected: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();
  return timingSafeEqual(digest(presented), digest(expected));
}

/** A fresh admin credential for a server started without one. */
export function newAdminToken(): string {
  return randomBytes(24).toString('base64url');
}

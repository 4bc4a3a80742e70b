/**
 * Identity numbers never reach a log: any run of exactly 11 digits (a fødselsnummer, D- or H-nummer, or a
 * synthetic one) is replaced. Organisation numbers (9 digits) stay readable.
 */
const ELEVEN_DIGITS = /(?<!\d)\d{11}(?!\d)/g;

export function redactIdentityNumbers(text: string): string {
  return text.replace(ELEVEN_DIGITS, '***********');
}

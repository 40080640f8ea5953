/** Removes anything shaped like a Salesforce access token (`00D...!...`) or a bearer header from a message. */
export function redact(text: string): string {
  return text
    .replace(/00D[A-Za-z0-9]{12,15}![A-Za-z0-9._-]+/g, '<token>')
    .replace(/Bearer\s+[^\s"']+/gi, 'Bearer <token>');
}
